import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batteryAcceptanceKw } from '../engine/battery-taper';
import type { ScheduleInput } from '../model/scheduler';
import { arbitraryScheduleInput } from '../testing/arbitrary-gates';
import { limitViolations } from '../testing/limit-violations';
import { activeSession, gate, smallSite } from '../testing/small-site';
import { optimizeCharging } from './optimize-charging';

/**
 * Edge cases of far-slot aggregation (issue 11) beyond aggregation-properties.test.ts: the
 * dispatched slot when a tier starts at once, marginal rates that end inside a step, slot numbers
 * beyond 32 bits, a queue or handover inside an hour step, and random 5-min gates with negative
 * first slots, explicit horizon ends, arrivals inside coarse steps and tapering batteries.
 */

const H5 = 5 / 60;
const FIVE_MIN = { startMs: Date.UTC(2026, 0, 5), slotMinutes: 5 };

/** Random 5-min gates: windows of up to ~2.5 days anywhere around a (possibly negative) first slot, half the cars with a battery. */
const longGates: fc.Arbitrary<ScheduleInput> = fc
  .tuple(
    arbitraryScheduleInput({ withMinKw: true }),
    fc.integer({ min: -300, max: 300 }),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 700 }), fc.double({ min: 0.3, max: 0.99, noNaN: true })), { minLength: 7, maxLength: 7 }),
    fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined })
  )
  .map(([raw, firstSlot, windows, horizon]) => ({
    ...raw,
    timeline: FIVE_MIN,
    firstSlot,
    ...(horizon === undefined ? {} : { horizonEndSlot: firstSlot + horizon }),
    sessions: raw.sessions.map((s, i) => {
      const [start, len, soc] = windows[i];
      const startSlot = firstSlot - 20 + start;
      // A car with SoC facts: its cap is what the battery accepts now (as the engine passes it); no EVSE minimum.
      const battery = i % 2 === 1 ? { soc, batteryKWh: 40, vehicleMaxKw: s.maxKw } : undefined;
      return {
        ...s,
        startSlot,
        endSlot: startSlot + len,
        remainingKWh: s.remainingKWh * 2,
        ...(battery ? { battery, minKw: 0, maxKw: Math.min(s.maxKw, batteryAcceptanceKw({ vehicleMaxKw: s.maxKw, soc })) } : {})
      };
    })
  }));

