import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScheduleInput, arbitraryLineToLineSite } from '../testing/arbitrary-gates';
import { batteryAcceptanceKw } from '../engine/battery-taper';
import { limitViolations } from '../testing/limit-violations';
import { activeSession, gate } from '../testing/small-site';
import type { ScheduleInput } from '../model/scheduler';
import { buildChargingModel } from './build-charging-model';
import type { AggregationTier } from './horizon-steps';
import { optimizeCharging } from './optimize-charging';

/**
 * Issue 11, "aggregate far slots": a gate whose far slots are merged into longer steps must stay
 * as safe as one planned slot by slot — its dispatched setpoints and its whole plan (spread back
 * over real slots) within every EVSE, vehicle, window, energy, grid-row and near-term minimum-power
 * rule — and must not plan less when nothing on the site binds.
 */

/** Tiers that aggregate early, so small random gates reach both: quarter-hours after 20 min, hours after 1 h. */
const TIERS: AggregationTier[] = [
  { afterHours: 1 / 3, stepMinutes: 15 },
  { afterHours: 1, stepMinutes: 60 }
];

/** A random gate on 5-min slots with windows up to 4 h (the 15-min random gates, stretched ×4 and shifted). */
function fiveMinute({ withMinKw = false } = {}): fc.Arbitrary<ScheduleInput> {
  return fc.tuple(arbitraryScheduleInput({ withMinKw }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 3 })).map(([input, shift, trim]) => ({
    ...input,
    timeline: { ...input.timeline, slotMinutes: 5 },
    firstSlot: input.firstSlot + shift,
    // Departures off the step grid, so cars leave (and arrive) inside aggregated steps.
    sessions: input.sessions.map((s) => ({ ...s, startSlot: s.startSlot * 4 + shift, endSlot: Math.max(s.startSlot * 4 + shift, s.endSlot * 4 + shift - trim) }))
  }));
}

const planned = (r: Awaited<ReturnType<typeof optimizeCharging>>) => new Map(r.plans.map((p) => [p.sessionId, p.plannedKWh]));

