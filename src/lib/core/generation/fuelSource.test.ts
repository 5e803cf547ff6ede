import { describe, expect, it } from 'vitest';
import { fuelSource, normalizeFuelName } from './fuelSource';

describe('fuelSource', () => {
  it('maps Energy-Charts, ENTSO-E and SMARD names to our sources', () => {
    const cases: [string, string | null][] = [
      ['Fossil brown coal / lignite', 'coal'],
      ['Hydro Run-of-River', 'hydro'],
      ['Wind offshore', 'wind'],
      ['Fossil Brown coal/Lignite  - Actual Aggregated [MW]', 'coal'],
      ['Hydro Run-of-river and poundage - Actual Aggregated [MW]', 'hydro'],
      ['Marine  - Actual Aggregated [MW]', 'hydro'],
      ['Other renewable  - Actual Aggregated [MW]', 'other'],
      ['Photovoltaik [MWh] Originalauflösungen', 'solar'],
      ['Kernenergie [MWh] Berechnete Auflösungen', 'nuclear'],
      ['Erdgas [MWh] Originalauflösungen', 'gas'],
      ['solar', 'solar'],
      ['Hydro pumped storage consumption', null],
      ['Hydro Pumped Storage  - Actual Consumption [MW]', null],
      ['Load', null]
    ];
    for (const [name, source] of cases) expect([name, fuelSource({ name })]).toEqual([name, source]);
  });

  it('returns undefined for a name it does not know, so importers can report it', () => {
    expect(fuelSource({ name: 'Unobtainium' })).toBeUndefined();
  });

  it('normalises units, suffixes and spacing around slashes', () => {
    expect(normalizeFuelName('  Fossil Brown coal / Lignite  - Actual Aggregated [MW] ')).toBe('fossil brown coal/lignite');
  });
});
