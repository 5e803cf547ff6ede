import { BaseError } from '$lib/core/errors';
import type { ImportRequest, ImportResponse } from './import-protocol';
import type { ParseImportResult } from './parse-import';

/** The import worker failed (a bug or a crash, not a bad file: bad files are `ok: false` results). */
export class ImportWorkerError extends BaseError {
  override name = 'ImportWorkerError';
}

/** What the client needs from a Worker (tests pass a fake). */
export type ImportWorkerLike = {
  postMessage(message: ImportRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<ImportResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

/** Progress of a running parse. */
export type ImportProgress = { stage: 'reading' | 'parsing'; doneBytes: number; totalBytes: number };

/** Parameters of `parseInWorker`. */
export type ParseInWorkerParameters = Omit<ImportRequest, 'type' | 'id'> & {
  createWorker: () => ImportWorkerLike;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
};

let nextId = 1;

/**
 * Parses one file in a fresh import worker and resolves with its result; the worker is ended
 * afterwards (a parse holds the whole file's data, which should not outlive it). Aborting ends it at once.
 */
export function parseInWorker({ createWorker, onProgress, signal, ...request }: ParseInWorkerParameters): Promise<ParseImportResult & { workerMs?: number }> {
  const id = nextId++;
  const worker = createWorker();
  return new Promise((resolve, reject) => {
    const end = () => worker.terminate();
    signal?.addEventListener('abort', () => {
      end();
      reject(new ImportWorkerError('import cancelled'));
    });
    worker.onmessage = (event) => {
      const msg = event.data;
      if (msg.id !== id) return;
      if (msg.type === 'progress') return onProgress?.({ stage: msg.stage, doneBytes: msg.doneBytes, totalBytes: msg.totalBytes });
      end();
      if (msg.type === 'parsed') resolve({ ...msg.result, workerMs: msg.workerMs });
      else reject(new ImportWorkerError(msg.message));
    };
    worker.onerror = (event) => {
      end();
      reject(new ImportWorkerError(`import worker crashed: ${event.message ?? 'unknown error'}`));
    };
    worker.postMessage({ type: 'parse', id, ...request });
  });
}

/** A new browser import worker (the bundler emits import.worker.ts as its own chunk). */
export function createImportWorker(): ImportWorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'greenslot-import' }) as unknown as ImportWorkerLike;
}
