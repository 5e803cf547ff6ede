import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ValidationError } from '../../src/lib/core/errors';

/** Read a UTF-8 file; a missing or unreadable file is a ValidationError naming it (exit 1, not a crash). */
export function readTextFile({ path }: { path: string }): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'expected a file, got a directory' : `could not be read (${code ?? String(error)})`;
    throw new ValidationError([{ file: path, where: '$', message: why }]);
  }
}

/** Short display name of a file for messages. */
export function fileLabel(path: string): string {
  return basename(path);
}
