import { ValidationError } from '$lib/core/errors';
import type { GreenSlotDb } from '$lib/data/db';
import { commitImport } from '$lib/data/commit-import';
import type { ImportRequest, ImportResponse, ImportStage } from './import-protocol';
import { createImportParser } from './parse-import';

/** Parameters of `runImportJob`. */
export type RunImportJobParameters = {
  request: ImportRequest;
  /** The worker's own connection to the app database. */
  db: GreenSlotDb;
  post: (message: ImportResponse) => void;
  /** Least time between two progress messages of one stage, ms (the page repaints, not more). */
  progressEveryMs?: number;
  now?: () => number;
};

/**
 * One import as the worker runs it: streams the file into the parser (progress in bytes), then
 * writes the result in ONE Dexie transaction (progress in rows) and posts only the report. A
 * rejected file or a rejected write posts its issues and leaves the database unchanged.
 */
export async function runImportJob({ request: msg, db, post, progressEveryMs = 50, now = () => performance.now() }: RunImportJobParameters): Promise<void> {
  const t0 = now();
  let last = { stage: '' as ImportStage | '', at: -Infinity };
  const progress = (stage: ImportStage, done: number, total: number, force = false) => {
    const t = now();
    if (!force && stage === last.stage && t - last.at < progressEveryMs) return;
    last = { stage, at: t };
    post({ type: 'progress', id: msg.id, stage, done, total });
  };
  try {
    const parser = createImportParser({ kind: msg.kind, file: msg.source.name, mode: msg.mode, options: msg.options });
    if ('text' in msg.source) {
      parser.push(msg.source.text);
    } else {
      const totalBytes = msg.source.file.size;
      let doneBytes = 0;
      const reader = msg.source.file.stream().getReader();
      const decoder = new TextDecoder('utf-8');
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        doneBytes += value.byteLength;
        parser.push(decoder.decode(value, { stream: true }));
        progress('reading', doneBytes, totalBytes);
      }
      parser.push(decoder.decode());
      progress('parsing', doneBytes, totalBytes, true);
    }
    const result = parser.finish();
    const parseMs = now() - t0;
    if (!result.ok) return post({ type: 'done', id: msg.id, outcome: { ok: false, issues: result.issues } });
    const { parsed } = result;
    progress('writing', 0, 1, true);
    let row;
    try {
      row = await commitImport({
        db,
        parsed,
        leftOut: result.leftOut,
        warnings: result.warnings,
        mode: msg.mode,
        file: msg.source.name,
        siteId: msg.siteId,
        onProgress: ({ doneRows, totalRows }) => progress('writing', doneRows, totalRows)
      });
    } catch (e) {
      if (e instanceof ValidationError) return post({ type: 'done', id: msg.id, outcome: { ok: false, issues: e.issues } });
      throw e;
    }
    const siteIds = parsed.kind === 'ocpi-locations' ? parsed.locations.map((l) => l.site.id) : ('series' in parsed || parsed.kind === 'ocpi-tariffs') && msg.siteId ? [msg.siteId] : [];
    post({ type: 'done', id: msg.id, outcome: { ok: true, row, siteIds, parseMs, writeMs: now() - t0 - parseMs } });
  } catch (error) {
    post({ type: 'error', id: msg.id, message: error instanceof Error ? error.message : String(error) });
  }
}
