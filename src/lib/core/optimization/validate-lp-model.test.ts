import { describe, expect, it } from 'vitest';
import { LpModelBuilder } from './lp-model-builder';
import { validateLpModel } from './validate-lp-model';

function model(edit: (b: LpModelBuilder, x: number, y: number) => void) {
  const b = new LpModelBuilder();
  const x = b.addColumn({ name: 'x', ub: 5, cost: 1 });
  const y = b.addColumn({ name: 'y', cost: -1 });
  edit(b, x, y);
  return b.build();
}

describe('validateLpModel', () => {
  it('accepts a model with finite numbers and one-sided infinite bounds', () => {
    expect(validateLpModel({ model: model((b, x, y) => b.addRow('r', [[x, 1], [y, 2]], -Infinity, 4)) })).toEqual([]);
  });

  it.each([
    ['NaN coefficient', (b: LpModelBuilder, x: number) => b.addRow('r', [[x, NaN]], -Infinity, 1), 'r', /finite/],
    ['infinite coefficient', (b: LpModelBuilder, x: number) => b.addRow('r', [[x, Infinity]], -Infinity, 1), 'r', /finite/],
    ['NaN rhs', (b: LpModelBuilder, x: number) => b.addRow('r', [[x, 1]], -Infinity, NaN), 'r', /upper bound/],
    ['+∞ lower bound', (b: LpModelBuilder, x: number) => b.addRow('r', [[x, 1]], Infinity, Infinity), 'r', /lower bound/],
    ['NaN cost', (b: LpModelBuilder, x: number) => b.addCost(x, NaN), 'x', /objective coefficient/],
    ['column bounds crossed', (b: LpModelBuilder) => b.addColumn({ name: 'z', lb: 3, ub: 1 }), 'z', /exceeds/],
    ['a column twice in a row', (b: LpModelBuilder, x: number) => b.addRow('r', [[x, 1], [x, 2]], -Infinity, 1), 'r', /twice/],
    ['an empty row that cannot hold', (b: LpModelBuilder) => b.addRow('r', [], 1, 2), 'r', /no terms/]
  ])('error: reports %s with the row or column name', (_label, edit, where, message) => {
    const issues = validateLpModel({ model: model(edit) });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].where).toBe(where);
    expect(issues[0].message).toMatch(message);
  });
});
