import { describe, expect, it } from 'vitest';
import type { GridRow } from '../grid/grid-rows';
import { allocateEqualShares } from './allocate-equal-shares';
import { indexRows, slotCapacity } from './slot-capacity';

const evseMaxKw = new Map(['a', 'b', 'c', 'd'].map((id) => [id, 11]));
const capacityFor = (rows: GridRow[]) => slotCapacity({ index: indexRows({ rows, evseMaxKw }), slotIndex: 0 });
const claim = (id: string, evseId: string, extra: { maxKw?: number; minKw?: number; wantKw?: number } = {}) => ({
  id,
  evseId,
  maxKw: 11,
  minKw: 0,
  wantKw: 100,
  ...extra
});

describe('allocateEqualShares', () => {
  it('splits a full row equally', () => {
    const capacity = capacityFor([{ name: 'node.root', nodeId: 'root', evseIds: ['a', 'b', 'c'], coeffs: [1, 1, 1], rhs: [15] }]);
    const kw = allocateEqualShares({ capacity, claims: [claim('s1', 'a'), claim('s2', 'b'), claim('s3', 'c')] });
    for (const id of ['s1', 's2', 's3']) expect(kw.get(id)).toBeCloseTo(5, 12);
    expect(capacity.slack[0]).toBeCloseTo(0, 9);
  });

  it('gives what a small claim leaves to the others (max-min fair)', () => {
    const capacity = capacityFor([{ name: 'node.root', nodeId: 'root', evseIds: ['a', 'b', 'c'], coeffs: [1, 1, 1], rhs: [20] }]);
    const kw = allocateEqualShares({ capacity, claims: [claim('s1', 'a', { wantKw: 2 }), claim('s2', 'b'), claim('s3', 'c')] });
    expect(kw.get('s1')).toBeCloseTo(2, 12);
    expect(kw.get('s2')).toBeCloseTo(9, 12);
    expect(kw.get('s3')).toBeCloseTo(9, 12);
  });

  it('lets claims outside a full feeder keep rising', () => {
    const capacity = capacityFor([
      { name: 'node.root', nodeId: 'root', evseIds: ['a', 'b', 'c'], coeffs: [1, 1, 1], rhs: [20] },
      { name: 'node.f0', nodeId: 'f0', evseIds: ['a', 'b'], coeffs: [1, 1], rhs: [6] }
    ]);
    const kw = allocateEqualShares({ capacity, claims: [claim('s1', 'a'), claim('s2', 'b'), claim('s3', 'c')] });
    expect(kw.get('s1')).toBeCloseTo(3, 12);
    expect(kw.get('s2')).toBeCloseTo(3, 12);
    expect(kw.get('s3')).toBeCloseTo(11, 12); // its EVSE max, root still has room
  });

  it('grants minimum power in rotation order when not everyone can have it', () => {
    const rows: GridRow[] = [{ name: 'node.root', nodeId: 'root', evseIds: ['a', 'b', 'c'], coeffs: [1, 1, 1], rhs: [10] }];
    const claims = [claim('s1', 'a', { minKw: 4 }), claim('s2', 'b', { minKw: 4 }), claim('s3', 'c', { minKw: 4 })];
    const first = allocateEqualShares({ capacity: capacityFor(rows), claims });
    expect([first.get('s1'), first.get('s2'), first.get('s3')].map((x) => Math.round(x! * 1e9) / 1e9)).toEqual([5, 5, 0]);
    const rotated = allocateEqualShares({ capacity: capacityFor(rows), claims: [claims[2], claims[0], claims[1]] });
    expect(rotated.get('s3')).toBeCloseTo(5, 9);
    expect(rotated.get('s2')).toBe(0);
  });

  it('treats a negative coefficient as loosening the row', () => {
    const capacity = capacityFor([{ name: 'xfmr', nodeId: 'root', evseIds: ['a', 'b'], coeffs: [1, -1], rhs: [2] }]);
    const kw = allocateEqualShares({ capacity, claims: [claim('s1', 'a'), claim('s2', 'b')] });
    expect(kw.get('s2')).toBeCloseTo(11, 12);
    expect(kw.get('s1')).toBeCloseTo(11, 12);
  });
});