describe('far-slot aggregation at its edges', () => {
  it('dispatches exactly the first slot of the plan even when a tier starts at once and there is no near term', async () => {
    // Car a leaves after the dispatched slot; a quarter-hour step from slot 0 would plan it 11 kW
    // in slot 0 but dispatch the step's mean (a third of it).
    const site = smallSite({ rootLimitKw: 100 });
    const input = gate(site, [activeSession({ id: 'a', evseId: 'e0', startSlot: 0, endSlot: 1, remainingKWh: 10 }), activeSession({ id: 'b', evseId: 'e1', startSlot: 0, endSlot: 40, remainingKWh: 10 })], {
      timeline: FIVE_MIN
    });
    const result = await optimizeCharging(input, { aggregation: [{ afterHours: 0, stepMinutes: 15 }], minPowerHorizonHours: 0 });
    expect(result.status).toBe('optimal');
    expect(result.setpointsKw.a).toBeCloseTo(11, 9);
    expect(limitViolations(input, result)).toEqual([]);
  });

  it('never moves energy into slots without a marginal rate because a longer step also holds a few low-rate slots', async () => {
    // 5-min marginal rates: 700 g/kWh, 400 from 1 h to 2 h, 200 at 7:00–7:10, then no values (the
    // forecast ends inside the 7–8 h step). Unknown slots cost like the highest known rate, so the
    // step is worth (2 × 200 + 10 × 700) / 12, not 200: the car charges in the 400 hour.
    const startMs = FIVE_MIN.startMs;
    const gPerKWh = Array.from({ length: 86 }, (_, i) => (i >= 84 ? 200 : i >= 12 && i < 24 ? 400 : 700));
    const base = smallSite();
    const site = { ...base, energy: { ...base.energy!, marginalCo2Series: { startMs, slotMinutes: 5, gPerKWh, label: 'test' } } };
    const input = gate(site, [activeSession({ id: 'a', startSlot: 0, endSlot: 96, remainingKWh: 5 })], { strategy: 'lowest-marginal-co2', timeline: FIVE_MIN });
    const result = await optimizeCharging(input);
    const kwh = (from: number, to: number) => result.plans[0].kw.slice(from, to).reduce((a, b) => a + b, 0) * H5;
    expect(result.plans[0].plannedKWh).toBeCloseTo(5, 6);
    expect(kwh(86, 96)).toBeLessThan(1e-6);
    expect(kwh(12, 24)).toBeCloseTo(5, 6);
  });

  it('plans gates whose slot numbers lie beyond 32 bits like the same gate at slot 0, on 15-min and aggregated 5-min slots', async () => {
    // Slot numbers are plain integers to the optimizer; step boundaries in 32-bit arrays wrapped
    // them and sent the gate to the EDF fallback ("invalid numbers").
    const site = smallSite({ rootLimitKw: 15 });
    for (const [timeline, firstSlot] of [[{ startMs: 0, slotMinutes: 15 }, 2 ** 31 - 4], [FIVE_MIN, 12 * 2 ** 28]] as const) {
      const at = (first: number) =>
        gate(site, [activeSession({ id: 'a', evseId: 'e0', startSlot: first, endSlot: first + 100, remainingKWh: 40 }), activeSession({ id: 'b', evseId: 'e1', startSlot: first, endSlot: first + 90, remainingKWh: 40 })], {
          timeline,
          firstSlot: first
        });
      const far = await optimizeCharging(at(firstSlot));
      const near = await optimizeCharging(at(0));
      expect(far.status, far.fallbackReason).toBe('optimal');
      expect(far.setpointsKw).toEqual(near.setpointsKw);
      expect(far.plans.map((p) => p.kw)).toEqual(near.plans.map((p) => p.kw));
    }
  });

  it('plans a queue on one EVSE, and a handover under a tight root, as fully as slot by slot when the handover falls inside an hour step', async () => {
    // 5-min slots: car a needs 11 kW until it leaves at slot 90 (7:30, inside the 7–8 h step), car b
    // plugs into the same EVSE then. They never share a slot, so the step must not split 11 kW
    // between them (that planned a 3.2 kWh and b 0.8 kWh short and "never finishing").
    const queue = gate(smallSite(), [activeSession({ id: 'a', evseId: 'e0', startSlot: 0, endSlot: 90, remainingKWh: 82 }), activeSession({ id: 'b', evseId: 'e0', startSlot: 90, endSlot: 114, remainingKWh: 21 })], {
      timeline: FIVE_MIN
    });
    // The same on two EVSEs under an 11-kW root: c leaves at 7:10, d arrives at 7:10.
    const handover = gate(smallSite({ rootLimitKw: 11 }), [activeSession({ id: 'c', evseId: 'e0', startSlot: 0, endSlot: 86, remainingKWh: 78 }), activeSession({ id: 'd', evseId: 'e1', startSlot: 86, endSlot: 110, remainingKWh: 21 })], {
      timeline: FIVE_MIN
    });
    for (const input of [queue, handover]) {
      const coarse = await optimizeCharging(input);
      const fine = await optimizeCharging(input, { aggregation: [] });
      expect(limitViolations(input, coarse)).toEqual([]);
      for (const [j, plan] of coarse.plans.entries()) {
        expect(fine.plans[j].shortfallKWh, plan.sessionId).toBe(0);
        expect(plan.shortfallKWh, plan.sessionId).toBe(0);
        expect(plan.expectedFinishSlot, plan.sessionId).toBe(fine.plans[j].expectedFinishSlot);
      }
    }
  });

  it('keeps every limit, the taper, the energy sums and the finish slot on random 5-min gates with negative first slots, explicit horizon ends and days-long windows, deterministically', async () => {
    await fc.assert(
      fc.asyncProperty(longGates, async (input) => {
        const result = await optimizeCharging(input);
        expect(['optimal', 'feasible', 'time-limit', 'empty']).toContain(result.status);
        expect(limitViolations(input, result, { checkMinKw: 3 })).toEqual([]);
        const horizonEnd = Math.max(input.firstSlot, input.horizonEndSlot ?? Math.max(input.firstSlot, ...input.sessions.map((s) => s.endSlot)));
        for (const plan of result.plans) {
          const s = input.sessions.find((x) => x.id === plan.sessionId)!;
          expect(plan.kw.length, s.id).toBe(Math.max(0, Math.min(s.endSlot, horizonEnd) - input.firstSlot));
          let energy = 0;
          let finish: number | null = null;
          for (const [i, kw] of plan.kw.entries()) {
            // A tapering battery accepts less as it fills: never planned above that in any real slot.
            if (s.battery) expect(kw, `${s.id} slot ${i}`).toBeLessThanOrEqual(batteryAcceptanceKw({ vehicleMaxKw: s.battery.vehicleMaxKw, soc: s.battery.soc + energy / s.battery.batteryKWh }) + 1e-6);
            energy += kw * H5;
            if (finish === null && kw > 0 && energy >= s.remainingKWh - 1e-6 - 1e-6 * s.remainingKWh) finish = input.firstSlot + i;
          }
          expect(plan.plannedKWh, s.id).toBeCloseTo(energy, 6);
          expect(plan.expectedFinishSlot, s.id).toBe(s.remainingKWh <= 1e-6 ? input.firstSlot - 1 : finish);
          expect(plan.expectedGreenShare).toBeGreaterThanOrEqual(0);
          expect(plan.expectedGreenShare).toBeLessThanOrEqual(1);
        }
        const again = await optimizeCharging(input);
        expect(again.setpointsKw).toEqual(result.setpointsKw);
        expect(again.plans).toEqual(result.plans);
      }),
      { numRuns: 150, seed: 31 }
    );
  }, 180_000);
});
