import { describe, expect, it } from 'vitest';
import { optimizeCharging } from './optimize-charging';
import { marginalRatesForSlots } from './marginal-rates-for-slots';
import { STRATEGY_WEIGHTS } from './strategies';
import { activeSession, gate, smallSite, TEST_TIMELINE } from '../testing/small-site';
import { parseSite } from '../grid/parse-site';

// 16 slots; the marginal rate is high everywhere except slots 10–12 (low-emission plants on the margin).
const rates = Array.from({ length: 16 }, (_, i) => (i >= 10 && i <= 12 ? 200 : 700));
const site = () => {
  const s = smallSite();
  return { ...s, energy: { ...s.energy!, marginalCo2Series: { startMs: TEST_TIMELINE.startMs, slotMinutes: 15, gPerKWh: rates, label: 'WattTime TEST' } } };
};

describe('the "lowest-marginal-co2" preset', () => {
  it('charges a flexible session in the slots with the lowest marginal emissions rate', async () => {
    const input = gate(site(), [activeSession({ id: 'a', remainingKWh: 8 })], { strategy: 'lowest-marginal-co2' });
    const r = await optimizeCharging(input);
    expect(r.status).toBe('optimal');
    const kw = r.plans[0].kw;
    const low = kw.slice(10, 13).reduce((a, b) => a + b, 0) * 0.25;
    expect(low).toBeCloseTo(8, 6);
    expect(r.plans[0].shortfallKWh).toBeLessThan(1e-6);
  });

  it('leaves the other presets as they were: without a marginal weight the series changes nothing', async () => {
    for (const strategy of ['balanced', 'green-first'] as const) {
      expect(STRATEGY_WEIGHTS[strategy].marginal).toBeUndefined();
      const withSeries = await optimizeCharging(gate(site(), [activeSession({ id: 'a', remainingKWh: 8 })], { strategy }));
      const without = await optimizeCharging(gate(smallSite(), [activeSession({ id: 'a', remainingKWh: 8 })], { strategy }));
      expect(withSeries.plans[0].kw).toEqual(without.plans[0].kw);
    }
  });

  it('never trades energy by departure for a lower rate', async () => {
    // 30 kWh in 16 slots at 11 kW needs more than the three low slots can carry.
    const r = await optimizeCharging(gate(site(), [activeSession({ id: 'a', remainingKWh: 30 })], { strategy: 'lowest-marginal-co2' }));
    expect(r.plans[0].shortfallKWh).toBeLessThan(1e-6);
  });

  it('reads a series on another slot grid at its real times, and a gap as unknown', () => {
    const series = { startMs: TEST_TIMELINE.startMs, slotMinutes: 60, gPerKWh: [100, null, 300] };
    const got = marginalRatesForSlots({ series, timeline: TEST_TIMELINE, slots: [0, 3, 4, 8, 12] });
    expect(got.slice(0, 2)).toEqual([100, 100]);
    expect(Number.isNaN(got[2])).toBe(true);
    expect(got[3]).toBe(300);
    expect(Number.isNaN(got[4])).toBe(true);
  });

  it('error: a site JSON with a negative marginal rate is refused by path', () => {
    const s = site();
    const bad = { ...s, energy: { ...s.energy, marginalCo2Series: { startMs: 0, slotMinutes: 15, gPerKWh: [1, -2] } } };
    expect(() => parseSite(bad, 'site.json')).toThrow(/\$\.energy\.marginalCo2Series\.gPerKWh\[1\]/);
  });
});
