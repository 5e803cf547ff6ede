import { describe, expect, it } from 'vitest';
import { batteryAcceptanceKw } from '../engine/battery-taper';
import { activeSession, gate, smallSite } from '../testing/small-site';
import { modelledMinKw } from './build-charging-model';
import { solveWithHighs } from './highs-adapter';
import type { LpModel } from './lp-model';
import type { LpSolution } from './lp-solution';
import { optimizeCharging } from './optimize-charging';

/**
 * Minimum power next to a tapering battery (issue 11, found in the 5-min month bench): a nearly full
 * car whose acceptance falls below the EVSE minimum while it charges. The engine gives it what it
 * accepts (min(setpoint, acceptance)); the MILP must not make it "0 or the EVSE minimum" in slots
 * where the battery cannot take the minimum, or every rounding is infeasible and the gate searches.
 */

const FIVE_MIN = { startMs: Date.UTC(2026, 2, 2), slotMinutes: 5 };
/** A car at 96 % SoC on a 1.25-kW-minimum EVSE: it accepts 1.28 kW now, less after a few minutes. */
const nearlyFull = () => ({
  ...activeSession({ id: 'full', evseId: 'e0', startSlot: 0, endSlot: 9, remainingKWh: 1.5, maxKw: batteryAcceptanceKw({ vehicleMaxKw: 3.6, soc: 0.961 }), minKw: 1.248 }),
  battery: { soc: 0.961, batteryKWh: 39, vehicleMaxKw: 3.6 }
});

describe('minimum power with a tapering battery', () => {
  it('floors the binaries at what the battery still accepts at the highest SoC it can reach in the near term', () => {
    const s = nearlyFull();
    const oneSlot = modelledMinKw({ minKw: s.minKw, maxKw: s.maxKw, remainingKWh: s.remainingKWh, slotHours: 5 / 60, battery: s.battery, binarySlots: 1 });
    const threeSlots = modelledMinKw({ minKw: s.minKw, maxKw: s.maxKw, remainingKWh: s.remainingKWh, slotHours: 5 / 60, battery: s.battery, binarySlots: 3 });
    expect(oneSlot).toBe(1.248);
    // Two slots at 1.28 kW raise the SoC by 0.0055: the battery then accepts ≈ 1.20 kW.
    const reachable = batteryAcceptanceKw({ vehicleMaxKw: 3.6, soc: 0.961 + (2 * (5 / 60) * s.maxKw) / 39 });
    expect(threeSlots).toBeCloseTo(reachable, 12);
    expect(threeSlots).toBeLessThan(1.248);
  });

  it('plans a nearly full car in the near-term slots and solves the gate without a MILP search', async () => {
    const site = smallSite({ evses: 2, evseMaxKw: 6.656, evseMinKw: 1.248, rootLimitKw: 50 });
    const other = activeSession({ id: 'other', evseId: 'e1', startSlot: 0, endSlot: 40, remainingKWh: 8, maxKw: 6.656, minKw: 1.248 });
    const calls: boolean[] = [];
    const result = await optimizeCharging(gate(site, [nearlyFull(), other], { timeline: FIVE_MIN }), {
      solveLp: async (model, options) => {
        calls.push(model.colInteger.some((v) => v === 1));
        return solveWithHighs({ model, options });
      }
    });
    expect(result.status).toBe('optimal');
    expect(calls).not.toContain(true);
    const plan = result.plans.find((p) => p.sessionId === 'full')!;
    expect(plan.kw[0]).toBeGreaterThan(1);
    expect(plan.plannedKWh).toBeGreaterThan(0.3);
  });

  it('does not dispatch a time-limited MILP incumbent that plans less energy than the rounded plan', async () => {
    // A solver that (as under heavy load) stops the MILP search at once with a "charge nothing"
    // incumbent, and cannot price the rounded plans: the rounded plan must be dispatched.
    const site = smallSite({ evses: 3, evseMaxKw: 11, evseMinKw: 4.2, feederLimitKw: 10, rootLimitKw: 10 });
    const sessions = ['a', 'b', 'c'].map((id, i) => activeSession({ id, evseId: `e${i}`, startSlot: 0, endSlot: 1, remainingKWh: 30, maxKw: 11, minKw: 4.2 }));
    let lpCalls = 0;
    const nothing = (model: LpModel): LpSolution => {
      const x = new Float64Array(model.numCols);
      // Every session's shortfall column at its whole request: a valid "charge nothing" point.
      model.colNames.forEach((name, c) => (x[c] = name.startsWith('short.') ? model.colUpper[c] : 0));
      return { status: 'time-limit', x, objective: 1e9, solveMs: 0, solverStatus: 'Time limit reached' };
    };
    const result = await optimizeCharging(gate(site, sessions), {
      solveLp: async (model, options) => {
        if (model.colInteger.some((v) => v === 1)) return nothing(model);
        // The relaxation is solved; the pattern LPs "fail".
        if (lpCalls++ === 0) return solveWithHighs({ model, options });
        return { status: 'infeasible', x: null, objective: NaN, solveMs: 0, solverStatus: 'Infeasible' };
      }
    });
    expect(result.status).toBe('feasible');
    const planned = result.plans.reduce((a, p) => a + p.plannedKWh, 0);
    // One quarter-hour at the 10-kW feeder, two cars at ≥ 4.2 kW: 2.5 kWh.
    expect(planned).toBeCloseTo(2.5, 6);
  });
});
