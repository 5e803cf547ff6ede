import { describe, expect, it } from 'vitest';
import { OCPI_SOURCE_CATEGORIES, ocpiEnergySourcesToMix, ocpiSource } from './ocpi-sources';
import { GREEN_SOURCES } from './sources';

describe('OCPI energy source mapping', () => {
  it('maps every OCPI category, keeping GENERAL_GREEN green and GENERAL_FOSSIL fossil', () => {
    expect(OCPI_SOURCE_CATEGORIES.map(ocpiSource)).toEqual(['nuclear', 'other', 'coal', 'gas', 'biomass', 'solar', 'wind', 'hydro']);
    expect(GREEN_SOURCES).toContain(ocpiSource('GENERAL_GREEN'));
    expect(GREEN_SOURCES).not.toContain(ocpiSource('GENERAL_FOSSIL'));
  });
  it('turns OCPI percentages into a normalised mix', () => {
    const mix = ocpiEnergySourcesToMix([
      { source: 'GENERAL_GREEN', percentage: 35.9 },
      { source: 'GAS', percentage: 6.3 },
      { source: 'COAL', percentage: 33.2 },
      { source: 'GENERAL_FOSSIL', percentage: 2.9 },
      { source: 'NUCLEAR', percentage: 21.7 }
    ]);
    expect(mix.biomass).toBeCloseTo(0.359, 12);
    expect(mix.other).toBeCloseTo(0.029, 12);
    expect(mix.solar).toBe(0);
  });
  it('error: rejects an unknown category', () => {
    expect(() => ocpiSource('SUN')).toThrow(/unknown OCPI energy source category "SUN"/);
  });
});
