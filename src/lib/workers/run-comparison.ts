import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import { createEngine } from '$lib/core/engine/engine';
import { computeMetrics } from '$lib/core/metrics/compute-metrics';
import { schedulerByName } from '$lib/core/baselines/scheduler-registry';
import type { CompareRow, CompareRun } from './protocol';

/** The site with its root node's kW limit replaced (a finite limit ≥ 0 only; the site is not mutated). */
export function withRootLimit({ site, rootLimitKw }: { site: Site; rootLimitKw?: number }): Site {
  if (rootLimitKw === undefined || !Number.isFinite(rootLimitKw) || rootLimitKw < 0) return site;
  return { ...site, nodes: site.nodes.map((n) => (n.parentId === null ? { ...n, limitKw: rootLimitKw } : n)) };
}

/** Parameters of `runComparison`. */
export type RunComparisonParameters = {
  site: Site;
  timeline: Timeline;
  requests: ChargingRequest[];
  startSlot?: number;
  endSlot?: number;
  runs: CompareRun[];
  timeLimitMs?: number;
  /** The grid connection's (root node's) kW limit for every run; default: the site's own. */
  rootLimitKw?: number;
  onProgress?: (p: { done: number; total: number; label: string }) => void;
};

/**
 * Runs the same day (same site, same requests) under each scheduler through the engine and
 * returns the KPI row of each. Runs in the worker; progress is reported per slot.
 */
export async function runComparison({ site: givenSite, timeline, requests, startSlot, endSlot, runs, timeLimitMs, rootLimitKw, onProgress }: RunComparisonParameters): Promise<CompareRow[]> {
  const site = withRootLimit({ site: givenSite, rootLimitKw });
  const rows: CompareRow[] = [];
  let done = 0;
  for (const run of runs) {
    const t0 = performance.now();
    const scheduler = schedulerByName(run.scheduler, { strategy: run.strategy, site, timeline, requests, timeLimitMs: 4 * (timeLimitMs ?? 20_000) });
    const engine = createEngine({ site, timeline, requests, scheduler, schedulerName: run.label, strategy: run.strategy, startSlot, endSlot, timeLimitMs });
    const snapshot = await engine.runToEnd({
      onProgress: (p) => onProgress?.({ done: done + p.slotsDone / p.slotsTotal, total: runs.length, label: run.label })
    });
    const m = computeMetrics({ snapshot, site });
    rows.push({
      label: run.label,
      scheduler: run.scheduler,
      strategy: run.strategy,
      energyDeliveredPct: m.energyDeliveredPct,
      demandsMetPct: m.demandsMetPct,
      peakKw: m.peakKw,
      violationsKwSlots: m.violationsKwSlots,
      greenSharePct: m.greenSharePct,
      co2GPerKWh: m.co2GPerKWh,
      cost: m.cost,
      solveMsP50: m.solveMsP50,
      solveMsMax: m.solveMsMax,
      sessions: m.sessions,
      fallbacks: snapshot.gates.filter((g) => g.status === 'fallback').length,
      wallMs: performance.now() - t0
    });
    done++;
    onProgress?.({ done, total: runs.length, label: run.label });
  }
  return rows;
}
