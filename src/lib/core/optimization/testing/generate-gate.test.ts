import { describe, expect, it } from 'vitest';
import { siteTree } from '../../grid/site-tree';
import { generateGate } from './generate-gate';

describe('generateGate', () => {
  it('returns the same gate for the same seed and a different one for another seed', () => {
    expect(generateGate({ evs: 50, seed: 7 })).toEqual(generateGate({ evs: 50, seed: 7 }));
    expect(generateGate({ evs: 50, seed: 8 }).sessions).not.toEqual(generateGate({ evs: 50, seed: 7 }).sessions);
  });

  it('builds a 3-level tree with PV, base load, mix and prices, and sessions inside the horizon', () => {
    const input = generateGate({ evs: 1000, slots: 96, seed: 1 });
    const tree = siteTree(input.site);
    expect(Math.max(...tree.depthOf.values())).toBe(2);
    expect(input.site.evses).toHaveLength(1000);
    expect(input.site.pv?.length).toBe(1);
    expect(input.site.energy?.gridMix).toHaveLength(96);
    expect(input.sessions.length).toBeGreaterThanOrEqual(1000);
    for (const s of input.sessions) {
      expect(s.startSlot).toBeGreaterThanOrEqual(input.firstSlot);
      expect(s.endSlot).toBeLessThanOrEqual(input.horizonEndSlot!);
      expect(s.remainingKWh).toBeGreaterThan(0);
      expect(s.minKw).toBe(0);
    }
  });

  it('gives a share of the EVSEs a minimum power when asked', () => {
    const input = generateGate({ evs: 200, minKwShare: 0.5, seed: 2 });
    const withMin = input.site.evses.filter((e) => e.minKw > 0).length;
    expect(withMin).toBeGreaterThan(60);
    expect(withMin).toBeLessThan(140);
  });
});
