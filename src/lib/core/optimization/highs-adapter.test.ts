import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadHighs, resetHighs, solveWithHighs, type HighsLoader } from './highs-adapter';
import { LpModelBuilder } from './lp-model-builder';
import { arbitrarySmallLp } from './testing/random-lp';

function knownMip() {
  // The HiGHS README example: optimum 122.5 at x = (17.5, 1, 16.5, 2) — plus a constant of 5.
  const b = new LpModelBuilder('maximize');
  const x1 = b.addColumn({ name: 'x1', ub: 40, cost: 1 });
  const x2 = b.addColumn({ name: 'x2', cost: 2 });
  const x3 = b.addColumn({ name: 'x3', cost: 3 });
  const x4 = b.addColumn({ name: 'x4', lb: 2, ub: 3, cost: 1, integer: true });
  b.addRow('c1', [[x1, -1], [x2, 1], [x3, 1], [x4, 10]], -Infinity, 20);
  b.addRow('c2', [[x1, 1], [x2, -3], [x3, 1]], -Infinity, 30);
  b.addRow('c3', [[x2, 1], [x4, -3.5]], 0, 0);
  b.objectiveConstant = 5;
  return b.build();
}

describe('solveWithHighs', () => {
  it.each(['arrays', 'lp-text'] as const)('solves a small MILP to its known optimum (%s input)', async (mode) => {
    const res = await solveWithHighs({ model: knownMip(), mode });
    expect(res.status).toBe('optimal');
    expect(res.objective).toBeCloseTo(127.5, 6);
    expect(res.x?.[3]).toBe(3);
  });

  it('gives the same objective through LP text and through arrays on random LPs', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySmallLp(), async (model) => {
        const a = await solveWithHighs({ model, mode: 'arrays' });
        const t = await solveWithHighs({ model, mode: 'lp-text' });
        expect(a.status).toBe('optimal');
        expect(t.status).toBe('optimal');
        expect(Math.abs(a.objective - t.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a.objective)));
      }),
      { numRuns: 40 }
    );
  });

  it('reports an infeasible model as a status, not an exception', async () => {
    const b = new LpModelBuilder();
    const x = b.addColumn({ name: 'x', ub: 1 });
    b.addRow('impossible', [[x, 1]], 2, Infinity);
    for (const mode of ['arrays', 'lp-text'] as const) {
      const res = await solveWithHighs({ model: b.build(), mode });
      expect(res.status).toBe('infeasible');
      expect(res.x).toBeNull();
    }
  });

  it('error: refuses a model with NaN before it reaches the solver, naming the row', async () => {
    const b = new LpModelBuilder();
    const x = b.addColumn({ name: 'x', ub: 1, cost: 1 });
    b.addRow('node.root.4', [[x, NaN]], -Infinity, 1);
    const res = await solveWithHighs({ model: b.build() });
    expect(res.status).toBe('error');
    expect(res.message).toMatch(/node\.root\.4.*finite/);
  });

  it('error: returns a load failure as status and loads again on the next call', async () => {
    resetHighs();
    const failing: HighsLoader = () => Promise.reject(new Error('no wasm here'));
    const res = await solveWithHighs({ model: knownMip(), loader: failing });
    expect(res.status).toBe('error');
    expect(res.message).toMatch(/no wasm here/);
    expect((await solveWithHighs({ model: knownMip() })).status).toBe('optimal');
  });

  it('error: turns a solver crash into status error and reloads the module afterwards', async () => {
    resetHighs();
    const real = await loadHighs();
    resetHighs();
    let loads = 0;
    const crashing: HighsLoader = async () => {
      loads++;
      return { ...real, createModel: () => { throw new Error('RuntimeError: unreachable'); } } as typeof real;
    };
    const res = await solveWithHighs({ model: knownMip(), loader: crashing });
    expect(res.status).toBe('error');
    expect(res.message).toMatch(/unreachable/);
    await solveWithHighs({ model: knownMip(), loader: crashing });
    expect(loads).toBe(2);
    resetHighs();
  });

  it('caches the loaded module between solves', async () => {
    expect(await loadHighs()).toBe(await loadHighs());
  });
});
