import { describe, expect, it } from 'vitest';
import { normalizeMix } from './normalize-mix';
import { co2Intensity } from './co2-intensity';
import { greenShare } from './green-share';
import { EMISSION_FACTORS_G_PER_KWH } from './emission-factors';

describe('normalizeMix', () => {
  it('scales shares to sum to 1 and fills missing sources with 0', () => {
    const m = normalizeMix({ wind: 2, gas: 2 });
    expect(m.wind).toBe(0.5);
    expect(m.gas).toBe(0.5);
    expect(m.coal).toBe(0);
    expect(Object.values(m).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });
  it('error: rejects negative, non-finite and all-zero mixes', () => {
    expect(() => normalizeMix({ wind: -0.1, gas: 1.1 })).toThrow(/"wind" must be a finite number ≥ 0/);
    expect(() => normalizeMix({ wind: Number.NaN })).toThrow();
    expect(() => normalizeMix({ wind: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => normalizeMix({})).toThrow(/no positive share/);
  });
});

describe('co2Intensity and greenShare', () => {
  it('gives the IPCC median of a single-source mix (pure coal = 820 g/kWh)', () => {
    expect(co2Intensity({ coal: 1 })).toBe(820);
    expect(co2Intensity({ wind: 1 })).toBe(11);
    expect(EMISSION_FACTORS_G_PER_KWH.gas).toBe(490);
  });
  it('weights factors by share, also for a mix that does not sum to 1', () => {
    expect(co2Intensity({ coal: 0.5, wind: 0.5 })).toBeCloseTo(415.5, 12);
    expect(co2Intensity({ coal: 1, wind: 1 })).toBeCloseTo(415.5, 12);
  });
  it('counts solar, wind, hydro and biomass as green, nuclear and fossil not', () => {
    expect(greenShare({ solar: 0.1, wind: 0.2, hydro: 0.1, biomass: 0.1, nuclear: 0.3, coal: 0.2 })).toBeCloseTo(0.5, 12);
    expect(greenShare({})).toBe(0);
  });
});