describe('far slots aggregated into longer steps', () => {
  it('keeps the whole plan, spread over real slots, within every limit and the near-term minimum powers, on random 5-min gates', async () => {
    await fc.assert(
      fc.asyncProperty(fiveMinute({ withMinKw: true }), async (input) => {
        const result = await optimizeCharging(input, { aggregation: TIERS });
        expect(['optimal', 'feasible', 'time-limit', 'empty']).toContain(result.status);
        // The near term (15 min = 3 slots) keeps each slot's minimum power; every slot keeps every row.
        expect(limitViolations(input, result, { checkMinKw: 3 })).toEqual([]);
      }),
      { numRuns: 60, seed: 21 }
    );
  }, 120_000);

  it('keeps a line-to-line transformer site within its polygon rows when cars leave inside an aggregated step', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryLineToLineSite,
        fc.array(fc.record({ evse: fc.nat(5), start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 60 }), kwh: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 8 }),
        async (site, raw) => {
          const sessions = raw.map((r, i) => {
            const evse = site.evses[r.evse % site.evses.length];
            return activeSession({ id: `s${i}`, evseId: evse.id, startSlot: r.start, endSlot: r.start + r.len, remainingKWh: r.kwh, maxKw: evse.maxKw, minKw: 0 });
          });
          const input = gate(site, sessions, { timeline: { startMs: Date.UTC(2026, 0, 5), slotMinutes: 5 } });
          const result = await optimizeCharging(input, { aggregation: TIERS });
          expect(limitViolations(input, result)).toEqual([]);
        }
      ),
      { numRuns: 40, seed: 22 }
    );
  }, 120_000);

  it('plans every session as much energy as slot by slot when no grid row or shared EVSE binds', async () => {
    await fc.assert(
      fc.asyncProperty(fiveMinute(), async (raw) => {
        // One session per EVSE and a root far above every car: only each car's own caps limit it.
        const seen = new Set<string>();
        const sessions = raw.sessions.filter((s) => !seen.has(s.evseId) && seen.add(s.evseId));
        const site = { ...raw.site, nodes: raw.site.nodes.map((n) => ({ ...n, limitKw: 10_000, phaseLimitA: undefined })) };
        const input = { ...raw, site, sessions };
        const fine = planned(await optimizeCharging(input, { aggregation: [] }));
        const coarse = planned(await optimizeCharging(input, { aggregation: TIERS }));
        for (const [id, kwh] of fine) expect(Math.abs((coarse.get(id) ?? 0) - kwh), id).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 40, seed: 23 }
    );
  }, 120_000);

  it('never plans a tapering battery more than it accepts in any real slot of an aggregated step', async () => {
    const site = { id: 's', name: 's', timezone: 'UTC', nodes: [{ id: 'root', parentId: null, limitKw: 1000 }], evses: [{ id: 'e0', nodeId: 'root', maxKw: 11, minKw: 0, phase: '3P' as const }] };
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          soc: fc.double({ min: 0.4, max: 0.99, noNaN: true }),
          batteryKWh: fc.integer({ min: 10, max: 80 }),
          vehicleMaxKw: fc.constantFrom(3.7, 7.4, 11),
          len: fc.integer({ min: 13, max: 60 }),
          share: fc.double({ min: 0.1, max: 1, noNaN: true }),
          strategy: fc.constantFrom('balanced' as const, 'green-first' as const, 'grid-first' as const)
        }),
        async ({ soc, batteryKWh, vehicleMaxKw, len, share, strategy }) => {
          const maxKw = Math.min(11, batteryAcceptanceKw({ vehicleMaxKw, soc }));
          const remainingKWh = (1 - soc) * batteryKWh * share;
          const session = activeSession({ id: 'a', evseId: 'e0', startSlot: 0, endSlot: len, remainingKWh, maxKw, minKw: 0 });
          const input = gate(site, [{ ...session, battery: { soc, batteryKWh, vehicleMaxKw } }], { timeline: { startMs: Date.UTC(2026, 0, 5), slotMinutes: 5 }, strategy });
          const result = await optimizeCharging(input, { aggregation: TIERS });
          let e = 0;
          for (const [t, kw] of result.plans[0].kw.entries()) {
            expect(kw, `slot ${t}`).toBeLessThanOrEqual(batteryAcceptanceKw({ vehicleMaxKw, soc: soc + e / batteryKWh }) + 1e-6);
            e += kw / 12;
          }
        }
      ),
      { numRuns: 60, seed: 24 }
    );
  }, 120_000);

  it('builds fewer columns than one per slot and gives a car leaving mid-step a smaller bound in that step', () => {
    const site = { id: 's', name: 's', timezone: 'UTC', nodes: [{ id: 'root', parentId: null, limitKw: 20 }], evses: [{ id: 'e0', nodeId: 'root', maxKw: 11, minKw: 0, phase: '3P' as const }] };
    // 5-min slots, a 10-h horizon, the car leaves after 8 h 10 min: 10 min into an hour step.
    const input = gate(site, [activeSession({ id: 'a', evseId: 'e0', startSlot: 0, endSlot: 98, remainingKWh: 200, maxKw: 11 })], {
      timeline: { startMs: Date.UTC(2026, 0, 5), slotMinutes: 5 },
      horizonEndSlot: 120
    });
    const fine = buildChargingModel({ input });
    const coarse = buildChargingModel({ input, aggregation: [{ afterHours: 1, stepMinutes: 15 }, { afterHours: 6, stepMinutes: 60 }] });
    const cols = (cm: typeof fine) => cm.sessions[0].toSlot - cm.sessions[0].fromSlot;
    expect(cols(fine)).toBe(98);
    // 12 five-minute slots, 20 quarter-hours (1 h – 6 h), then 7 h – 8 h and 10 min of the 8 h – 9 h step.
    expect(cols(coarse)).toBe(12 + 20 + 2 + 1);
    const last = coarse.sessions[0].pCol + cols(coarse) - 1;
    expect(coarse.model.colUpper[last]).toBeCloseTo((11 * 2) / 12, 12);
    expect(coarse.sessions[0].spread?.[cols(coarse) - 1]).toBe(6);
    // The same reachable energy: 11 kW for 98 × 5 min.
    expect(coarse.sessions[0].reachableKWh).toBeCloseTo(fine.sessions[0].reachableKWh, 12);
  });
});
