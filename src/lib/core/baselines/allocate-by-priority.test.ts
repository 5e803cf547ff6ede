import { describe, expect, it } from 'vitest';
import type { GridRow } from '../grid/grid-rows';
import { allocateByPriority, claimCapKw } from './allocate-by-priority';
import { indexRows, slotCapacity } from './slot-capacity';

const rows: GridRow[] = [
  { name: 'node.root', nodeId: 'root', evseIds: ['a', 'b', 'c'], coeffs: [1, 1, 1], rhs: [20] },
  { name: 'node.f0', nodeId: 'f0', evseIds: ['a', 'b'], coeffs: [1, 1], rhs: [15] }
];
const evseMaxKw = new Map([
  ['a', 11],
  ['b', 11],
  ['c', 11]
]);
const capacity = () => slotCapacity({ index: indexRows({ rows, evseMaxKw }), slotIndex: 0 });

describe('allocateByPriority', () => {
  it('gives power in priority order up to the tightest row', () => {
    const kw = allocateByPriority({
      capacity: capacity(),
      claims: [
        { id: 's1', evseId: 'a', maxKw: 11, minKw: 0, wantKw: 100 },
        { id: 's2', evseId: 'b', maxKw: 11, minKw: 0, wantKw: 100 },
        { id: 's3', evseId: 'c', maxKw: 11, minKw: 0, wantKw: 100 }
      ]
    });
    expect(kw.get('s1')).toBe(11);
    expect(kw.get('s2')).toBeCloseTo(4, 12); // feeder f0: 15 − 11
    expect(kw.get('s3')).toBeCloseTo(5, 12); // root: 20 − 15
  });

  it('never gives more than the energy still wanted', () => {
    const kw = allocateByPriority({ capacity: capacity(), claims: [{ id: 's1', evseId: 'a', maxKw: 11, minKw: 0, wantKw: 2.5 }] });
    expect(kw.get('s1')).toBe(2.5);
  });

  it('gives 0 instead of less than the minimum power', () => {
    const kw = allocateByPriority({
      capacity: capacity(),
      claims: [
        { id: 's1', evseId: 'a', maxKw: 11, minKw: 0, wantKw: 100 },
        { id: 's2', evseId: 'b', maxKw: 11, minKw: 6, wantKw: 100 },
        { id: 's3', evseId: 'c', maxKw: 11, minKw: 4.1, wantKw: 100 }
      ]
    });
    expect(kw.get('s2')).toBe(0); // only 4 kW left on f0
    expect(kw.get('s3')).toBeCloseTo(9, 12); // root 20 − 11
  });

  it('gives the minimum power to a car that needs less to finish (the car stops when full)', () => {
    expect(claimCapKw({ id: 'x', evseId: 'a', maxKw: 11, minKw: 4.1, wantKw: 1 })).toBe(4.1);
    expect(claimCapKw({ id: 'x', evseId: 'a', maxKw: 11, minKw: 4.1, wantKw: 0 })).toBe(0);
  });

  it('shares an EVSE between two sessions up to the EVSE max', () => {
    const kw = allocateByPriority({
      capacity: capacity(),
      claims: [
        { id: 's1', evseId: 'c', maxKw: 7, minKw: 0, wantKw: 100 },
        { id: 's2', evseId: 'c', maxKw: 7, minKw: 0, wantKw: 100 }
      ]
    });
    expect(kw.get('s1')).toBe(7);
    expect(kw.get('s2')).toBe(4);
  });

  it('treats a negative coefficient as loosening the row', () => {
    const loose: GridRow[] = [{ name: 'xfmr', nodeId: 'root', evseIds: ['a', 'b'], coeffs: [1, -0.5], rhs: [5] }];
    const cap = slotCapacity({ index: indexRows({ rows: loose, evseMaxKw }), slotIndex: 0 });
    const kw = allocateByPriority({
      capacity: cap,
      claims: [
        { id: 's2', evseId: 'b', maxKw: 10, minKw: 0, wantKw: 100 },
        { id: 's1', evseId: 'a', maxKw: 11, minKw: 0, wantKw: 100 }
      ]
    });
    expect(kw.get('s2')).toBe(10);
    expect(kw.get('s1')).toBe(10); // 5 + 0.5·10
  });
});
