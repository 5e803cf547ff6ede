import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveWithGlpk } from './glpk-adapter';
import { optimizeCharging } from './optimize-charging';
import type { ScheduleResult } from '../model/scheduler';
import { generateGate } from './testing/generate-gate';
import { arbitraryScheduleInput } from '../testing/arbitrary-gates';
import { limitViolations } from '../testing/limit-violations';
import { activeSession, gate, smallSite } from '../testing/small-site';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const shortfall = (r: ScheduleResult) => sum(r.plans.map((p) => p.shortfallKWh));
const planned = (r: ScheduleResult) => sum(r.plans.map((p) => p.plannedKWh));

describe('optimizeCharging', () => {
  it('keeps every random gate within EVSE, vehicle, window, energy and grid limits (LP)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScheduleInput(), async (input) => {
        const result = await optimizeCharging(input);
        expect(['optimal', 'empty']).toContain(result.status);
        expect(limitViolations(input, result)).toEqual([]);
      }),
      { numRuns: 40 }
    );
  });

  it('keeps every random gate within limits and 0-or-≥-minKw with minimum powers (MILP over the whole horizon)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScheduleInput({ withMinKw: true }), async (input) => {
        const result = await optimizeCharging(input, { minPowerHorizonHours: Infinity });
        expect(['optimal', 'feasible', 'time-limit', 'empty']).toContain(result.status);
        expect(limitViolations(input, result, { checkMinKw: true })).toEqual([]);
      }),
      { numRuns: 25 }
    );
  });

  it('keeps every random gate within limits, and 0-or-≥-minKw in the next 15 minutes, with the default near-term minimum', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScheduleInput({ withMinKw: true }), async (input) => {
        const result = await optimizeCharging(input);
        expect(['optimal', 'feasible', 'time-limit', 'empty']).toContain(result.status);
        expect(limitViolations(input, result, { checkMinKw: Math.max(1, 15 / input.timeline.slotMinutes) })).toEqual([]);
      }),
      { numRuns: 25 }
    );
  });

  it('gives the same result for the same input', async () => {
    const input = generateGate({ evs: 30, slots: 48, seed: 11 });
    const a = await optimizeCharging(input);
    const b = await optimizeCharging(input);
    expect(b.setpointsKw).toEqual(a.setpointsKw);
    expect(b.plans).toEqual(a.plans);
  });

  it.each([
    ['one session, plenty of grid', [activeSession({ id: 'a', remainingKWh: 20 })], 100],
    ['three sessions sharing a 40 kW root', [0, 1, 2].map((i) => activeSession({ id: `s${i}`, evseId: `e${i}`, remainingKWh: 25 })), 40],
    ['a queued session waiting on a busy EVSE', [activeSession({ id: 'first', endSlot: 8 }), activeSession({ id: 'queued', startSlot: 6, remainingKWh: 15 })], 100]
  ])('meets every request by departure when the grid allows it: %s', async (_label, sessions, rootLimitKw) => {
    for (const strategy of ['balanced', 'grid-first', 'green-first', 'user-first'] as const) {
      const input = gate(smallSite({ rootLimitKw }), sessions, { strategy });
      const result = await optimizeCharging(input);
      expect(result.status).toBe('optimal');
      expect(shortfall(result)).toBeLessThan(1e-6);
      expect(result.plans.every((p) => p.expectedFinishSlot !== null)).toBe(true);
      expect(limitViolations(input, result)).toEqual([]);
    }
  });

  it('reports shortfall (not infeasibility) when the limit is too tight, and shares it fairly', async () => {
    // 2 sessions × 20 kWh over 4 h on a 5 kW root: 20 kWh can be delivered at most.
    const sessions = [activeSession({ id: 'a', evseId: 'e0', remainingKWh: 20 }), activeSession({ id: 'b', evseId: 'e1', remainingKWh: 20 })];
    const input = gate(smallSite({ rootLimitKw: 5 }), sessions);
    const result = await optimizeCharging(input);
    expect(result.status).toBe('optimal');
    expect(shortfall(result)).toBeCloseTo(20, 4);
    expect(result.plans[0].shortfallKWh).toBeCloseTo(10, 3);
    expect(result.plans[1].shortfallKWh).toBeCloseTo(10, 3);
    expect(result.plans.every((p) => p.expectedFinishSlot === null)).toBe(true);
    expect(limitViolations(input, result)).toEqual([]);
  });

  it('reports shortfall when base load eats the whole limit, and dispatches nothing', async () => {
    const input = gate(smallSite({ rootLimitKw: 30, baseLoadKw: 35 }), [activeSession({ id: 'a' })]);
    const result = await optimizeCharging(input);
    expect(result.status).toBe('optimal');
    expect(result.setpointsKw.a).toBe(0);
    expect(result.plans[0].shortfallKWh).toBeCloseTo(10, 6);
  });

  it('shifts energy into the PV and green slots with green-first compared to balanced', async () => {
    // Slots 8–11: PV and a green grid but expensive; the other slots: cheap and brown.
    const green = Array.from({ length: 16 }, (_, t) => (t >= 8 && t < 12 ? { solar: 0.9, gas: 0.1 } : { gas: 0.2, coal: 0.8 }));
    const price = Array.from({ length: 16 }, (_, t) => (t >= 8 && t < 12 ? 0.4 : 0.1));
    const pv = Array.from({ length: 16 }, (_, t) => (t >= 8 && t < 12 ? 5 : 0));
    const site = smallSite({ gridMix: green, pricePerKWh: price, pvKw: pv });
    const sessions = [activeSession({ id: 'a', evseId: 'e0' }), activeSession({ id: 'b', evseId: 'e1' })];
    const results = Object.fromEntries(
      await Promise.all((['balanced', 'green-first'] as const).map(async (s) => [s, await optimizeCharging(gate(site, sessions, { strategy: s }))] as const))
    );
    const inGreenSlots = (r: ScheduleResult) => sum(r.plans.map((p) => sum(p.kw.slice(8, 12)))) * 0.25;
    const greenKWh = (r: ScheduleResult) => sum(r.plans.map((p) => p.plannedKWh * p.expectedGreenShare));
    expect(inGreenSlots(results['green-first'])).toBeGreaterThan(inGreenSlots(results.balanced) + 1);
    expect(greenKWh(results['green-first'])).toBeGreaterThan(greenKWh(results.balanced));
    expect(shortfall(results['green-first'])).toBeLessThan(1e-6);
  });

  it('balanced charges now rather than in greener later slots when the site is congested (headroom for later arrivals)', async () => {
    // Slots 8–15 are green, the first 8 brown; 2 × 11 kW cars on a 12-kW root each want 10 kWh, and
    // 4 more EVSEs are free for later arrivals (0.3 × 44 kW ≥ 12 kW: the whole limit is reserved from an hour ahead).
    const mix = Array.from({ length: 16 }, (_, t) => (t >= 8 ? { wind: 1 } : { gas: 1 }));
    const site = smallSite({ rootLimitKw: 12, evses: 6, gridMix: mix });
    const sessions = [activeSession({ id: 'a', evseId: 'e0' }), activeSession({ id: 'b', evseId: 'e1' })];
    const withHeadroom = await optimizeCharging(gate(site, sessions));
    const without = await optimizeCharging(gate(site, sessions), { weights: { headroom: 0 } });
    const nowKw = (r: ScheduleResult) => sum(Object.values(r.setpointsKw));
    // Without the term most of the 20 kWh wait for the green slots (12 kW × 2 h = 24 kWh fit there;
    // flattening keeps a little now); with it the gate charges at the limit now.
    expect(nowKw(without)).toBeLessThan(6);
    expect(nowKw(withHeadroom)).toBeCloseTo(12, 6);
    expect(shortfall(withHeadroom)).toBeLessThan(1e-6);
  });

  it('balanced still defers to greener slots on an uncongested site', async () => {
    const mix = Array.from({ length: 16 }, (_, t) => (t >= 8 ? { wind: 1 } : { gas: 1 }));
    const site = smallSite({ rootLimitKw: 200, feederLimitKw: 200, gridMix: mix });
    const sessions = [activeSession({ id: 'a', evseId: 'e0' }), activeSession({ id: 'b', evseId: 'e1' })];
    const result = await optimizeCharging(gate(site, sessions));
    expect(sum(Object.values(result.setpointsKw))).toBeLessThan(1e-6);
    expect(shortfall(result)).toBeLessThan(1e-6);
  });

  it('charges a fast-preference session earlier than a green-preference one', async () => {
    const green = Array.from({ length: 16 }, (_, t) => (t >= 12 ? { wind: 1 } : { gas: 1 }));
    const site = smallSite({ gridMix: green });
    const sessions = [activeSession({ id: 'fast', evseId: 'e0', preference: 'fast' }), activeSession({ id: 'green', evseId: 'e1', preference: 'green' })];
    const result = await optimizeCharging(gate(site, sessions));
    const finish = Object.fromEntries(result.plans.map((p) => [p.sessionId, p.expectedFinishSlot!]));
    expect(finish.fast).toBeLessThan(finish.green);
    expect(result.setpointsKw.fast).toBeGreaterThan(0);
  });

  it('lowers the site peak with grid-first compared to user-first', async () => {
    const base = Array.from({ length: 16 }, (_, t) => (t < 6 ? 40 : 5));
    const site = smallSite({ rootLimitKw: 100, baseLoadKw: base });
    const sessions = [0, 1, 2, 3].map((i) => activeSession({ id: `s${i}`, evseId: `e${i}`, remainingKWh: 12 }));
    const peak = (r: ScheduleResult) => Math.max(...Array.from({ length: 16 }, (_, t) => base[t] + sum(r.plans.map((p) => p.kw[t] ?? 0))));
    const gridFirst = await optimizeCharging(gate(site, sessions, { strategy: 'grid-first' }));
    const userFirst = await optimizeCharging(gate(site, sessions, { strategy: 'user-first' }));
    expect(peak(gridFirst)).toBeLessThan(peak(userFirst) - 1);
    expect(shortfall(gridFirst)).toBeLessThan(1e-6);
  });

  it('dispatches only sessions that may charge in the first slot, and plans the rest', async () => {
    const input = gate(smallSite(), [activeSession({ id: 'now', evseId: 'e0' }), activeSession({ id: 'later', evseId: 'e1', startSlot: 4 })], { firstSlot: 0 });
    const result = await optimizeCharging(input);
    expect(result.setpointsKw.later).toBe(0);
    const later = result.plans.find((p) => p.sessionId === 'later')!;
    expect(later.kw.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(later.plannedKWh).toBeCloseTo(10, 6);
    expect(later.kw).toHaveLength(16);
  });

  it('says a plan fed by on-site PV surplus is fully green', async () => {
    const result = await optimizeCharging(gate(smallSite({ pvKw: 50, gridMix: [{ coal: 1 }] }), [activeSession({ id: 'a' })]));
    expect(result.plans[0].expectedGreenShare).toBeCloseTo(1, 6);
  });

  it('marks sessions with nothing left as finished before the first slot and returns empty', async () => {
    const result = await optimizeCharging(gate(smallSite(), [activeSession({ id: 'done', remainingKWh: 0, deliveredKWh: 10 })], { firstSlot: 3 }));
    expect(result.status).toBe('empty');
    expect(result.plans[0].expectedFinishSlot).toBe(2);
    expect(result.setpointsKw.done).toBe(0);
  });

  it('returns empty for a gate without sessions', async () => {
    const result = await optimizeCharging(gate(smallSite(), []));
    expect(result).toMatchObject({ status: 'empty', setpointsKw: {}, plans: [] });
  });

  it('respects 0 or ≥ minKw: three 4.2-kW-minimum sessions on a 10 kW feeder never share it three ways', async () => {
    const sessions = [0, 2, 4].map((e) => activeSession({ id: `s${e}`, evseId: `e${e}`, remainingKWh: 30, minKw: 4.2 }));
    const input = gate(smallSite({ evses: 6, feederLimitKw: 10 }), sessions);
    const result = await optimizeCharging(input, { minPowerHorizonHours: Infinity });
    expect(['optimal', 'feasible', 'time-limit']).toContain(result.status);
    expect(limitViolations(input, result, { checkMinKw: true })).toEqual([]);
    for (let t = 0; t < 16; t++) expect(result.plans.filter((p) => p.kw[t] > 1e-6).length).toBeLessThanOrEqual(2);
    expect(planned(result)).toBeGreaterThan(35);
    // By default only the dispatched quarter hour carries binaries: it still never shares the feeder three ways.
    const nearTerm = await optimizeCharging(input, { minPowerHorizonHours: 1 });
    expect(limitViolations(input, nearTerm, { checkMinKw: 4 })).toEqual([]);
    for (let t = 0; t < 4; t++) expect(nearTerm.plans.filter((p) => p.kw[t] > 1e-6).length).toBeLessThanOrEqual(2);
    const dispatched = await optimizeCharging(input);
    expect(limitViolations(input, dispatched, { checkMinKw: 1 })).toEqual([]);
    expect(Object.values(dispatched.setpointsKw).filter((kw) => kw > 1e-6).length).toBeLessThanOrEqual(2);
  });

  it('lets the relaxed LP ignore minimum powers when asked', async () => {
    const sessions = [0, 2, 4].map((e) => activeSession({ id: `s${e}`, evseId: `e${e}`, remainingKWh: 30, minKw: 4.2 }));
    const result = await optimizeCharging(gate(smallSite({ evses: 6, feederLimitKw: 10 }), sessions), { minPower: 'relax' });
    expect(result.status).toBe('optimal');
    expect(planned(result)).toBeCloseTo(40, 4);
  });

  it('falls back to EDF in the same gate when the solver hits a tiny time limit', async () => {
    const input = { ...generateGate({ evs: 400, slots: 96, seed: 3 }), timeLimitMs: 1 };
    const result = await optimizeCharging(input);
    expect(result.status).toBe('fallback');
    expect(result.scheduler).toBe('edf-fallback');
    expect(result.fallbackReason).toMatch(/time limit/);
    expect(Object.keys(result.setpointsKw)).toHaveLength(input.sessions.length);
    expect(limitViolations(input, result)).toEqual([]);
  });

  it('falls back to EDF with a reason when the MILP relaxation runs out of time', async () => {
    const input = { ...generateGate({ evs: 400, slots: 96, seed: 3, minKwShare: 1 }), timeLimitMs: 1 };
    const result = await optimizeCharging(input);
    expect(result.status).toBe('fallback');
    expect(result.fallbackReason).toMatch(/relaxation.*time-limit/);
  });

  it('error: a NaN in a session never reaches the solver; the gate falls back and names the field', async () => {
    const input = gate(smallSite(), [activeSession({ id: 'bad', evseId: 'e0', maxKw: NaN }), activeSession({ id: 'good', evseId: 'e1' })]);
    const result = await optimizeCharging(input);
    expect(result.status).toBe('fallback');
    expect(result.fallbackReason).toMatch(/sessions\[0\]\.maxKw/);
    expect(result.setpointsKw.bad).toBe(0);
    expect(result.setpointsKw.good).toBeGreaterThan(0);
  });

  it('error: an unknown preference, strategy or a broken battery is named instead of failing inside the model build', async () => {
    const input = gate(smallSite(), [
      activeSession({ id: 'a', evseId: 'e0', preference: 'asap' as never }),
      activeSession({ id: 'b', evseId: 'e1', battery: { soc: NaN, batteryKWh: 40, vehicleMaxKw: 11 } })
    ]);
    const result = await optimizeCharging({ ...input, strategy: 'cheapest' as never });
    expect(result.status).toBe('fallback');
    expect(result.fallbackReason).toMatch(/strategy: expected one of balanced.*got "cheapest"/);
    expect(result.fallbackReason).toMatch(/sessions\[0\]\.preference: expected one of balanced, green, cheap, fast, got "asap"/);
    expect(result.fallbackReason).toMatch(/sessions\[1\]\.battery\.soc/);
  });

  it('error: a NaN price is caught in the model, never reaches the solver, and is reported', async () => {
    const input = gate(smallSite({ pricePerKWh: [0.2, NaN] }), [activeSession({ id: 'a' })]);
    const result = await optimizeCharging(input);
    expect(result.status).toBe('fallback');
    expect(result.fallbackReason).toMatch(/invalid numbers.*p\.a\.\d+: objective coefficient must be finite/);
    expect(result.setpointsKw.a).toBeGreaterThan(0);
  });

  it('error: a broken site tree falls back without throwing', async () => {
    const site = smallSite();
    site.nodes[1] = { ...site.nodes[1], parentId: null };
    const result = await optimizeCharging(gate(site, [activeSession({ id: 'a' })]));
    expect(result.status).toBe('fallback');
    expect(result.fallbackReason).toMatch(/model build failed/);
  });

  it('error: a duplicate session id falls back with the reason', async () => {
    const result = await optimizeCharging(gate(smallSite(), [activeSession({ id: 'x' }), activeSession({ id: 'x', evseId: 'e1' })]));
    expect(result.status).toBe('fallback');
    expect(result.fallbackReason).toMatch(/duplicate session id "x"/);
  });

  it('gives the same objective with GLPK as with HiGHS on a small gate', async () => {
    const input = generateGate({ evs: 6, slots: 24, seed: 4 });
    const h = await optimizeCharging(input);
    const g = await optimizeCharging(input, { solveLp: (model, options) => solveWithGlpk({ model, options }), solverName: 'glpk' });
    expect(g.scheduler).toBe('glpk');
    expect(Math.abs(g.objective! - h.objective!)).toBeLessThan(1e-6 * Math.abs(h.objective!));
  });
});
