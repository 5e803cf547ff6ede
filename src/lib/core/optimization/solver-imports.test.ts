import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('solver imports', () => {
  it('keeps GLPK out of the app and worker bundles: only glpk-adapter.ts loads glpk.js, lazily, and no app code imports the adapter', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(LIB)) {
      const name = relative(LIB, file);
      const text = readFileSync(file, 'utf8');
      if (name.endsWith('glpk-adapter.ts')) {
        // The adapter itself may only import glpk.js types statically; the module comes by import().
        if (/^import (?!type )[^;]*from 'glpk\.js/m.test(text)) offenders.push(`${name}: static glpk.js import`);
        continue;
      }
      if (/from '[^']*glpk-adapter'|import\('[^']*glpk-adapter'\)|from 'glpk\.js/.test(text)) offenders.push(name);
    }
    expect(offenders).toEqual([]);
  });
});
