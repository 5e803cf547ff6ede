import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveWithGlpk } from './glpk-adapter';
import { solveWithHighs } from './highs-adapter';
import { buildChargingModel } from './build-charging-model';
import { generateGate } from './testing/generate-gate';
import { arbitrarySmallLp } from './testing/random-lp';

const agree = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));

describe('solveWithGlpk', () => {
  it('agrees with HiGHS on the objective of random small LPs and MILPs (1e-6 relative)', async () => {
    for (const integers of [false, true]) {
      await fc.assert(
        fc.asyncProperty(arbitrarySmallLp({ integers }), async (model) => {
          const h = await solveWithHighs({ model, options: { mipRelGap: 0 } });
          const g = await solveWithGlpk({ model, options: { mipRelGap: 0 } });
          expect(g.status).toBe('optimal');
          expect(agree(h.objective, g.objective)).toBe(true);
        }),
        { numRuns: 30 }
      );
    }
  });

  it('agrees with HiGHS on a generated charging gate and returns values per model column', async () => {
    const { model } = buildChargingModel({ input: generateGate({ evs: 8, slots: 24, seed: 5 }) });
    const h = await solveWithHighs({ model });
    const g = await solveWithGlpk({ model });
    expect(g.status).toBe('optimal');
    expect(g.x).toHaveLength(model.numCols);
    expect(agree(h.objective, g.objective)).toBe(true);
  });

  it('error: refuses a model with invalid numbers', async () => {
    const { model } = buildChargingModel({ input: generateGate({ evs: 2, slots: 8 }) });
    model.rowUpper[0] = NaN;
    const g = await solveWithGlpk({ model });
    expect(g.status).toBe('error');
    expect(g.message).toMatch(/invalid model/);
  });
});
