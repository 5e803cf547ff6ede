import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing/run-cli-captured';

describe('greenslot bench', () => {
  it('builds and solves one small gate with HiGHS and writes the LP file', async () => {
    const lp = join(mkdtempSync(join(tmpdir(), 'greenslot-bench-')), 'gate.lp');
    const run = await runCliCaptured(['bench', '--evs', '5', '--slots', '8', '--write-lp', lp, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ evs: 5, slots: 8, solver: 'highs', status: 'optimal' });
    for (const key of ['buildMs', 'solveMs', 'objective', 'variables', 'constraints']) expect(typeof out[key]).toBe('number');
    expect(existsSync(lp)).toBe(true);
    expect(readFileSync(lp, 'utf8')).toMatch(/^\\ greenslot bench --evs 5/);
  });

  it('solves the same gate with GLPK to the same objective', async () => {
    const highs = JSON.parse((await runCliCaptured(['bench', '--evs', '4', '--slots', '6', '--json'])).stdout);
    const glpk = JSON.parse((await runCliCaptured(['bench', '--evs', '4', '--slots', '6', '--solver', 'glpk', '--json'])).stdout);
    expect(glpk.status).toBe('optimal');
    expect(Math.abs(glpk.objective - highs.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(highs.objective)));
  });

  it('error: --solver must be highs or glpk', async () => {
    const run = await runCliCaptured(['bench', '--solver', 'cplex']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('highs|glpk');
  });
});
