import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { ValidationError } from '../errors';
import { parseOcpiLocations } from './parseOcpiLocations';

// A small Location written for these tests: two AC EVSEs and a DC one, with an energy mix.
const harbour = {
  country_code: 'DE',
  party_id: 'GSL',
  id: 'HARBOUR-1',
  name: 'Harbour car park',
  address: 'Kaistraße 1',
  city: 'Kiel',
  country: 'DEU',
  coordinates: { latitude: '54.3201', longitude: '10.1402' },
  time_zone: 'Europe/Berlin',
  last_updated: '2023-07-01T06:00:00Z',
  evses: [
    {
      uid: 'E1',
      evse_id: 'DE*GSL*E1',
      status: 'AVAILABLE',
      last_updated: '2023-07-01T06:00:00Z',
      connectors: [
        { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, last_updated: '2023-07-01T06:00:00Z' },
        { id: '2', standard: 'DOMESTIC_F', format: 'SOCKET', power_type: 'AC_1_PHASE', max_voltage: 230, max_amperage: 10, last_updated: '2023-07-01T06:00:00Z' }
      ]
    },
    {
      uid: 'E2',
      status: 'CHARGING',
      last_updated: '2023-07-01T07:00:00Z',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', power_type: 'AC_1_PHASE', max_voltage: 230, max_amperage: 32, last_updated: '2023-07-01T06:00:00Z' }]
    },
    {
      uid: 'E3',
      status: 'AVAILABLE',
      last_updated: '2023-07-01T06:00:00Z',
      connectors: [{ id: '1', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 920, max_amperage: 200, max_electric_power: 150000, last_updated: '2023-07-01T06:00:00Z' }]
    },
    {
      uid: 'E4',
      status: 'REMOVED',
      last_updated: '2023-06-01T06:00:00Z',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, last_updated: '2023-06-01T06:00:00Z' }]
    }
  ],
  energy_mix: {
    is_green_energy: false,
    energy_sources: [
      { source: 'WIND', percentage: 40 },
      { source: 'SOLAR', percentage: 10 },
      { source: 'COAL', percentage: 30 },
      { source: 'GAS', percentage: 20 }
    ],
    environ_impact: [{ category: 'CARBON_DIOXIDE', amount: 350 }]
  }
};

