import { describe, expect, it } from 'vitest';
import type { Site } from '../grid/site';
import { DEFAULT_GRID_MIX, siteSlotEnergy } from './site-slot-energy';
import { mixTotal } from './normalize-mix';
import { co2Intensity } from './co2-intensity';
import { greenShare } from './green-share';

const site: Site = {
  id: 's',
  name: 's',
  timezone: 'UTC',
  nodes: [
    { id: 'root', parentId: null, limitKw: 100, baseLoadKw: [1, 2, 3] },
    { id: 'f', parentId: 'root', limitKw: 50, baseLoadKw: 10 }
  ],
  evses: [],
  pv: [
    { id: 'pv1', nodeId: 'f', kw: [0, 5] },
    { id: 'pv2', nodeId: 'root', kw: 1 }
  ],
  energy: { gridMix: [{ coal: 1 }, { wind: 1 }], pricePerKWh: [0.1, 0.2, 0.3, 0.4] }
};

describe('siteSlotEnergy', () => {
  it('sums PV and base load over the whole site and reads periodic mix and prices', () => {
    expect(siteSlotEnergy({ site, slot: 0 })).toEqual({ pvKw: 1, baseLoadKw: 11, gridMix: { coal: 1 }, pricePerKWh: 0.1 });
    expect(siteSlotEnergy({ site, slot: 5 })).toEqual({ pvKw: 6, baseLoadKw: 13, gridMix: { wind: 1 }, pricePerKWh: 0.2 });
  });
  it('falls back to the documented EU-2023-like mix and a zero price', () => {
    const bare: Site = { ...site, energy: undefined, pv: undefined };
    const e = siteSlotEnergy({ site: bare, slot: 3 });
    expect(e.gridMix).toBe(DEFAULT_GRID_MIX);
    expect(e.pvKw).toBe(0);
    expect(e.pricePerKWh).toBe(0);
    expect(mixTotal(DEFAULT_GRID_MIX)).toBeCloseTo(1, 12);
    expect(co2Intensity(DEFAULT_GRID_MIX)).toBeCloseTo(226.94, 6);
    expect(greenShare(DEFAULT_GRID_MIX)).toBeCloseTo(0.45, 12);
  });
  it('reads the absolute-time series where it covers the slot start, and the periodic profile elsewhere', () => {
    const startMs = Date.UTC(2023, 2, 26, 0);
    // Hourly series of 3 hours starting at 01:00 UTC on a 15-min timeline that starts at 00:00 UTC.
    const withSeries: Site = { ...site, energy: { ...site.energy!, gridMixSeries: { startMs: startMs + 3_600_000, slotMinutes: 60, mixes: [{ solar: 1 }, { hydro: 1 }, { nuclear: 1 }] } } };
    const timeline = { startMs, slotMinutes: 15 };
    const mixAt = (slot: number) => siteSlotEnergy({ site: withSeries, slot, timeline }).gridMix;
    expect(mixAt(3)).toEqual({ wind: 1 }); // 00:45: before the series → profile slot 3 % 2
    expect(mixAt(4)).toEqual({ solar: 1 });
    expect(mixAt(7)).toEqual({ solar: 1 }); // 01:45 still in the first hour
    expect(mixAt(8)).toEqual({ hydro: 1 });
    expect(mixAt(15)).toEqual({ nuclear: 1 });
    expect(mixAt(16)).toEqual({ coal: 1 }); // 04:00: after the series → profile
    // Without a timeline the series cannot be placed: the profile applies.
    expect(siteSlotEnergy({ site: withSeries, slot: 5 }).gridMix).toEqual({ wind: 1 });
  });
});
