import { describe, expect, it } from 'vitest';
import { LpModelBuilder } from './lp-model-builder';
import { toLpText } from './to-lp-text';

describe('toLpText', () => {
  const b = new LpModelBuilder('maximize');
  const x = b.addColumn({ name: 'x', ub: 40, cost: 1 });
  const y = b.addColumn({ name: 'y', lb: -Infinity, cost: 2 });
  const z = b.addColumn({ name: 'z', lb: 2, ub: 3, cost: -1.5, integer: true });
  b.addRow('cap', [[x, -1], [y, 1], [z, 10]], -Infinity, 20);
  b.addRow('floor', [[x, 1]], 1, Infinity);
  b.addRow('band', [[x, 1], [y, 1]], -2, 5);
  b.addRow('fix', [[y, 1], [z, -3.5]], 0, 0);
  b.addRow('nothing', [], -Infinity, Infinity);
  b.objectiveConstant = 7;
  const text = toLpText(b.build(), { comments: ['test model'] });

  it('writes the CPLEX LP sections in order with signed terms', () => {
    expect(text).toContain('\\ test model\n');
    expect(text).toContain('\\ objective constant: 7\n');
    expect(text).toMatch(/Maximize\n obj: \+ 1 x \+ 2 y - 1\.5 z\nSubject To\n/);
    expect(text).toContain(' cap: - 1 x + 1 y + 10 z <= 20\n');
    expect(text).toContain(' floor: + 1 x >= 1\n');
    expect(text).toContain(' fix: + 1 y - 3.5 z = 0\n');
    expect(text.trimEnd().endsWith('End')).toBe(true);
  });

  it('splits ranged rows into .lo and .hi rows and leaves out rows without terms', () => {
    expect(text).toContain(' band.lo: + 1 x + 1 y >= -2\n');
    expect(text).toContain(' band.hi: + 1 x + 1 y <= 5\n');
    expect(text).not.toContain('nothing');
  });

  it('writes non-default bounds, free columns and integers', () => {
    expect(text).toContain(' 0 <= x <= 40\n');
    expect(text).toContain(' y free\n');
    expect(text).toContain(' 2 <= z <= 3\n');
    expect(text).toMatch(/General\n z\n/);
  });

  it('wraps long rows so strict readers never see huge lines', () => {
    const big = new LpModelBuilder();
    const cols = Array.from({ length: 100 }, (_, i) => big.addColumn({ name: `c${i}` }));
    big.addRow('sum', cols.map((c) => [c, 1] as [number, number]), -Infinity, 1);
    const lines = toLpText(big.build(), { termsPerLine: 10 }).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
  });
});
