import type { Metrics } from '../../src/lib/core/metrics/compute-metrics';

/** The metrics as the CLI prints them: issue 2's keys first, then the rest, then run facts. */
export function metricsOutput({ metrics, extra = {} }: { metrics: Metrics; extra?: Record<string, unknown> }): Record<string, unknown> {
  const { energyDeliveredPct, demandsMetPct, peakKw, greenSharePct, co2GPerKWh, violationsKwSlots, solveMsP50, solveMsMax, sessions, gates, ...rest } = metrics;
  return {
    energyDeliveredPct,
    demandsMetPct,
    peakKw,
    greenSharePct,
    co2GPerKWh,
    violationsKwSlots,
    solveMsP50,
    solveMsMax,
    sessions,
    gates,
    ...rest,
    ...extra,
    // Peak memory of this process: the bench harness records it per run.
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    // CPU time of this process: on a shared machine wall time alone says little (bench month part).
    cpuMs: cpuMs()
  };
}

/** CPU time (user + system) of this process so far, ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}
