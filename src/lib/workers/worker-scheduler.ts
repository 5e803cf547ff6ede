import type { Scheduler } from '$lib/core/model/scheduler';
import type { StrategyName } from '$lib/core/model/strategy-name';
import type { SchedulerName } from './protocol';
import type { SolverClient } from './solver-client';

/** Parameters of `workerScheduler`. */
export type WorkerSchedulerParameters = {
  client: SolverClient;
  scheduler?: SchedulerName;
  strategy?: StrategyName;
  /** Budget per gate, ms (the gate's last minute minus a margin). */
  timeoutMs?: number;
  /** Runs on the main thread when the worker fails (a cheap baseline such as EDF). */
  fallback: Scheduler;
  /** Told about every fallback (the app shows a banner). */
  onFallback?: (reason: string) => void;
};

/**
 * A core `Scheduler` whose solves happen in the worker. When the worker errors or overruns its
 * budget, the gate still gets a result: the fallback scheduler's, marked `status: 'fallback'`.
 */
export function workerScheduler({
  client,
  scheduler = 'optimal',
  strategy,
  timeoutMs = 55_000,
  fallback,
  onFallback
}: WorkerSchedulerParameters): Scheduler {
  return async (input) => {
    try {
      const { workerMs: _w, ...result } = await client.solve({ input, scheduler, strategy: input.strategy ?? strategy, timeoutMs });
      if (result.status === 'fallback' && result.fallbackReason) onFallback?.(result.fallbackReason);
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      onFallback?.(reason);
      const res = await fallback(input);
      return { ...res, scheduler: `${res.scheduler}-fallback`, status: 'fallback', fallbackReason: reason };
    }
  };
}
