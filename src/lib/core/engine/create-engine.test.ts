import { describe, expect, it } from 'vitest';
import { edfScheduler } from '../baselines/edf';
import { fcfsScheduler } from '../baselines/fcfs';
import { smallSite, TEST_START_MS, TEST_TIMELINE } from '../testing/small-site';
import { uncontrolledScheduler } from '../baselines/uncontrolled';
import type { Scheduler } from '../model/scheduler';
import type { ChargingRequest } from '../model/charging-request';
import { createEngine } from './create-engine';
import type { EngineEvent } from './types';

const MIN = 60_000;

/** A request received `requestMin` minutes after slot 0 starts, plugged in from `arriveMin` to `leaveMin`. */
const request = (id: string, extra: Partial<ChargingRequest> & { requestMin?: number; arriveMin?: number; leaveMin?: number } = {}): ChargingRequest => {
  const { requestMin = 0, arriveMin = 0, leaveMin = 240, ...rest } = extra;
  return {
    id,
    requestMs: TEST_START_MS + requestMin * MIN,
    arrivalMs: TEST_START_MS + arriveMin * MIN,
    departureMs: TEST_START_MS + leaveMin * MIN,
    energyKWh: 10,
    vehicleMaxKw: 11,
    evseId: 'e0',
    preference: 'balanced',
    ...rest
  };
};

