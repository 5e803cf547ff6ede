import type { ValidationIssue } from '$lib/core/errors';
import type { ImportMode } from '$lib/core/ocpi/importIssues';
import type { ImportKindName, ImportRow } from '$lib/data/db';
import type { ParseImportOptions } from './parse-import';

/**
 * Messages between the import page and import.worker.ts. The File itself is posted (a Blob is
 * cloned by reference, not copied); the worker reads, parses AND writes it to IndexedDB, so only
 * progress and the import's report come back to the page (never the parsed rows).
 */

/** Parse one file (or pasted text) of the given kind and write it in one transaction. */
export type ImportRequest = {
  type: 'import';
  id: number;
  kind: ImportKindName;
  /** A picked/dropped file, or pasted text. */
  source: { file: Blob; name: string } | { text: string; name: string };
  mode: ImportMode;
  options: ParseImportOptions;
  /** Site that status patches without a location id, and generation mixes, go to. */
  siteId?: string;
};

/** Phases of an import: reading the file (bytes), parsing it, writing rows to the database (rows). */
export type ImportStage = 'reading' | 'parsing' | 'writing';

/** What an import ended with: its stored report, or the reasons nothing was written. */
export type ImportOutcome =
  | {
      ok: true;
      row: ImportRow;
      /** Sites the import wrote (Locations: in file order; a generation mix: the site it went to). */
      siteIds: string[];
      parseMs: number;
      writeMs: number;
    }
  | { ok: false; issues: ValidationIssue[] };

/** Messages from the import worker. */
export type ImportResponse =
  | { type: 'progress'; id: number; stage: ImportStage; done: number; total: number }
  | { type: 'done'; id: number; outcome: ImportOutcome }
  | { type: 'error'; id: number; message: string };
