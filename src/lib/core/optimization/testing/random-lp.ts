import fc from 'fast-check';
import type { LpModel } from '../lp-model';
import { LpModelBuilder } from '../lp-model-builder';

/**
 * fast-check arbitrary of small, always feasible and bounded LPs (x = 0 is feasible, every column
 * has a finite upper bound), optionally with integer columns — for cross-checking solver adapters.
 */
export function arbitrarySmallLp({ integers = false }: { integers?: boolean } = {}): fc.Arbitrary<LpModel> {
  return fc
    .record({
      n: fc.integer({ min: 1, max: 6 }),
      m: fc.integer({ min: 0, max: 5 }),
      seedCosts: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 6, maxLength: 6 }),
      ubs: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 6, maxLength: 6 }),
      coefs: fc.array(fc.integer({ min: -5, max: 9 }), { minLength: 30, maxLength: 30 }),
      rhs: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 5, maxLength: 5 }),
      sense: fc.constantFrom<'minimize' | 'maximize'>('minimize', 'maximize'),
      constant: fc.integer({ min: -5, max: 5 })
    })
    .map(({ n, m, seedCosts, ubs, coefs, rhs, sense, constant }) => {
      const b = new LpModelBuilder(sense);
      for (let j = 0; j < n; j++) b.addColumn({ name: `x${j}`, ub: ubs[j], cost: seedCosts[j] / 4, integer: integers && j % 2 === 0 });
      for (let r = 0; r < m; r++) {
        b.beginRow(`r${r}`);
        for (let j = 0; j < n; j++) b.addTerm(j, coefs[r * 6 + j] / 2);
        b.endRow(-Infinity, rhs[r]);
      }
      b.objectiveConstant = constant;
      return b.build();
    });
}
