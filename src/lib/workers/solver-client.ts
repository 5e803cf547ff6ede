import { BaseError } from '$lib/core/errors';
import type { ScheduleInput, ScheduleResult } from '$lib/core/model/scheduler';
import type { StrategyName } from '$lib/core/model/strategy-name';
import type { CompareMessage, CompareRow, SchedulerName, WorkerRequest, WorkerResponse } from './protocol';

/** The solver did not answer within its budget (the worker is restarted). */
export class SolverTimeoutError extends BaseError {
  override name = 'SolverTimeoutError';
}

/** The worker reported an error or crashed. */
export class SolverWorkerError extends BaseError {
  override name = 'SolverWorkerError';
}

/** What the client needs from a Worker (lets tests pass a fake). */
export type WorkerLike = {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

/** Parameters of `createSolverClient`. */
export type CreateSolverClientParameters = {
  createWorker: () => WorkerLike;
  /** Default per-solve budget, ms (the gate's last minute minus a margin). */
  timeoutMs?: number;
};

/** Parameters of `SolverClient.solve`. */
export type SolveParameters = {
  input: ScheduleInput;
  scheduler?: SchedulerName;
  strategy?: StrategyName;
  timeoutMs?: number;
};

/** Parameters of `SolverClient.compare`. */
export type CompareParameters = Omit<CompareMessage, 'type' | 'id'> & {
  onProgress?: (p: { done: number; total: number; label: string }) => void;
  timeoutMs?: number;
};

/** Main-thread handle on the solver worker. */
export type SolverClient = {
  solve(params: SolveParameters): Promise<ScheduleResult & { workerMs: number }>;
  compare(params: CompareParameters): Promise<CompareRow[]>;
  terminate(): void;
};

type Pending = {
  resolve: (r: WorkerResponse) => void;
  reject: (e: Error) => void;
  onProgress?: CompareParameters['onProgress'];
  timer: ReturnType<typeof setTimeout>;
};

/**
 * Talks to solver.worker.ts over the typed protocol. A solve that overruns its budget rejects
 * with SolverTimeoutError and the worker is terminated (HiGHS's solve is synchronous and cannot
 * be interrupted); the next call starts a fresh worker.
 */
export function createSolverClient({ createWorker, timeoutMs = 55_000 }: CreateSolverClientParameters): SolverClient {
  let worker: WorkerLike | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(error: Error) {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(error);
    }
  }

  function kill() {
    worker?.terminate();
    worker = undefined;
  }

  function ensure(): WorkerLike {
    if (worker) return worker;
    const w = createWorker();
    w.onmessage = (event) => {
      const msg = event.data;
      const p = pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') {
        p.onProgress?.({ done: msg.done, total: msg.total, label: msg.label });
        return;
      }
      clearTimeout(p.timer);
      pending.delete(msg.id);
      if (msg.type === 'error') p.reject(new SolverWorkerError(msg.message));
      else p.resolve(msg);
    };
    w.onerror = (event) => {
      kill();
      failAll(new SolverWorkerError(`solver worker crashed: ${event.message ?? 'unknown error'}`));
    };
    worker = w;
    return w;
  }

  function call(message: WorkerRequest, budgetMs: number, onProgress?: CompareParameters['onProgress']): Promise<WorkerResponse> {
    const w = ensure();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(message.id);
        kill();
        // Anything else queued on the killed worker is lost too.
        failAll(new SolverTimeoutError(`solver did not answer within ${budgetMs} ms`));
        reject(new SolverTimeoutError(`solver did not answer within ${budgetMs} ms`));
      }, budgetMs);
      pending.set(message.id, { resolve, reject, onProgress, timer });
      w.postMessage(message);
    });
  }

  return {
    async solve({ input, scheduler = 'optimal', strategy, timeoutMs: budget = timeoutMs }) {
      const res = await call({ type: 'solve', id: nextId++, scheduler, strategy, input }, budget);
      if (res.type !== 'solved') throw new SolverWorkerError(`unexpected answer ${res.type}`);
      return { ...res.result, workerMs: res.workerMs };
    },
    async compare({ onProgress, timeoutMs: budget = 10 * 60_000, ...rest }) {
      const res = await call({ type: 'compare', id: nextId++, ...rest }, budget, onProgress);
      if (res.type !== 'compared') throw new SolverWorkerError(`unexpected answer ${res.type}`);
      return res.rows;
    },
    terminate() {
      kill();
      failAll(new SolverWorkerError('solver client terminated'));
    }
  };
}
