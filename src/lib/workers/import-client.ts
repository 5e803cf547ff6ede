import { BaseError } from '$lib/core/errors';
import type { ImportOutcome, ImportRequest, ImportResponse, ImportStage } from './import-protocol';

/** The import worker failed (a bug or a crash, not a bad file: bad files are `ok: false` outcomes). */
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

/** Progress of a running import: bytes while reading/parsing, rows while writing. */
export type ImportProgress = { stage: ImportStage; done: number; total: number };

/** Parameters of `importInWorker`. */
export type ImportInWorkerParameters = Omit<ImportRequest, 'type' | 'id'> & {
  createWorker: () => ImportWorkerLike;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
};

let nextId = 1;

/**
 * Imports one file in a fresh import worker (it parses AND writes it) and resolves with the
 * outcome: the stored report, or the issues that left the database unchanged. The worker is ended
 * afterwards; aborting ends it at once (an unfinished write transaction is then rolled back).
 */
export function importInWorker({ createWorker, onProgress, signal, ...request }: ImportInWorkerParameters): Promise<ImportOutcome> {
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
      if (msg.type === 'progress') return onProgress?.({ stage: msg.stage, done: msg.done, total: msg.total });
      end();
      if (msg.type === 'done') resolve(msg.outcome);
      else reject(new ImportWorkerError(msg.message));
    };
    worker.onerror = (event) => {
      end();
      reject(new ImportWorkerError(`import worker crashed: ${event.message ?? 'unknown error'}`));
    };
    worker.postMessage({ type: 'import', id, ...request });
  });
}

/** A new browser import worker (the bundler emits import.worker.ts as its own chunk). */
export function createImportWorker(): ImportWorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'greenslot-import' }) as unknown as ImportWorkerLike;
}