describe('createEngine', () => {
  it('charges a request from the slot after its gate and finishes it when full', async () => {
    const engine = createEngine({ site: smallSite(), timeline: TEST_TIMELINE, requests: [request('a', { requestMin: 5 })], scheduler: edfScheduler });
    const snapshot = await engine.runToEnd();
    const s = snapshot.sessions[0];
    expect(s.startSlot).toBe(1);
    expect(s.kwBySlot.slice(0, 4)).toEqual([11, 11, 11, expect.closeTo(7, 9)]);
    expect(s.deliveredKWh).toBeCloseTo(10, 9);
    expect(s.status).toBe('finished');
    expect(s.finishReason).toBe('energy-met');
    expect(s.finishedSlot).toBe(4);
    expect(snapshot.done).toBe(true);
    expect(snapshot.endSlot).toBe(16);
  });

  it('makes a request received at gate closure wait one more slot (1 ms earlier does not)', async () => {
    const gate0 = 14 * MIN;
    const run = async (requestMs: number) => {
      const engine = createEngine({ site: smallSite(), timeline: TEST_TIMELINE, requests: [request('a', { requestMs })], scheduler: edfScheduler });
      const snap = await engine.runToEnd();
      const s = snap.sessions[0];
      return { startSlot: s.startSlot, firstKwSlot: s.startSlot + s.kwBySlot.findIndex((kw) => kw > 0), gate: s.admittedGateSlot };
    };
    expect(await run(TEST_START_MS + gate0 - 1)).toEqual({ startSlot: 1, firstKwSlot: 1, gate: 0 });
    expect(await run(TEST_START_MS + gate0)).toEqual({ startSlot: 2, firstKwSlot: 2, gate: 1 });
  });

  it('ends a session at its departure even when its energy is not met', async () => {
    const snap = await createEngine({
      site: smallSite(),
      timeline: TEST_TIMELINE,
      requests: [request('a', { energyKWh: 50, leaveMin: 60 + 7 })], // leaves in slot 4: charges in slots 1..3
      scheduler: edfScheduler
    }).runToEnd();
    const s = snap.sessions[0];
    expect(s.endSlot).toBe(4);
    expect(s.kwBySlot).toEqual([11, 11, 11]);
    expect(s.deliveredKWh).toBeCloseTo(8.25, 9);
    expect(s.finishReason).toBe('departed');
    expect(s.finishedSlot).toBe(3);
  });

  it('moves a request to a free EVSE on the same node when its own is busy, and queues when none is free', async () => {
    const site = smallSite({ evses: 3 }); // e0, e2 on f0; e1 on f1
    const events: EngineEvent[] = [];
    const engine = createEngine({
      site,
      timeline: TEST_TIMELINE,
      requests: [request('a'), request('b', { requestMin: 1 }), request('c', { requestMin: 2 }), request('d', { requestMin: 3, leaveMin: 120 })],
      scheduler: edfScheduler
    });
    engine.on((e) => events.push(e));
    await engine.step(); // slot 0: gate −1 closed before any request
    expect(events.map((e) => e.type)).toEqual(['slot-delivered']);
    await engine.step(); // slot 1: gate 0
    const admitted = events.filter((e) => e.type === 'request-admitted');
    expect(admitted.map((e) => e.type === 'request-admitted' && [e.requestId, e.evseId, e.reassigned])).toEqual([
      ['a', 'e0', false],
      ['b', 'e2', true],
      ['c', 'e1', true]
    ]);
    expect(events.find((e) => e.type === 'request-queued')).toMatchObject({ requestId: 'd', reason: 'no free EVSE' });
    const snap = await engine.runToEnd();
    expect(snap.rejected).toEqual([expect.objectContaining({ requestId: 'd', reason: 'no EVSE became free before departure' })]);
    expect(snap.queued).toEqual([]);
  });

  it('error: rejects a request with NaN energy and a duplicate id, and keeps running the rest', async () => {
    const snap = await createEngine({
      site: smallSite(),
      timeline: TEST_TIMELINE,
      requests: [request('a'), request('a', { evseId: 'e1' }), request('bad', { energyKWh: Number.NaN, evseId: 'e1' })],
      scheduler: edfScheduler
    }).runToEnd();
    expect(snap.sessions.map((s) => s.id)).toEqual(['a']);
    expect(snap.rejected.map((r) => r.reason)).toEqual([expect.stringContaining('duplicate request id'), expect.stringContaining('energyKWh must be a finite number')]);
  });

  it('books green energy from PV first and keeps Σ session energy = Σ slot EV energy', async () => {
    const site = smallSite({ pvKw: [0, 0, 0, 0, 15, 15, 15, 15], baseLoadKw: 5 });
    const requests = ['a', 'b', 'c'].map((id, i) => request(id, { evseId: `e${i}`, energyKWh: 12, requestMin: i }));
    const snap = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: fcfsScheduler }).runToEnd();
    const delivered = snap.sessions.reduce((a, s) => a + s.deliveredKWh, 0);
    const slotEnergy = snap.slots.reduce((a, r) => a + r.evEnergyKWh, 0);
    expect(delivered).toBeCloseTo(36, 9);
    expect(slotEnergy).toBeCloseTo(delivered, 9);
    for (const s of snap.sessions) {
      expect(s.greenKWh).toBeLessThanOrEqual(s.deliveredKWh + 1e-9);
      const bySource = Object.values(s.bySourceKWh).reduce((a, b) => a + (b ?? 0), 0);
      expect(bySource).toBeCloseTo(s.deliveredKWh, 9);
    }
    const slot4 = snap.slots.find((r) => r.slot === 4)!;
    expect(slot4.pvKw).toBe(15);
    // 10 kW of PV surplus over 33 kW of EVs, the rest at 30 % wind.
    expect(slot4.greenShare).toBeCloseTo((10 + 23 * 0.3) / 33, 9);
    expect(snap.sessions.some((s) => s.onSitePvKWh > 0)).toBe(true);
  });

  it('records the overloads uncontrolled charging causes on a tight root', async () => {
    const site = smallSite({ rootLimitKw: 15, evses: 4 });
    const requests = [0, 1, 2, 3].map((i) => request(`s${i}`, { evseId: `e${i}`, requestMin: i }));
    const snap = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: uncontrolledScheduler }).runToEnd();
    const first = snap.slots.find((r) => r.slot === 1)!;
    expect(first.evKw).toBe(44);
    expect(first.overloads).toEqual([{ name: 'node.root', nodeId: 'root', overKw: 29 }]);
    const controlled = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: edfScheduler }).runToEnd();
    expect(controlled.slots.every((r) => r.overloads.length === 0)).toBe(true);
  });

  it('tapers a battery above 80 % state of charge', async () => {
    const snap = await createEngine({
      site: smallSite(),
      timeline: TEST_TIMELINE,
      requests: [request('a', { energyKWh: 20, batteryKWh: 20, arrivalSoc: 0, targetSoc: 1 })],
      scheduler: edfScheduler
    }).runToEnd();
    const s = snap.sessions[0];
    // 11 kW for 5 slots (13.75 kWh → SoC 0.6875), then 11 kW (SoC 0.825 after), then tapering.
    expect(s.kwBySlot.slice(0, 6)).toEqual([11, 11, 11, 11, 11, 11]);
    expect(s.kwBySlot[6]).toBeLessThan(11);
    expect(s.kwBySlot[6]).toBeCloseTo(11 * (1 - 0.8 * (0.825 - 0.8) / 0.2), 9);
    expect(s.soc).toBeCloseTo(1, 6);
  });

  it('falls back to EDF in the same gate when a scheduler throws', async () => {
    const broken: Scheduler = async () => {
      throw new Error('boom');
    };
    const engine = createEngine({ site: smallSite(), timeline: TEST_TIMELINE, requests: [request('a')], scheduler: broken, schedulerName: 'broken' });
    expect((await engine.step()).gate).toMatchObject({ status: 'empty', sessions: 0 });
    const report = await engine.step();
    expect(report.gate).toMatchObject({ status: 'fallback', scheduler: 'edf-fallback', fallbackReason: 'scheduler threw: boom' });
    expect(report.events.map((e) => e.type)).toEqual(['request-admitted', 'gate-fallback', 'slot-delivered']);
    expect(report.record.evKw).toBe(11);
  });

  it('steps and runs to the end with the same result, and the same input gives the same snapshot', async () => {
    const requests = [0, 1, 2, 3, 4].map((i) => request(`r${i}`, { evseId: `e${i % 4}`, requestMin: 7 * i, arriveMin: 10 * i, leaveMin: 100 + 20 * i, energyKWh: 6 + i }));
    const site = smallSite({ rootLimitKw: 20, evses: 4 });
    const batch = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: fcfsScheduler }).runToEnd();
    const stepped = createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: fcfsScheduler });
    while (!stepped.done) await stepped.step();
    const strip = (s: typeof batch) => ({ ...s, gates: s.gates.map((g) => ({ ...g, buildMs: 0, solveMs: 0, wallMs: 0 })) });
    expect(strip(stepped.snapshot())).toEqual(strip(batch));
    await expect(stepped.step()).rejects.toThrow('engine is done');
  });

  it('admits a live request submitted between steps at its gate', async () => {
    const engine = createEngine({ site: smallSite(), timeline: TEST_TIMELINE, requests: [request('a')], scheduler: edfScheduler });
    await engine.step(); // slot 0
    engine.submit(request('live', { evseId: 'e1', requestMin: 16, arriveMin: 16, leaveMin: 600 }));
    await engine.step(); // slot 1: gate 0 closed before the live request
    expect(engine.snapshot().sessions.map((s) => s.id)).toEqual(['a']);
    await engine.step(); // slot 2: gate 1 admits it
    const snap = engine.snapshot();
    expect(snap.sessions.find((s) => s.id === 'live')).toMatchObject({ startSlot: 2, status: 'charging' });
    expect(snap.endSlot).toBe(40);
  });
});

