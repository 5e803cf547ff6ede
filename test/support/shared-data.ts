/**
 * Where the real public data lives (`../shared/data` beside the project's root). A user's clone
 * does not have it, so tests that read it must skip cleanly, with a message, when it is absent:
 *
 *   describe.skipIf(!hasSharedData())('replay of ACN-Data', () => { ... })
 *   // plus: if (!hasSharedData()) console.warn(SHARED_DATA_MISSING)
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of ../shared/data (may not exist). */
export const SHARED_DATA_DIR = process.env.GREENSLOT_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');

/** The message printed when tests skip for lack of the data folder. */
export const SHARED_DATA_MISSING = `skipping: real-data tests need ${SHARED_DATA_DIR} (absent in a plain clone)`;

/** True when the shared data folder is present. */
export function hasSharedData(): boolean {
  return existsSync(SHARED_DATA_DIR);
}

/** Path of a file inside the shared data folder. */
export function sharedDataPath(...parts: string[]): string {
  return resolve(SHARED_DATA_DIR, ...parts);
}
