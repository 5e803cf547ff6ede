import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile({ values, p: 50 })).toBe(5);
    expect(percentile({ values, p: 95 })).toBe(10);
    expect(percentile({ values, p: 0 })).toBe(1);
    expect(percentile({ values, p: 100 })).toBe(10);
  });

  it('returns 0 for no values', () => {
    expect(percentile({ values: [], p: 50 })).toBe(0);
  });
});
