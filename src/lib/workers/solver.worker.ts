/// <reference lib="webworker" />
import wasmUrl from 'highs/runtime?url';
import { loadHighs } from '$lib/core/optimization/highs-adapter';
import { schedulerByName } from '$lib/core/baselines/scheduler-registry';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { runComparison } from './run-comparison';

/**
 * The solver worker: HiGHS (wasm) and the core schedulers run here, never on the main thread.
 * The wasm URL comes from the bundler, so the service worker precaches it like any asset.
 */
declare const self: DedicatedWorkerGlobalScope;

// Loads once; the core's optimizer reuses the cached module.
const highsReady = loadHighs({ locateFile: () => wasmUrl });

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  try {
    if (msg.type === 'solve') {
      await highsReady;
      const t0 = performance.now();
      const scheduler = schedulerByName(msg.scheduler, { strategy: msg.strategy });
      const result = await scheduler({ ...msg.input, strategy: msg.input.strategy ?? msg.strategy });
      post({ type: 'solved', id: msg.id, result, workerMs: performance.now() - t0 });
    } else if (msg.type === 'compare') {
      await highsReady;
      const rows = await runComparison({
        ...msg,
        onProgress: (p) => post({ type: 'progress', id: msg.id, ...p })
      });
      post({ type: 'compared', id: msg.id, rows });
    }
  } catch (error) {
    post({ type: 'error', id: msg.id, message: error instanceof Error ? error.message : String(error) });
  }
};
