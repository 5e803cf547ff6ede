import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/create-engine';
import { arbitraryRequests } from '../engine/testing/arbitrary-requests';
import type { Scheduler } from '../model/scheduler';
import { optimizeCharging } from '../optimization/optimize-charging';
import type { ChargingRequest } from '../model/charging-request';
import { smallSite, TEST_TIMELINE } from '../testing/small-site';
import { edfScheduler } from './edf';
import { fcfsScheduler } from './fcfs';
import { llfScheduler } from './llf';
import { createOfflineScheduler } from './offline-optimum';
import { roundRobinScheduler } from './round-robin';

/**
 * Issue 10 item 6: under the same engine the offline optimum is never below any online strategy
 * that keeps to the limits, on energy delivered. The fairness term may trade at most
 * fairness·mean(kWh)/shortfall of energy (docs/optimization.md): ≈ 5·40/1000 = 0.2 kWh here.
 */
const FAIRNESS_TRADE_KWH = 0.2;

// A tight root and EVSE minimums: the grid binds, and near-full batteries (SoC up to 0.99) accept
// less than the 4.14-kW minimum, the case that left the old offline MILP below the live optimizer.
const site = smallSite({ rootLimitKw: 12, feederLimitKw: 9, evses: 4, evseMaxKw: 11, evseMinKw: 4.14 });

const ONLINE: [string, Scheduler][] = [
  ['optimal', (input) => optimizeCharging(input)],
  ['edf', edfScheduler],
  ['llf', llfScheduler],
  ['rr', roundRobinScheduler],
  ['fcfs', fcfsScheduler]
];

async function delivered(requests: ChargingRequest[], scheduler: Scheduler): Promise<number> {
  const snapshot = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler, strategy: 'balanced' }).runToEnd();
  return snapshot.sessions.reduce((a, s) => a + s.deliveredKWh, 0);
}

/** Random days with some near-full batteries mixed in. */
const days = arbitraryRequests({ site, maxRequests: 6 }).chain((requests) =>
  fc.array(fc.double({ min: 0.9, max: 0.99, noNaN: true }), { minLength: requests.length, maxLength: requests.length }).map((socs) =>
    requests.map((r, i) => (i % 3 === 0 ? { ...r, batteryKWh: 40, arrivalSoc: socs[i], energyKWh: Math.min(r.energyKWh, 40 * (1 - socs[i])) } : r))
  )
);

describe('offline optimum as the yardstick', () => {
  it('delivers at least as much energy as every online strategy that keeps to the limits, on random days', async () => {
    await fc.assert(
      fc.asyncProperty(days, async (requests) => {
        const offline = await delivered(requests, createOfflineScheduler({ site, timeline: TEST_TIMELINE, requests, strategy: 'balanced' }));
        for (const [name, scheduler] of ONLINE) {
          const online = await delivered(requests, scheduler);
          expect(offline, `offline vs ${name}`).toBeGreaterThanOrEqual(online - FAIRNESS_TRADE_KWH);
        }
      }),
      { numRuns: 12, seed: 11 }
    );
  }, 120_000);

  it('charges a near-full battery that accepts less than the EVSE minimum, like the baselines and the engine', async () => {
    const request: ChargingRequest = {
      id: 'full',
      requestMs: TEST_TIMELINE.startMs,
      arrivalMs: TEST_TIMELINE.startMs,
      departureMs: TEST_TIMELINE.startMs + 3 * 3_600_000,
      energyKWh: 0.8,
      vehicleMaxKw: 11,
      evseId: 'e0',
      preference: 'balanced',
      batteryKWh: 40,
      arrivalSoc: 0.98
    };
    const offline = await delivered([request], createOfflineScheduler({ site, timeline: TEST_TIMELINE, requests: [request], strategy: 'balanced' }));
    expect(offline).toBeCloseTo(0.8, 6);
    for (const [, scheduler] of ONLINE) expect(await delivered([request], scheduler)).toBeCloseTo(0.8, 6);
  });
});
