import type { Site } from '../../src/lib/core/grid/site';
import type { StrategyName } from '../../src/lib/core/model/strategy-name';
import type { ChargingRequest } from '../../src/lib/core/model/charging-request';
import type { Timeline } from '../../src/lib/core/time/timeline';
import type { EngineSnapshot } from '../../src/lib/core/engine/types';
import { createEngine } from '../../src/lib/core/engine/create-engine';
import { schedulerByName } from '../../src/lib/core/baselines/scheduler-registry';
import { computeMetrics, type Metrics } from '../../src/lib/core/metrics/compute-metrics';
import { resolveStrategy, type CliStrategy } from './cli-strategies';


export type RunScenarioParams = {
  site: Site;
  timeline: Timeline;
  requests: readonly ChargingRequest[];
  strategy: CliStrategy;
  /** Optimizer preset when strategy is `optimal` or `offline`. */
  preset?: StrategyName;
  /** Solver budget per gate, ms (engine default when absent). */
  timeLimitMs?: number;
  /** Budget of the offline optimum's one big solve, ms (default 300 s: it is an evaluation bound, not a gate). */
  offlineTimeLimitMs?: number;
  onProgress?: (slotsDone: number, slotsTotal: number) => void;
};

/** Result of a run: the metrics, the final snapshot and its wall time. */
export type RunScenarioResult = { metrics: Metrics; snapshot: EngineSnapshot; wallMs: number };

/** Run the engine over the whole timeline with one strategy and compute its metrics. */
export async function runScenario({ site, timeline, requests, strategy, preset = 'balanced', timeLimitMs, offlineTimeLimitMs = 300_000, onProgress }: RunScenarioParams): Promise<RunScenarioResult> {
  const { scheduler: schedulerName, preset: optimizerPreset } = resolveStrategy({ strategy, preset });
  const started = performance.now();
  const scheduler = schedulerByName(schedulerName, { site, timeline, requests, strategy: optimizerPreset, timeLimitMs: offlineTimeLimitMs });
  const engine = createEngine({ site, timeline, requests, scheduler, schedulerName, strategy: optimizerPreset, timeLimitMs });
  const snapshot = await engine.runToEnd({ onProgress: onProgress ? (p) => onProgress(p.slotsDone, p.slotsTotal) : undefined });
  const metrics = computeMetrics({ site, snapshot });
  return { metrics, snapshot, wallMs: performance.now() - started };
}