describe('parseOcpiLocations', () => {
  it('turns a Location into a site with EVSE power from voltage × amperage × phases or max_electric_power', () => {
    const { locations, leftOut } = parseOcpiLocations({ input: JSON.stringify(harbour) });
    expect(leftOut).toEqual([]);
    const { site } = locations[0];
    expect(site.id).toBe('HARBOUR-1');
    expect(site.timezone).toBe('Europe/Berlin');
    const byId = Object.fromEntries(site.evses.map((e) => [e.id, e]));
    expect(byId.E1.maxKw).toBeCloseTo(11.04, 6); // 3 × 230 V × 16 A beats the 2.3 kW domestic socket
    expect(byId.E1.phase).toBe('3P');
    expect(byId.E1.connectors).toEqual(['IEC_62196_T2', 'DOMESTIC_F']);
    expect(byId.E1.minKw).toBeCloseTo(4.14, 6); // 6 A on three phases
    expect(byId.E1.name).toBe('DE*GSL*E1');
    expect(byId.E2.maxKw).toBeCloseTo(7.36, 6);
    expect(byId.E2.phase).toBe('L1');
    expect(byId.E3.maxKw).toBe(150);
    expect(byId.E3.minKw).toBe(0);
    expect(byId.E4).toBeUndefined(); // REMOVED EVSEs are not offered for charging
    expect(site.nodes).toHaveLength(1);
    expect(site.nodes[0].limitKw).toBeCloseTo(11.04 + 7.36 + 150, 6);
    expect(site.evses.every((e) => e.nodeId === site.nodes[0].id)).toBe(true);
  });

  it('keeps the status and last_updated of every EVSE, REMOVED ones included', () => {
    const { locations } = parseOcpiLocations({ input: harbour });
    expect(locations[0].status).toEqual({
      E1: { status: 'AVAILABLE', lastUpdatedMs: Date.parse('2023-07-01T06:00:00Z') },
      E2: { status: 'CHARGING', lastUpdatedMs: Date.parse('2023-07-01T07:00:00Z') },
      E3: { status: 'AVAILABLE', lastUpdatedMs: Date.parse('2023-07-01T06:00:00Z') },
      E4: { status: 'REMOVED', lastUpdatedMs: Date.parse('2023-06-01T06:00:00Z') }
    });
  });

  it('makes the energy_mix the site grid-mix default, with shares summing to 1 and the CO2 figure', () => {
    const { locations } = parseOcpiLocations({ input: harbour });
    const { site, energy } = locations[0];
    expect(site.energy?.gridMix).toEqual([{ wind: 0.4, solar: 0.1, coal: 0.3, gas: 0.2 }]);
    expect(energy?.co2GPerKWh).toBe(350);
    expect(energy?.isGreenEnergy).toBe(false);
  });

  it('accepts an OCPI response envelope holding a list of Locations', () => {
    const second = { ...harbour, id: 'HARBOUR-2', energy_mix: undefined };
    const envelope = { data: [harbour, second], status_code: 1000, timestamp: '2023-07-01T08:00:00Z' };
    const { locations } = parseOcpiLocations({ input: envelope });
    expect(locations.map((l) => l.site.id)).toEqual(['HARBOUR-1', 'HARBOUR-2']);
    expect(locations[1].site.energy).toBeUndefined();
  });

  it('spreads single-phase EVSEs over L1, L2, L3 in turn', () => {
    const evses = [1, 2, 3, 4].map((n) => ({
      uid: `P${n}`,
      status: 'AVAILABLE',
      last_updated: '2023-07-01T06:00:00Z',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', power_type: 'AC_1_PHASE', max_voltage: 230, max_amperage: 16 }]
    }));
    const { locations } = parseOcpiLocations({ input: { ...harbour, evses, energy_mix: undefined } });
    expect(locations[0].site.evses.map((e) => e.phase)).toEqual(['L1', 'L2', 'L3', 'L1']);
  });

  it('reads OCPI 2.1.1 voltage/amperage names and null members, and warns about a non-IANA time zone', () => {
    const old = {
      id: 'OLD',
      time_zone: 'NL',
      name: null,
      address: 'Dorpsstraat 1',
      last_updated: '2021-05-07T07:11:44Z',
      evses: [
        {
          uid: 'X',
          status: 'BLOCKED',
          floor_level: null,
          last_updated: '2021-05-07T07:11:44Z',
          connectors: [{ id: 'c', standard: 'IEC_62196_T2', power_type: 'AC_3_PHASE', voltage: 230, amperage: 16, last_updated: '2021-05-07T07:11:44Z' }]
        }
      ]
    };
    const { locations, warnings } = parseOcpiLocations({ input: [old], defaultTimezone: 'Europe/Amsterdam' });
    expect(locations[0].site.name).toBe('Dorpsstraat 1');
    expect(locations[0].site.timezone).toBe('Europe/Amsterdam');
    expect(locations[0].site.evses[0].maxKw).toBeCloseTo(11.04, 6);
    expect(warnings).toEqual([{ file: 'input', where: '$[0].time_zone', message: expect.stringContaining('not an IANA time zone') }]);
  });

  it('uses a given connection limit instead of the sum of EVSE maxima', () => {
    const { locations } = parseOcpiLocations({ input: harbour, connectionLimitKw: 50 });
    expect(locations[0].site.nodes[0].limitKw).toBe(50);
  });

  it('error: rejects the whole file when one EVSE has no power_type, naming its JSON path', () => {
    const bad = structuredClone(harbour) as Record<string, unknown> & { evses: Record<string, unknown>[] };
    delete (bad.evses[1].connectors as Record<string, unknown>[])[0].power_type;
    let caught: unknown;
    try {
      parseOcpiLocations({ input: bad, file: 'harbour.json' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      { file: 'harbour.json', where: '$.evses[1].connectors[0].power_type', message: expect.stringContaining('expected one of AC_1_PHASE') }
    ]);
  });

  it('error: a duplicate EVSE uid inside one Location is rejected at its named path; the same uid in two Locations is fine', () => {
    const dup = structuredClone(harbour) as typeof harbour & { evses: { uid: string }[] };
    dup.evses.push({ ...structuredClone(dup.evses[0]), evse_id: 'DE*GSL*E1B' } as (typeof dup.evses)[number]);
    expect(() => parseOcpiLocations({ input: [dup], file: 'dup.json' })).toThrow(ValidationError);
    try {
      parseOcpiLocations({ input: [dup], file: 'dup.json' });
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([{ file: 'dup.json', where: '$[0].evses[4].uid', message: expect.stringContaining('duplicate EVSE uid "E1" in this Location (already at $[0].evses[0].uid)') }]);
    }
    const partial = parseOcpiLocations({ input: [dup], mode: 'partial' });
    const plain = parseOcpiLocations({ input: [harbour] }).locations[0].site.evses.map((e) => e.id);
    expect(partial.locations[0].site.evses.map((e) => e.id)).toEqual(plain);
    expect(partial.leftOut.map((i) => i.where)).toEqual(['$[0].evses[4].uid']);
    const two = parseOcpiLocations({ input: [harbour, { ...harbour, id: 'HARBOUR-2' }] });
    expect(two.locations.map((l) => l.site.evses.length)).toEqual([plain.length, plain.length]);
  });

  it('error: partial mode keeps the valid EVSEs and Locations and lists what was left out', () => {
    const bad = structuredClone(harbour) as typeof harbour & { evses: { status: string }[] };
    bad.evses[0].status = 'SLEEPING';
    const noId = { ...harbour, id: undefined };
    const { locations, leftOut } = parseOcpiLocations({ input: [bad, noId], mode: 'partial' });
    expect(locations).toHaveLength(1);
    expect(locations[0].site.evses.map((e) => e.id)).toEqual(['E2', 'E3']);
    expect(leftOut.map((i) => i.where)).toEqual(['$[0].evses[0].status', '$[1].id']);
    expect(leftOut[1].message).toContain('required field is missing');
  });

  it('error: reports broken JSON, a wrong energy mix, bad dates and negative amperage', () => {
    expect(() => parseOcpiLocations({ input: '{"id": ', file: 'cut.json' })).toThrow(/cut.json \$: not valid JSON/);
    const wrong = structuredClone(harbour) as unknown as {
      energy_mix: { energy_sources: { percentage: number }[] };
      last_updated: string;
      evses: { connectors: { max_amperage: number }[] }[];
    };
    wrong.energy_mix.energy_sources[0].percentage = 140;
    wrong.last_updated = 'yesterday';
    wrong.evses[0].connectors[0].max_amperage = -16;
    const { leftOut } = parseOcpiLocations({ input: wrong, mode: 'partial' });
    expect(leftOut.map((i) => i.where)).toEqual(['$.last_updated']);
    const noDate = { ...wrong, last_updated: '2023-07-01T06:00:00Z' };
    const r = parseOcpiLocations({ input: noDate, mode: 'partial' });
    expect(r.leftOut.map((i) => i.where).sort()).toEqual(['$.energy_mix.energy_sources[0].percentage', '$.evses[0].connectors[0].max_amperage']);
  });

  it('error: an envelope with a failing OCPI status_code is reported', () => {
    const envelope = { data: [], status_code: 2001, status_message: 'Invalid or missing parameters', timestamp: '2023-07-01T08:00:00Z' };
    expect(() => parseOcpiLocations({ input: envelope })).toThrow(/OCPI status 2001 is not a success/);
  });
});

describe.skipIf(!hasSharedData())('parseOcpiLocations on the OCPI specification examples', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
  const dirs = ['v2.2.1', 'v2.3.0'].map((v) => sharedDataPath('ocpi-examples', v, 'examples'));

  it('parses every example Location of 2.2.1 and 2.3.0 without issues', () => {
    let count = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => /^location_example.*\.json$/.test(f))) {
        const { locations } = parseOcpiLocations({ input: readFileSync(`${dir}/${name}`, 'utf8'), file: name });
        expect(locations).toHaveLength(1);
        expect(locations[0].site.evses.length).toBeGreaterThan(0);
        count += 1;
      }
    }
    expect(count).toBe(12);
  });

  it('gives the Gent example two 3-phase EVSEs of 220 V × 16 A × 3 = 10.56 kW', () => {
    const text = readFileSync(`${dirs[0]}/location_example.json`, 'utf8');
    const { site } = parseOcpiLocations({ input: text }).locations[0];
    expect(site.evses.map((e) => [e.id, e.maxKw, e.phase])).toEqual([
      ['3256', 10.56, '3P'],
      ['3257', 10.56, '3P']
    ]);
    expect(site.timezone).toBe('Europe/Brussels');
  });

  it('reads the energy-mix examples: the complete one normalises to shares summing to 1', () => {
    const text = readFileSync(`${dirs[0]}/location_energymix_example_complete.json`, 'utf8');
    const withMix = { id: 'L', last_updated: '2020-01-01T00:00:00Z', ...JSON.parse(text) };
    const { energy, site } = parseOcpiLocations({ input: withMix }).locations[0];
    const total = Object.values(site.energy!.gridMix[0]).reduce((s, v) => s + (v ?? 0), 0);
    expect(total).toBeCloseTo(1, 12);
    expect(energy?.co2GPerKWh).toBe(372);
    for (const name of ['location_energymix_example_simple.json', 'location_energymix_example_energy_provider.json']) {
      const simple = { id: 'L', last_updated: '2020-01-01T00:00:00Z', ...JSON.parse(readFileSync(`${dirs[0]}/${name}`, 'utf8')) };
      const r = parseOcpiLocations({ input: simple }).locations[0];
      expect(r.energy?.isGreenEnergy).toBe(true);
      expect(r.energy?.mix).toBeUndefined();
    }
  });

  it('parses the real-address receiver fixtures (OCPI 2.1.1 style, nulls, "NL" zone)', () => {
    const dir = sharedDataPath('ocpi-examples', 'ndw-ocpi-receiver-fixtures');
    const small = parseOcpiLocations({ input: readFileSync(`${dir}/small-locations.json`, 'utf8'), defaultTimezone: 'Europe/Amsterdam' });
    expect(small.locations.length).toBeGreaterThan(1);
    const one = parseOcpiLocations({ input: readFileSync(`${dir}/test-location.json`, 'utf8'), defaultTimezone: 'Europe/Amsterdam' });
    expect(one.locations[0].site.evses.every((e) => Math.abs(e.maxKw - 11.04) < 1e-9)).toBe(true);
    expect(one.warnings).toHaveLength(1);
    expect(one.locations[0].energy?.mix).toBeDefined();
  });

  it('error: the spec’s PUT example of a new EVSE lacks connector power data, and says where', () => {
    const evse = JSON.parse(readFileSync(`${dirs[0]}/location_put_example_add_evse.json`, 'utf8'));
    const r = parseOcpiLocations({ input: { id: 'LOC1', last_updated: '2019-06-24T12:39:09Z', evses: [evse] }, mode: 'partial', file: 'put.json' });
    expect(r.locations[0].site.evses).toEqual([]);
    expect(r.leftOut.map((i) => i.where)).toEqual(
      expect.arrayContaining(['$.evses[0].connectors[0].power_type', '$.evses[0].connectors[0].max_voltage', '$.evses[0].physical_reference'])
    );
  });
});
