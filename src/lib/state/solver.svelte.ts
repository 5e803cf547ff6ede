import { createSolverClient, type SolverClient } from '$lib/workers/solver-client';

/**
 * The one solver worker of the app (lazily started: the HiGHS wasm loads only when the first
 * gate or comparison needs it, so the first page load stays small).
 */
class SolverState {
  /** Gates that fell back to the main-thread baseline. */
  fallbacks = $state(0);
  #client: SolverClient | undefined;
  #compareClient: SolverClient | undefined;

  /** The gate/dry-run worker (started on first use). */
  client(): SolverClient {
    this.#client ??= createSolverClient({
      createWorker: () => new Worker(new URL('../workers/solver.worker.ts', import.meta.url), { type: 'module', name: 'greenslot-solver' })
    });
    return this.#client;
  }

  /** A second worker for strategy comparisons, so a long comparison never delays (or times out) a live gate. */
  compareClient(): SolverClient {
    this.#compareClient ??= createSolverClient({
      createWorker: () => new Worker(new URL('../workers/solver.worker.ts', import.meta.url), { type: 'module', name: 'greenslot-compare' })
    });
    return this.#compareClient;
  }
}

/** The app's solver. */
export const solver = new SolverState();
