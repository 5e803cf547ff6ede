import { createSolverClient, type SolverClient } from '$lib/workers/solver-client';

/**
 * The one solver worker of the app (lazily started: the HiGHS wasm loads only when the first
 * gate or comparison needs it, so the first page load stays small).
 */
class SolverState {
  /** Gates that fell back to the main-thread baseline. */
  fallbacks = $state(0);
  #client: SolverClient | undefined;

  /** The worker client (starts the worker on first use). */
  client(): SolverClient {
    this.#client ??= createSolverClient({
      createWorker: () => new Worker(new URL('../workers/solver.worker.ts', import.meta.url), { type: 'module', name: 'greenslot-solver' })
    });
    return this.#client;
  }
}

/** The app's solver. */
export const solver = new SolverState();
