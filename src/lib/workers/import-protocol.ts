import type { ImportMode } from '$lib/core/ocpi/importIssues';
import type { ImportKindName } from '$lib/data/db';
import type { ParseImportOptions, ParseImportResult } from './parse-import';

/**
 * Messages between the import page and import.worker.ts. The File itself is posted (a Blob is
 * cloned by reference, not copied), so the worker reads and parses it off the main thread.
 */

/** Parse one file (or pasted text) of the given kind. */
export type ImportRequest = {
  type: 'parse';
  id: number;
  kind: ImportKindName;
  /** A picked/dropped file, or pasted text. */
  source: { file: Blob; name: string } | { text: string; name: string };
  mode: ImportMode;
  options: ParseImportOptions;
};

/** Messages from the import worker. */
export type ImportResponse =
  | { type: 'progress'; id: number; stage: 'reading' | 'parsing'; doneBytes: number; totalBytes: number }
  | { type: 'parsed'; id: number; result: ParseImportResult; workerMs: number }
  | { type: 'error'; id: number; message: string };