describe('createEngine concurrency', () => {
  it('runs steps called without awaiting one after another', async () => {
    const engine = createEngine({ site: smallSite(), timeline: TEST_TIMELINE, requests: [request('a')], scheduler: edfScheduler });
    const reports = await Promise.all([engine.step(), engine.step(), engine.step()]);
    expect(reports.map((r) => r.slot)).toEqual([0, 1, 2]);
    expect(engine.snapshot().sessions[0].kwBySlot).toEqual([11, 11]);
  });
});

describe('createEngine with the optimizer', () => {
  it('runs HiGHS gate by gate within the grid rows and meets feasible demands', async () => {
    const { schedulerByName } = await import('../baselines/scheduler-registry');
    const site = smallSite({ rootLimitKw: 15, evses: 3 });
    const requests = [request('a', { evseId: 'e0', energyKWh: 8 }), request('b', { evseId: 'e1', energyKWh: 8, requestMin: 20 }), request('c', { evseId: 'e2', energyKWh: 5, requestMin: 40, leaveMin: 150 })];
    const snap = await createEngine({ site, timeline: TEST_TIMELINE, requests, scheduler: schedulerByName('optimal'), schedulerName: 'optimal', strategy: 'balanced' }).runToEnd();
    expect(snap.slots.every((r) => r.overloads.length === 0 && r.evKw <= 15 + 1e-6)).toBe(true);
    for (const s of snap.sessions) expect(s.deliveredKWh).toBeCloseTo(s.requestedKWh, 4);
    expect(snap.gates.filter((g) => g.sessions > 0).every((g) => g.scheduler === 'highs' && g.status !== 'fallback')).toBe(true);
    expect(snap.sessions[0].plan).toMatchObject({ shortfallKWh: expect.closeTo(0, 4) });
  });

  it('passes the battery to the optimizer, so its first plan is exactly what a tapering car draws', async () => {
    const { schedulerByName } = await import('../baselines/scheduler-registry');
    const optimal = schedulerByName('optimal');
    const seen: { input: Parameters<Scheduler>[0]; result: Awaited<ReturnType<Scheduler>> }[] = [];
    const spy: Scheduler = async (input) => {
      const result = await optimal(input);
      seen.push({ input, result });
      return result;
    };
    // 70 % → 100 % of 20 kWh: the taper cuts in after the first slot at 11 kW.
    const requests = [request('a', { energyKWh: 6, batteryKWh: 20, arrivalSoc: 0.7, preference: 'fast' })];
    const snap = await createEngine({ site: smallSite(), timeline: TEST_TIMELINE, requests, scheduler: spy, schedulerName: 'optimal', strategy: 'user-first' }).runToEnd();
    const s = snap.sessions[0];
    expect(seen[0].input.sessions[0].battery).toEqual({ soc: 0.7, batteryKWh: 20, vehicleMaxKw: 11 });
    // Later gates see the SoC the delivered energy reached.
    expect(seen[1].input.sessions[0].battery?.soc).toBeCloseTo(0.7 + s.kwBySlot[0] * 0.25 / 20, 9);
    const firstPlan = seen[0].result.plans[0].kw;
    const drawn = s.kwBySlot.slice(0, firstPlan.length);
    expect(drawn.some((kw, i) => i > 0 && kw > 0 && kw < 11 - 1e-6)).toBe(true); // the taper did bind
    for (let i = 0; i < drawn.length; i++) expect(drawn[i]).toBeCloseTo(firstPlan[i], 5);
  });
});
