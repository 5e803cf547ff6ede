import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presenceGroups } from './charging-model';

describe('presenceGroups', () => {
  it('gives the largest sets of members that share a real slot: every slot covered, each group shared in some slot, none inside another', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.integer({ min: -4, max: 14 }), fc.integer({ min: 1, max: 16 })), { maxLength: 8 }),
        (from, len, raw) => {
          const to = from + len;
          // Members are plugged in for at least one real slot of the step (as a model slot's sessions are).
          const members = raw.map(([a, l]) => ({ fromReal: Math.min(from + a, to - 1), toReal: Math.max(from + 1, Math.min(from + a, to - 1) + l) }));
          const groups = presenceGroups(members, from, to);
          const at = (t: number) => members.flatMap((m, i) => (t >= m.fromReal && t < m.toReal ? [i] : []));
          for (let t = from; t < to; t++) expect(groups.some((g) => at(t).every((i) => g.includes(i)))).toBe(true);
          for (const g of groups) {
            expect(g).toEqual([...g].sort((a, b) => a - b));
            if (groups.length > 1) expect(Array.from({ length: len }, (_, k) => from + k).some((t) => g.every((i) => at(t).includes(i)))).toBe(true);
            for (const o of groups) if (o !== g) expect(g.every((i) => o.includes(i))).toBe(false);
          }
          if (len === 1 || members.every((m) => m.fromReal <= from && m.toReal >= to)) expect(groups).toEqual([members.map((_, i) => i)]);
        }
      ),
      { numRuns: 500, seed: 12 }
    );
  });
});
