import { describe, expect, it } from 'vitest';
import { parseGenerationCsv } from '../generation/parseGenerationCsv';
import { csvField } from './csvField';
import { neutralizeCsvFormula } from './neutralizeCsvFormula';
import { writeSessionsCsv } from './writeSessionsCsv';
import { writeSlotResultsCsv, type SlotCsvRow } from './writeSlotResultsCsv';

describe('csvField', () => {
  it('quotes text with commas, quotes or line breaks and trims number noise', () => {
    expect(csvField('Kiel, Hafen')).toBe('"Kiel, Hafen"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(0.1 + 0.2)).toBe('0.3');
    expect(csvField(undefined)).toBe('');
    expect(csvField(NaN)).toBe('');
  });

  it('neutralises text cells a spreadsheet would run as a formula, and leaves numbers and plain text alone', () => {
    expect(csvField('=HYPERLINK("http://x.example","click")')).toBe(`"'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(csvField('+cmd|/c calc')).toBe(`"'+cmd|/c calc"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvField('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField(-20)).toBe('-20');
    expect(csvField('A1-2')).toBe('A1-2');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(true)).toBe('true');
  });

  it('a neutralised cell reads back as the original text after stripping the leading quote', () => {
    expect(neutralizeCsvFormula('=1+1').slice(1)).toBe('=1+1');
    expect(neutralizeCsvFormula('plain')).toBe('plain');
  });
});

describe('writeSessionsCsv', () => {
  it('writes one row per session with shares, CO2 per kWh and kWh per source', () => {
    const csv = writeSessionsCsv({
      sessions: [
        {
          id: 'S,1',
          evseId: 'E1',
          arrivalMs: Date.parse('2023-07-01T08:00:00Z'),
          departureMs: Date.parse('2023-07-01T10:00:00Z'),
          requestedKWh: 10,
          deliveredKWh: 8,
          greenKWh: 6,
          bySourceKWh: { solar: 6, gas: 2 },
          co2G: 1200,
          cost: 2.4,
          status: 'finished',
          finishReason: 'departed',
          preference: 'green'
        }
      ]
    });
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'session_id,evse_id,arrival_utc,departure_utc,preference,status,finish_reason,requested_kwh,delivered_kwh,shortfall_kwh,green_kwh,green_share,on_site_pv_kwh,co2_g,co2_g_per_kwh,cost,solar_kwh,wind_kwh,hydro_kwh,biomass_kwh,nuclear_kwh,gas_kwh,coal_kwh,other_kwh'
    );
    expect(row).toBe('"S,1",E1,2023-07-01T08:00:00.000Z,2023-07-01T10:00:00.000Z,green,finished,departed,10,8,2,6,0.75,,1200,150,2.4,6,0,0,0,0,2,0,0');
    expect(end).toBe('');
  });

  it('an imported session id or EVSE id that looks like a formula is exported as text', () => {
    const csv = writeSessionsCsv({
      sessions: [
        { id: '=cmd|"/c calc"!A0', evseId: '@evil', arrivalMs: 0, departureMs: 3_600_000, requestedKWh: 1, deliveredKWh: 1, greenKWh: 0, bySourceKWh: {}, co2G: 0, cost: 0, status: 'finished' }
      ]
    });
    const row = csv.split('\r\n')[1];
    expect(row.startsWith(`"'=cmd|""/c calc""!A0","'@evil",`)).toBe(true);
  });
});

describe('writeSlotResultsCsv', () => {
  it('writes one row per slot whose mix columns our own generation importer reads back', () => {
    const slot = (n: number, solar: number): SlotCsvRow => ({
      slot: n,
      startMs: Date.parse('2023-07-01T00:00:00Z') + n * 900_000,
      evKw: 22,
      evEnergyKWh: 5.5,
      greenKWh: 5.5 * solar,
      greenShare: solar,
      baseLoadKw: 3,
      pvKw: 0,
      netLoadKw: 25,
      limitKw: 50,
      overKw: 0,
      gridMix: { solar, coal: 1 - solar },
      co2GPerKWh: 820 * (1 - solar),
      pricePerKWh: 0.25,
      chargingSessions: 2
    });
    const csv = writeSlotResultsCsv({ slots: [slot(0, 0.25), slot(1, 0.5)] });
    expect(csv.split('\r\n')[1]).toBe('0,2023-07-01T00:00:00.000Z,22,5.5,1.375,0.25,3,0,25,50,0,615,0.25,2,0.25,0,0,0,0,0,0.75,0');
    const back = parseGenerationCsv({ text: csv.replace('start_utc', 'timestamp').replace(/mix_/g, '') });
    expect(back.mixes).toEqual([{ solar: 0.25, coal: 0.75 }, { solar: 0.5, coal: 0.5 }]);
  });
});
