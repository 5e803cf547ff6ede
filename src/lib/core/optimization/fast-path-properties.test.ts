import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryScheduleInput } from '../testing/arbitrary-gates';
import { limitViolations } from '../testing/limit-violations';
import { buildChargingModel } from './build-charging-model';
import { solveWithHighs } from './highs-adapter';
import { optimizeCharging } from './optimize-charging';
import type { ScheduleInput, ScheduleResult } from '../model/scheduler';
import { strategyWeights } from './strategies';

/**
 * Issue 11: the fast path of a gate — grid rows that cannot bind left out, the LP answer kept when
 * it already respects every minimum, binaries only for sessions whose minimum binds (added round
 * by round) — against a cold solve of the full model (every row, every binary) by HiGHS.
 */

/** The cold solve: the whole model as built with every row, solved at once, energy per session. */
async function coldSolve(input: ScheduleInput, minPower: 'milp' | 'relax') {
  const cm = buildChargingModel({ input, weights: strategyWeights({ strategy: input.strategy }), minPower, keepSlackRows: true });
  const lp = await solveWithHighs({ model: cm.model, options: { mipRelGap: 1e-9, timeLimitMs: 60_000 } });
  const kwh = new Map<string, number>();
  cm.sessions.forEach((s) => {
    let e = 0;
    if (lp.x && s.pCol >= 0) for (let i = 0; i < s.toSlot - s.fromSlot; i++) e += Math.max(0, lp.x[s.pCol + i]) * cm.slotHours;
    kwh.set(s.id, Math.min(e, s.remainingKWh));
  });
  return { status: lp.status, objective: lp.objective, kwh };
}

const plannedById = (r: ScheduleResult) => new Map(r.plans.map((p) => [p.sessionId, p.plannedKWh]));

describe('the gate fast path against a cold solve', () => {
  it('gives every session the same energy (within 1e-6 kWh) and the same grid-row safety as a cold solve with every row, on random gates (LP)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScheduleInput(), async (input) => {
        const fast = await optimizeCharging(input);
        const cold = await coldSolve(input, 'relax');
        expect(limitViolations(input, fast)).toEqual([]);
        if (fast.status === 'empty') return;
        expect(fast.objective!).toBeCloseTo(cold.objective, 6);
        const got = plannedById(fast);
        for (const [id, kwh] of cold.kwh) expect(Math.abs((got.get(id) ?? 0) - kwh), id).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 40, seed: 5 }
    );
  });

  it('reaches the cold full MILP within the 1-Wh gap (objective and total energy) and keeps every row and minimum, on random gates with minimum powers', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScheduleInput({ withMinKw: true }), async (input) => {
        // The search is not cut short by the wall clock here (a loaded machine must not change the answer).
        const fast = await optimizeCharging(input, { minPowerHorizonHours: Infinity, milpSearchMs: 60_000 });
        expect(limitViolations(input, fast, { checkMinKw: true })).toEqual([]);
        if (fast.status === 'empty') return;
        const cold = await coldSolve(input, 'milp');
        expect(cold.status).toBe('optimal');
        const shortfallWeight = strategyWeights({ strategy: input.strategy }).shortfall;
        // Both answers are proven within the gap of the same optimum: 1 Wh of shortfall, or 1e-3 relative.
        const gap = Math.max(1e-3 * shortfallWeight, 1e-3 * Math.max(1, Math.abs(cold.objective)));
        expect(fast.objective!).toBeLessThanOrEqual(cold.objective + gap + 1e-6);
        const fastTotal = [...plannedById(fast).values()].reduce((a, b) => a + b, 0);
        const coldTotal = [...cold.kwh.values()].reduce((a, b) => a + b, 0);
        expect(fastTotal).toBeGreaterThanOrEqual(coldTotal - gap / shortfallWeight - 1e-6);
      }),
      { numRuns: 25, seed: 7 }
    );
  }, 120_000);
});
