import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { GREEN_SOURCES } from '../energy/sources';
import { ValidationError } from '../errors';
import { parseEnergyChartsJson } from './parseEnergyChartsJson';

const H = 3_600_000;
const t0 = Date.parse('2023-07-01T00:00:00Z');
const x = [t0, t0 + H, t0 + 2 * H];
// A small chart in the Energy-Charts layout, written for these tests (hourly, three points).
const chart = [
  { name: { en: 'Solar', de: 'Solar' }, data: [0, 40, 80], xAxisValues: x, xAxisFormat: 'unixTime' },
  { name: { en: 'Wind onshore' }, data: [50, 30, null] },
  { name: { en: 'Fossil hard coal' }, data: [50, 30, 20] },
  { name: { en: 'Hydro pumped storage consumption' }, data: [-10, -5, 0] },
  { name: { en: 'Load' }, data: [120, 110, 100] },
  { name: [{ en: 'Day Ahead Auction (DE-LU)' }], unit: 'EUR/MWh', data: [90, 80.5, -3] }
];

describe('parseEnergyChartsJson', () => {
  it('turns the series into 15-minute mixes, ignoring load, consumption and prices', () => {
    const r = parseEnergyChartsJson({ input: JSON.stringify(chart) });
    expect(r.timeline).toEqual({ startMs: t0, slotMinutes: 15 });
    expect(r.mixes).toHaveLength(12);
    expect(r.mixes[0]).toEqual({ wind: 0.5, coal: 0.5 });
    expect(r.mixes[4]).toEqual({ solar: 0.4, wind: 0.3, coal: 0.3 });
    expect(r.mixes[8]).toEqual({ solar: 0.8, coal: 0.2 }); // null wind counts as 0
    expect(r.ignoredSeries).toEqual(['Hydro pumped storage consumption', 'Load', 'Day Ahead Auction (DE-LU)']);
    expect(r.seriesBySource).toEqual({ solar: ['Solar'], wind: ['Wind onshore'], coal: ['Fossil hard coal'] });
    expect(r.priceEurPerMWh).toEqual([90, 90, 90, 90, 80.5, 80.5, 80.5, 80.5, -3, -3, -3, -3]);
    expect(r.leftOut).toEqual([]);
  });

  it('resamples to 5-minute slots too', () => {
    expect(parseEnergyChartsJson({ input: chart, slotMinutes: 5 }).mixes).toHaveLength(36);
  });

  it('warns about an unknown series instead of guessing its fuel, and reads negative generation as 0', () => {
    const odd = [...chart, { name: { en: 'Moon tides' }, data: [1, 1, 1] }, { name: { en: 'Biomass' }, data: [-1, 0, 0] }];
    const r = parseEnergyChartsJson({ input: odd });
    expect(r.warnings.map((w) => w.message)).toEqual(['series "Moon tides" is not a known fuel; ignored', '1 negative generation values read as 0']);
    expect(r.mixes[0]).toEqual({ wind: 0.5, coal: 0.5 });
  });

  it('error: a series with the wrong number of values is named by its JSON path', () => {
    const bad = [...chart.slice(0, 2), { name: { en: 'Fossil gas' }, data: [1, 2] }];
    expect(() => parseEnergyChartsJson({ input: bad, file: 'ec.json' })).toThrow(ValidationError);
    const r = parseEnergyChartsJson({ input: bad, file: 'ec.json', mode: 'partial' });
    expect(r.leftOut).toEqual([{ file: 'ec.json', where: '$[2].data', message: '"Fossil gas" has 2 values for 3 timestamps' }]);
    expect(r.mixes[0]).toEqual({ wind: 1 });
  });

  it('error: rejects a non-list, missing timestamps, text values and decreasing timestamps', () => {
    expect(() => parseEnergyChartsJson({ input: { data: [] } })).toThrow(/expected a list of Energy-Charts series/);
    expect(() => parseEnergyChartsJson({ input: [{ name: { en: 'Solar' }, data: [1] }] })).toThrow(/no series carries xAxisValues/);
    expect(() => parseEnergyChartsJson({ input: [{ name: { en: 'Solar' }, data: ['1'], xAxisValues: [t0] }] })).toThrow(/\$\[0\]\.data\[0\]: expected number, got string/);
    expect(() => parseEnergyChartsJson({ input: [{ name: { en: 'Solar' }, data: [1, 2], xAxisValues: [t0, t0] }] })).toThrow(/xAxisValues\[1\]: timestamps must increase/);
    expect(() => parseEnergyChartsJson({ input: '[{"name":' })).toThrow(/not valid JSON/);
  });
});

describe('parseEnergyChartsJson on implausible timestamps', () => {
  it('error: a far-future timestamp is named with its path instead of resampling billions of slots', () => {
    const far = [{ ...chart[0], xAxisValues: [t0, t0 + H, Date.parse('2918-07-01T00:00:00Z')] }, ...chart.slice(1)];
    expect(() => parseEnergyChartsJson({ input: JSON.stringify(far) })).toThrow(ValidationError);
    expect(() => parseEnergyChartsJson({ input: JSON.stringify(far) })).toThrow(/\$\[0\]\.xAxisValues\[2\].*outside the plausible years 1990–2099/);
  });
});

describe.skipIf(!hasSharedData())('parseEnergyChartsJson on Energy-Charts Germany July 2023', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
  const text = hasSharedData() ? readFileSync(sharedDataPath('energy-charts-de-2023', 'frauenhofer july 2023.json'), 'utf8') : '[]';

  it('gives 2,976 15-minute slots from 1 July 00:00 CEST with shares summing to 1 and no gaps', () => {
    const r = parseEnergyChartsJson({ input: text });
    expect(r.mixes).toHaveLength(2976);
    expect(r.timeline.startMs).toBe(Date.parse('2023-06-30T22:00:00Z'));
    expect(r.gapSlots).toEqual([]);
    expect(r.leftOut).toEqual([]);
    expect(r.warnings).toEqual([]);
    for (const mix of r.mixes) expect(Math.abs(Object.values(mix).reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-9);
    expect(r.priceEurPerMWh).toHaveLength(2976);
  });

  it('tracks Energy-Charts own renewable share within 3 points on average (waste and geothermal count as other)', () => {
    const r = parseEnergyChartsJson({ input: text });
    const series = JSON.parse(text) as { name: { en?: string }; data: number[] }[];
    const theirs = series.find((s) => s.name.en === 'Renewable share of generation')!.data;
    let diff = 0;
    r.mixes.forEach((mix, i) => {
      const ours = GREEN_SOURCES.reduce((s, src) => s + (mix[src] ?? 0), 0) * 100;
      diff += Math.abs(ours - theirs[i]);
    });
    expect(diff / r.mixes.length).toBeLessThan(3);
  });
});
