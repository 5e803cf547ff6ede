import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { createGenerationCsvParser, parseGenerationCsv } from './parseGenerationCsv';

const sum = (m: Record<string, number | undefined>) => Object.values(m).reduce<number>((s, v) => s + (v ?? 0), 0);
const pad = (n: number) => String(n).padStart(2, '0');

// Quarter-hour SMARD-style rows for one local day in Berlin, listing wall-clock times the way a
// local-time export does: the skipped spring hour is absent, the repeated autumn hour appears twice.
function smardDay(day: string, hours: number[]): string {
  const lines = ['Datum;Anfang;Ende;Photovoltaik [MWh] Originalauflösungen;Braunkohle [MWh] Originalauflösungen'];
  hours.forEach((h, i) => {
    for (let q = 0; q < 4; q++) {
      const endH = q === 3 ? (hours[i + 1] ?? 24) % 24 : h;
      const endM = q === 3 ? 0 : (q + 1) * 15;
      lines.push(`${day};${pad(h)}:${pad(q * 15)};${pad(endH)}:${pad(endM)};${h >= 8 && h < 18 ? '1.250,5' : '0'};2.000,0`);
    }
  });
  return lines.join('\r\n');
}

describe('parseGenerationCsv', () => {
  it('reads a simple CSV with ISO timestamps and one column per source, holding hourly rows over 15-min slots', () => {
    const text = 'timestamp,solar,wind,coal,Load\n2023-07-01T00:00:00Z,0,30,70,100\n2023-07-01T01:00:00Z,20,20,60,100\n';
    const r = parseGenerationCsv({ text });
    expect(r.layout).toBe('simple');
    expect(r.mixes).toHaveLength(8);
    expect(r.mixes[0]).toEqual({ wind: 0.3, coal: 0.7 });
    expect(r.mixes[7]).toEqual({ solar: 0.2, wind: 0.2, coal: 0.6 });
    expect(r.ignoredColumns).toEqual(['Load']);
    expect(r.rowCount).toBe(2);
  });

  it('reads an ENTSO-E wide export: quoted cells, CET/CEST MTU ranges, n/e cells and consumption columns', () => {
    const text = [
      '"Area","MTU (CET/CEST)","Biomass  - Actual Aggregated [MW]","Fossil Brown coal/Lignite  - Actual Aggregated [MW]","Hydro Pumped Storage  - Actual Aggregated [MW]","Hydro Pumped Storage  - Actual Consumption [MW]","Solar  - Actual Aggregated [MW]","Wind Onshore  - Actual Aggregated [MW]"',
      '"BZN|DE-LU","01.07.2023 00:00 - 01.07.2023 01:00","4500","9000","n/e","600","0","4500"',
      '"BZN|DE-LU","01.07.2023 01:00 - 01.07.2023 02:00","4500","9000","1000","","0","5500"'
    ].join('\n');
    const r = parseGenerationCsv({ text });
    expect(r.layout).toBe('entsoe-wide');
    expect(r.timeline.startMs).toBe(Date.parse('2023-06-30T22:00:00Z'));
    expect(r.mixes).toHaveLength(8);
    expect(r.mixes[0]).toEqual({ biomass: 0.25, coal: 0.5, wind: 0.25 });
    expect(r.mixes[4].other).toBeCloseTo(1000 / 20000, 12);
    expect(r.ignoredColumns).toEqual(['Hydro Pumped Storage  - Actual Consumption [MW]']);
  });

  it('reads an ENTSO-E long export (one row per production type)', () => {
    const text = [
      'MTU (UTC),Area,Production Type,Generation (MW)',
      '01.07.2023 00:00 - 01.07.2023 00:15,DE,Solar,0',
      '01.07.2023 00:00 - 01.07.2023 00:15,DE,Wind Offshore,300',
      '01.07.2023 00:00 - 01.07.2023 00:15,DE,Fossil Gas,100',
      '01.07.2023 00:15 - 01.07.2023 00:30,DE,Solar,0',
      '01.07.2023 00:15 - 01.07.2023 00:30,DE,Wind Offshore,100',
      '01.07.2023 00:15 - 01.07.2023 00:30,DE,Fossil Gas,100'
    ].join('\n');
    const r = parseGenerationCsv({ text });
    expect(r.layout).toBe('entsoe-long');
    expect(r.timeline.startMs).toBe(Date.parse('2023-07-01T00:00:00Z'));
    expect(r.mixes).toEqual([{ wind: 0.75, gas: 0.25 }, { wind: 0.5, gas: 0.5 }]);
    expect(r.columnsBySource).toEqual({ solar: ['Solar'], wind: ['Wind Offshore'], gas: ['Fossil Gas'] });
  });

  it('reads a new-style SMARD export (Datum von / Datum bis, decimal commas, thousands dots)', () => {
    const text = 'Datum von;Datum bis;Wind Onshore [MWh] Berechnete Auflösungen;Erdgas [MWh] Berechnete Auflösungen\n01.01.2023 00:00;01.01.2023 01:00;1.500,5;500,5\n01.01.2023 01:00;01.01.2023 02:00;-;1.000\n';
    const r = parseGenerationCsv({ text });
    expect(r.layout).toBe('smard');
    expect(r.timeline.startMs).toBe(Date.parse('2022-12-31T23:00:00Z'));
    expect(r.mixes[0].wind).toBeCloseTo(1500.5 / 2001, 12);
    expect(r.mixes[4]).toEqual({ gas: 1 });
    expect(r.generationMw[0]).toBeCloseTo(2001, 9); // MWh per hour = MW
  });

  it('gives 92 slots for the 23-hour local day of 26 March 2023 in Europe/Berlin', () => {
    const hours = [0, 1, ...Array.from({ length: 21 }, (_, i) => i + 3)];
    const r = parseGenerationCsv({ text: smardDay('26.03.2023', hours) });
    expect(r.leftOut).toEqual([]);
    expect(r.timeline.startMs).toBe(Date.parse('2023-03-25T23:00:00Z'));
    expect(r.mixes).toHaveLength(92);
    expect(r.gapSlots).toEqual([]);
    // 08:00 CEST = 06:00Z = slot 28 (7 h after 23:00Z): the first sunny quarter hour.
    expect(r.mixes[27]).toEqual({ coal: 1 });
    expect(r.mixes[28].solar).toBeCloseTo(1250.5 / 3250.5, 12);
    expect(r.timeline.startMs + 92 * 900_000).toBe(Date.parse('2023-03-26T22:00:00Z'));
  });

  it('gives 100 slots for the 25-hour local day of 29 October 2023 in Europe/Berlin', () => {
    const hours = [0, 1, 2, 2, ...Array.from({ length: 21 }, (_, i) => i + 3)];
    const r = parseGenerationCsv({ text: smardDay('29.10.2023', hours) });
    expect(r.leftOut).toEqual([]);
    expect(r.rowCount).toBe(100);
    expect(r.timeline.startMs).toBe(Date.parse('2023-10-28T22:00:00Z'));
    expect(r.mixes).toHaveLength(100);
    expect(r.gapSlots).toEqual([]);
    // 08:00 CET = 07:00Z = slot 36 (9 h after 22:00Z).
    expect(r.mixes[35]).toEqual({ coal: 1 });
    expect(r.mixes[36].solar).toBeGreaterThan(0);
    expect(r.timeline.startMs + 100 * 900_000).toBe(Date.parse('2023-10-29T23:00:00Z'));
  });

  it('handles both DST switches in hourly ENTSO-E MTU ranges and in ISO offsets', () => {
    const entsoe = [
      '"MTU (CET/CEST)","Solar  - Actual Aggregated [MW]","Nuclear  - Actual Aggregated [MW]"',
      '"26.03.2023 00:00 - 26.03.2023 01:00","0","10"',
      '"26.03.2023 01:00 - 26.03.2023 03:00","0","10"',
      '"26.03.2023 03:00 - 26.03.2023 04:00","5","5"'
    ].join('\n');
    const spring = parseGenerationCsv({ text: entsoe });
    expect(spring.mixes).toHaveLength(12);
    expect(spring.mixes[8]).toEqual({ solar: 0.5, nuclear: 0.5 });
    const iso = 'time;gas;wind\n2023-10-29T01:00:00+02:00;1;0\n2023-10-29T02:00:00+02:00;1;1\n2023-10-29T02:00:00+01:00;0;1\n2023-10-29T03:00:00+01:00;0;1\n';
    const fall = parseGenerationCsv({ text: iso });
    expect(fall.timeline.startMs).toBe(Date.parse('2023-10-28T23:00:00Z'));
    expect(fall.mixes).toHaveLength(16);
    expect(fall.mixes.map((m) => m.wind ?? 0)).toEqual([0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('reads local times of a simple CSV in the zone it is given', () => {
    const text = 'datetime,solar,coal\n2023-07-01 00:00,1,1\n2023-07-01 01:00,1,3\n';
    expect(parseGenerationCsv({ text, timeZone: 'Europe/Berlin' }).timeline.startMs).toBe(Date.parse('2023-06-30T22:00:00Z'));
    expect(parseGenerationCsv({ text }).timeline.startMs).toBe(Date.parse('2023-07-01T00:00:00Z'));
  });

  it('gives the same result however the text is cut into chunks (property)', () => {
    const text = smardDay('29.10.2023', [0, 1, 2, 2, 3, 4]);
    const whole = parseGenerationCsv({ text });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set([0, ...cuts, text.length])].sort((a, b) => a - b);
        const p = createGenerationCsvParser();
        for (let i = 1; i < points.length; i++) p.push(text.slice(points[i - 1], points[i]));
        const r = p.finish();
        expect(r.mixes).toEqual(whole.mixes);
        expect(r.timeline).toEqual(whole.timeline);
      }),
      { numRuns: 50 }
    );
    for (const m of whole.mixes) expect(sum(m)).toBeCloseTo(1, 12);
  });

  it('error: a file without a time column or without fuel columns is rejected', () => {
    expect(() => parseGenerationCsv({ text: 'a,b\n1,2\n', file: 'g.csv' })).toThrow(/g.csv line 1: no time column found/);
    expect(() => parseGenerationCsv({ text: 'timestamp,foo\n2023-07-01T00:00Z,2\n' })).toThrow(/no generation column found/);
    expect(() => parseGenerationCsv({ text: '' })).toThrow(/the file is empty/);
    expect(() => parseGenerationCsv({ text: 'timestamp,solar\n' })).toThrow(/no data rows/);
  });

  it('error: bad numbers, bad times, skipped DST times and out-of-order rows are listed by line', () => {
    const text = [
      'datetime;Photovoltaik;Erdgas',
      '26.03.2023 00:00;1;1',
      '26.03.2023 01:00;x;1',
      '26.03.2023 02:00;1;1',
      'soon;1;1',
      '25.03.2023 23:30;1;1',
      '26.03.2023 03:00;2;0'
    ].join('\n');
    let caught: unknown;
    try {
      parseGenerationCsv({ text, timeZone: 'Europe/Berlin', file: 'mix.csv' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const r = parseGenerationCsv({ text, timeZone: 'Europe/Berlin', file: 'mix.csv', mode: 'partial' });
    expect(r.leftOut).toEqual([
      { file: 'mix.csv', where: 'line 3', message: 'column "Photovoltaik": "x" is not a number' },
      { file: 'mix.csv', where: 'line 4', message: expect.stringContaining('does not exist in Europe/Berlin') },
      { file: 'mix.csv', where: 'line 5', message: expect.stringContaining('"soon" is not a date-time') },
      { file: 'mix.csv', where: 'line 6', message: 'time 2023-03-25T22:30:00.000Z is not after the previous row' }
    ]);
    expect((caught as ValidationError).issues).toEqual(r.leftOut);
    expect(r.rowCount).toBe(2);
  });

  it('error: warns about unknown fuel columns instead of guessing', () => {
    const r = parseGenerationCsv({ text: 'timestamp,solar,plasma\n2023-07-01T00:00:00Z,1,5\n' });
    expect(r.warnings).toEqual([{ file: 'input', where: 'line 1', message: 'column "plasma" is not a known fuel; ignored' }]);
    expect(r.mixes[0]).toEqual({ solar: 1 });
  });

  it('reads a quoted header with a line break and names lines as an editor shows them (one CSV path: papaparse)', () => {
    const text = 'timestamp,"Solar\n(MW)",wind\n2023-07-01T00:00:00Z,1,3\n2023-07-01T01:00:00Z,x,3\n';
    const r = parseGenerationCsv({ text, mode: 'partial' });
    expect(r.columnsBySource.solar).toEqual(['Solar\n(MW)']);
    expect(r.mixes[0]).toEqual({ solar: 0.25, wind: 0.75 });
    expect(r.leftOut).toEqual([{ file: 'input', where: 'line 4', message: 'column "Solar\n(MW)": "x" is not a number' }]);
  });

  it('error: a stray year or a 1e308 MW cell is a named error with its line, never millions of slots', () => {
    const text = 'timestamp,solar\n2023-07-01T00:00:00Z,1\n2918-07-01T00:00:00Z,1\n2023-07-01T01:00:00Z,1e308\n';
    const r = parseGenerationCsv({ text, mode: 'partial' });
    expect(r.leftOut).toEqual([
      { file: 'input', where: 'line 3', message: '"2918-07-01T00:00:00Z" is outside the plausible years 1990–2099' },
      { file: 'input', where: 'line 4', message: 'column "solar": "1e308" is not a number from -10000000 to 10000000 MW' }
    ]);
    expect(r.mixes.length).toBeLessThan(10);
  });
});
