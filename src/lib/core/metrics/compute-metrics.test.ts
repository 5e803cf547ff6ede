import { describe, expect, it } from 'vitest';
import { edfScheduler } from '../baselines/edf';
import { smallSite, TEST_START_MS, TEST_TIMELINE } from '../testing/small-site';
import { uncontrolledScheduler } from '../baselines/uncontrolled';
import { createEngine } from '../engine/create-engine';
import type { Scheduler } from '../model/scheduler';
import type { ChargingRequest } from '../model/charging-request';
import { computeMetrics } from './compute-metrics';

const MIN = 60_000;
const request = (id: string, evseId: string, energyKWh: number, leaveMin = 240): ChargingRequest => ({
  id,
  requestMs: TEST_START_MS,
  arrivalMs: TEST_START_MS,
  departureMs: TEST_START_MS + leaveMin * MIN,
  energyKWh,
  vehicleMaxKw: 11,
  evseId,
  preference: 'balanced'
});

describe('computeMetrics', () => {
  it('reports energy, demands met, peak, green share and CO2 of a run', async () => {
    const site = smallSite({ rootLimitKw: 22, evses: 3 });
    // c cannot be met: it leaves after 2 charging slots (5.5 kWh max) but wants 10.
    const requests = [request('a', 'e0', 10), request('b', 'e1', 10), request('c', 'e2', 10, 45)];
    const snapshot = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: edfScheduler }).runToEnd();
    const m = computeMetrics({ snapshot, site });
    const delivered = snapshot.sessions.reduce((a, s) => a + s.deliveredKWh, 0);
    expect(m.deliveredKWh).toBeCloseTo(delivered, 9);
    expect(m.requestedKWh).toBe(30);
    expect(m.energyDeliveredPct).toBeCloseTo((100 * delivered) / 30, 9);
    expect(m.demandsMetPct).toBeCloseTo(200 / 3, 9);
    expect(m.peakKw).toBeCloseTo(22, 9);
    expect(m.peakKwByNode.root).toBeCloseTo(22, 9);
    expect(m.violationsKwSlots).toBe(0);
    expect(m.greenSharePct).toBeCloseTo(30, 9); // 30 % wind, no PV
    expect(m.co2GPerKWh).toBeGreaterThan(0);
    expect(m.cost).toBeCloseTo(0.3 * delivered, 9);
    expect(m.sessions).toBe(3);
    expect(m.gates).toBeGreaterThan(0);
    expect(m.perSession.find((s) => s.id === 'c')!.shortfallKWh).toBeGreaterThan(4);
    expect(m.perSession.find((s) => s.id === 'a')!.shortfallKWh).toBeCloseTo(0, 9);
  });

  it('counts gates the same way for every scheduler: slots with a plugged-in session, whoever finishes early', async () => {
    const site = smallSite({ rootLimitKw: 50, evses: 2 });
    // a stays 0–3 h, b 4–5 h: no car is plugged in between 3 h and 4 h.
    const requests = [request('a', 'e0', 2.75, 180), { ...request('b', 'e1', 2.75, 300), arrivalMs: TEST_START_MS + 240 * MIN }];
    // A deferring scheduler: nothing until a session's last slot (the engine calls it at every gate until then).
    const lazy: Scheduler = async (input) => {
      const result = await edfScheduler(input);
      const setpointsKw = Object.fromEntries(input.sessions.map((s) => [s.id, s.endSlot - 1 === input.firstSlot ? result.setpointsKw[s.id] ?? 0 : 0]));
      return { ...result, scheduler: 'lazy', setpointsKw };
    };
    const runs = await Promise.all(
      [edfScheduler, uncontrolledScheduler, lazy].map(async (scheduler) => computeMetrics({ snapshot: await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler }).runToEnd() }))
    );
    const [edf, uncontrolled, deferring] = runs;
    expect(new Set(runs.map((m) => m.gates)).size).toBe(1);
    const sessions = (await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: edfScheduler }).runToEnd()).sessions;
    const plugged = new Set(sessions.flatMap((s) => Array.from({ length: s.endSlot - s.startSlot }, (_, i) => s.startSlot + i)));
    expect(edf.gates).toBe(plugged.size);
    expect(edf.gates).toBeLessThan(edf.slots - 2);
    // The scheduler calls differ: EDF and uncontrolled finish each car in one slot, the lazy one is asked until the last slot.
    expect(edf.solverCalls).toBeLessThan(deferring.solverCalls);
    expect(uncontrolled.solverCalls).toBe(edf.solverCalls);
    // …and in the empty hour too, for b, which is admitted but not plugged in yet: not a gate.
    expect(deferring.solverCalls).toBeGreaterThan(deferring.gates);
  });

  it('sums uncontrolled overloads in kW·slot', async () => {
    const site = smallSite({ rootLimitKw: 15, evses: 2 });
    const requests = [request('a', 'e0', 5.5), request('b', 'e1', 5.5)]; // 2 slots at 11 kW each
    const snapshot = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: uncontrolledScheduler }).runToEnd();
    const m = computeMetrics({ snapshot });
    expect(m.violationsKwSlots).toBeCloseTo(2 * (22 - 15), 9);
    expect(m.violationSlots).toBe(2);
    expect(m.demandsMetPct).toBe(100);
  });

  it('counts a request that never got an EVSE as an unmet demand', async () => {
    const site = smallSite({ evses: 1 });
    const requests = [request('a', 'e0', 5), { ...request('b', 'e0', 5), requestMs: TEST_START_MS + MIN }];
    const snapshot = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: edfScheduler }).runToEnd();
    const m = computeMetrics({ snapshot });
    expect(m.queued + m.rejected).toBe(1);
    expect(m.demandsMetPct).toBe(50);
    expect(m.energyDeliveredPct).toBeCloseTo(50, 9);
    expect(m.perSession.map((s) => s.id)).toEqual(['a']);
  });
});
