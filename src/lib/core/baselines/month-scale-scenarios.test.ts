import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import { computeMetrics } from '../metrics/compute-metrics';
import { optimizeCharging } from '../optimization/optimize-charging';
import type { Scheduler } from '../model/scheduler';
import { simulateChargingRequests } from '../simulation/simulate-charging-requests';
import { smallSite } from '../testing/small-site';
import { edfScheduler } from './edf';
import { createOfflineScheduler } from './offline-optimum';

/**
 * Scenario table (issue 11): the optimizer at 15- and 5-minute slots, tight and loose limits, with
 * and without EVSE minimums — properties, not objective values: no grid violation, every request
 * decided, energy not below EDF's, and the offline optimum not below the optimizer.
 */
const SCENARIOS = [
  { name: '15-min slots, tight root, 4.1-kW minimums', slotMinutes: 15, rootLimitKw: 14, evseMinKw: 4.14 },
  { name: '15-min slots, loose root, no minimums', slotMinutes: 15, rootLimitKw: 200, evseMinKw: 0 },
  { name: '5-min slots, tight root, 4.1-kW minimums', slotMinutes: 5, rootLimitKw: 14, evseMinKw: 4.14 },
  { name: '5-min slots, loose root, 1.4-kW minimums', slotMinutes: 5, rootLimitKw: 200, evseMinKw: 1.38 }
] as const;

describe('the optimizer on a simulated workplace day', () => {
  it.each(SCENARIOS)('$name: no violation, not below EDF, offline not below it', async ({ slotMinutes, rootLimitKw, evseMinKw }) => {
    const site = smallSite({ rootLimitKw, feederLimitKw: 200, evses: 6, evseMaxKw: 11, evseMinKw });
    const startMs = Date.UTC(2026, 2, 2);
    const timeline = { startMs, slotMinutes };
    const { requests } = simulateChargingRequests({ site, timeline, preset: 'workplace', evs: 5, days: 1, seed: 3, startMs });
    const run = async (scheduler: Scheduler) => {
      const snapshot = await createEngine({ site, timeline, requests, scheduler, strategy: 'balanced' }).runToEnd();
      return { snapshot, metrics: computeMetrics({ site, snapshot }) };
    };
    // The MILP search is not cut short by the wall clock (a loaded machine must not change the answer).
    const optimal = await run((input) => optimizeCharging(input, { milpSearchMs: 60_000 }));
    const edf = await run(edfScheduler);
    const offline = await run(createOfflineScheduler({ site, timeline, requests, strategy: 'balanced' }));
    expect(optimal.metrics.violationsKwSlots).toBeLessThanOrEqual(1e-6);
    expect(offline.metrics.violationsKwSlots).toBeLessThanOrEqual(1e-6);
    expect(optimal.snapshot.gates.filter((g) => g.status === 'fallback')).toEqual([]);
    expect(optimal.snapshot.sessions.length + optimal.snapshot.rejected.length).toBe(requests.length);
    expect(optimal.metrics.deliveredKWh).toBeGreaterThanOrEqual(edf.metrics.deliveredKWh - 0.05);
    expect(offline.metrics.deliveredKWh).toBeGreaterThanOrEqual(optimal.metrics.deliveredKWh - 0.05);
  }, 120_000);
});
