import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edfScheduler } from '../baselines/edf';
import { fcfsScheduler } from '../baselines/fcfs';
import { llfScheduler } from '../baselines/llf';
import { roundRobinScheduler } from '../baselines/round-robin';
import { arbitraryLineToLineSite, arbitrarySite } from '../testing/arbitrary-gates';
import { TEST_TIMELINE } from '../testing/small-site';
import { uncontrolledScheduler } from '../baselines/uncontrolled';
import { buildGridRows, evaluateGridRows } from '../grid/grid-rows';
import type { Scheduler } from '../model/scheduler';
import { gateForRequest } from '../time/gates';
import { createEngine } from './create-engine';
import { arbitraryRequests } from './testing/arbitrary-requests';
import type { EngineSnapshot } from './types';

const TOL = 1e-6;
const H = 0.25;
const scenario = fc.oneof(arbitrarySite, arbitraryLineToLineSite).chain((site) => arbitraryRequests({ site }).map((requests) => ({ site, requests })));
const SCHEDULERS: [string, Scheduler, boolean][] = [
  ['fcfs', fcfsScheduler, true],
  ['edf', edfScheduler, true],
  ['llf', llfScheduler, true],
  ['rr', roundRobinScheduler, true],
  ['uncontrolled', uncontrolledScheduler, false]
];
const timeless = (s: EngineSnapshot) => ({ ...s, gates: s.gates.map((g) => ({ ...g, buildMs: 0, solveMs: 0, wallMs: 0 })) });

describe.each(SCHEDULERS)('engine running %s', (_name, scheduler, respectsRows) => {
  it(`delivers within EVSE max, windows, requests${respectsRows ? ' and grid rows' : ''}, conserves energy, and ends sessions at departure`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ site, requests }) => {
        const snap = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler }).runToEnd();
        expect(snap.done).toBe(true);
        const evseMax = new Map(site.evses.map((e) => [e.id, e.maxKw]));
        const byId = new Map(requests.map((r) => [r.id, r]));
        for (const s of snap.sessions) {
          const r = byId.get(s.id)!;
          const { firstChargeSlot } = gateForRequest({ timeline: TEST_TIMELINE, requestMs: r.requestMs });
          expect(s.startSlot).toBeGreaterThanOrEqual(firstChargeSlot); // late requests wait one more slot
          expect(s.startSlot + s.kwBySlot.length).toBeLessThanOrEqual(s.endSlot);
          expect(s.deliveredKWh).toBeLessThanOrEqual(s.requestedKWh + TOL);
          expect(s.greenKWh).toBeLessThanOrEqual(s.deliveredKWh + TOL);
          expect(s.kwBySlot.reduce((a, kw) => a + kw * H, 0)).toBeCloseTo(s.deliveredKWh, 6);
          for (const kw of s.kwBySlot) expect(kw).toBeLessThanOrEqual(Math.min(s.maxKw, r.vehicleMaxKw) + TOL);
          expect(s.status).toBe('finished');
          expect(s.finishedSlot!).toBeLessThan(s.endSlot);
        }
        const delivered = snap.sessions.reduce((a, s) => a + s.deliveredKWh, 0);
        expect(snap.slots.reduce((a, r) => a + r.evEnergyKWh, 0)).toBeCloseTo(delivered, 6);
        for (const record of snap.slots) {
          const kwByEvse: Record<string, number> = {};
          for (const s of snap.sessions) {
            const kw = s.kwBySlot[record.slot - s.startSlot] ?? 0;
            kwByEvse[s.evseId] = (kwByEvse[s.evseId] ?? 0) + kw;
          }
          for (const [evseId, kw] of Object.entries(kwByEvse)) expect(kw).toBeLessThanOrEqual(evseMax.get(evseId)! + TOL);
          if (respectsRows) {
            expect(record.overKw).toBe(0);
            const rows = buildGridRows({ site, slots: [record.slot] });
            for (const o of evaluateGridRows({ rows, slotIndex: 0, kwByEvse })) expect(o.overKw).toBeLessThanOrEqual(TOL);
          }
        }
        // Every request is accounted for exactly once.
        const seen = [...snap.sessions.map((s) => s.id), ...snap.queued.map((q) => q.requestId), ...snap.rejected.map((r) => r.requestId)];
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(requests.length);
        // No two sessions overlap on an EVSE.
        for (const a of snap.sessions) {
          for (const b of snap.sessions) {
            if (a.id < b.id && a.evseId === b.evseId) expect(a.endSlot <= b.startSlot || b.endSlot <= a.startSlot).toBe(true);
          }
        }
      }),
      { numRuns: 40, seed: 3 }
    );
  });

  it('gives the same snapshot for the same input', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ site, requests }) => {
        const a = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler }).runToEnd();
        const b = await createEngine({ site, timeline: TEST_TIMELINE, requests: [...requests], scheduler }).runToEnd();
        expect(timeless(b)).toEqual(timeless(a));
      }),
      { numRuns: 10, seed: 5 }
    );
  });
});

describe('engine running EDF on an uncongested site', () => {
  it('meets every admitted demand that fits in its window', async () => {
    const roomy = arbitrarySite.map((site) => ({ ...site, nodes: site.nodes.map((n) => ({ ...n, limitKw: 10_000 })) }));
    const scenario = roomy.chain((site) =>
      arbitraryRequests({ site }).map((requests) => ({ site, requests: requests.map(({ batteryKWh: _b, arrivalSoc: _a, ...r }) => r) }))
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ site, requests }) => {
        const snap = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: edfScheduler }).runToEnd();
        for (const s of snap.sessions) {
          const fits = s.requestedKWh <= s.maxKw * (s.endSlot - s.startSlot) * H;
          if (fits) expect(s.deliveredKWh).toBeCloseTo(s.requestedKWh, 6);
          else expect(s.deliveredKWh).toBeCloseTo(s.maxKw * (s.endSlot - s.startSlot) * H, 6);
        }
      }),
      { numRuns: 40, seed: 9 }
    );
  });
});
