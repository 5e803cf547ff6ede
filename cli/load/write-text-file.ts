import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ValidationError } from '../../src/lib/core/errors';

/** Write a text file, creating its folder; a directory, a missing permission or a file in the way is a ValidationError naming the path (exit 1). */
export function writeTextFile({ path, text }: { path: string; text: string }): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EISDIR'
        ? 'expected a file path, got a directory (add a file name such as gate.lp)'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file stands where a folder of this path should be'
          : code === 'EACCES' || code === 'EPERM'
            ? 'no permission to write here'
            : `could not be written (${code ?? String(error)})`;
    throw new ValidationError([{ file: path, where: '$', message: why }]);
  }
}
