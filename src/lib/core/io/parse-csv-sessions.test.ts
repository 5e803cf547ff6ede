import { openSync, readSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { ValidationError } from '../errors';
import { CSV_MAPPINGS } from './csv-mappings';
import { parseCsvSessions, type CsvColumnMapping } from './parse-csv-sessions';

const iso: CsvColumnMapping = { id: 'id', arrival: 'plug_in', departure: 'plug_out', energyKWh: 'kwh', evseId: 'evse', requestTime: 'asked' };

describe('parseCsvSessions', () => {
  it('reads ISO rows through a column mapping, with a separate request time', () => {
    const text = 'id,asked,plug_in,plug_out,kwh,evse\nA,2026-01-05T07:40:00Z,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,14.2,E1\n';
    const { requests, issues } = parseCsvSessions({ text, mapping: iso, file: 'log.csv' });
    expect(issues).toEqual([]);
    expect(requests).toEqual([
      {
        id: 'A',
        requestMs: Date.UTC(2026, 0, 5, 7, 40),
        arrivalMs: Date.UTC(2026, 0, 5, 8),
        departureMs: Date.UTC(2026, 0, 5, 17),
        energyKWh: 14.2,
        vehicleMaxKw: 7.4,
        evseId: 'E1',
        preference: 'balanced',
        origin: 'csv',
        loggedKWh: 14.2
      }
    ]);
  });

  it('reads epoch seconds, a duration column and a vehicle power column; ids default to line numbers', () => {
    const text = 'start,minutes,energy,kw\n1767600000,90,5.5,3.7\n';
    const mapping: CsvColumnMapping = { arrival: 'start', departure: { durationMinutes: 'minutes' }, energyKWh: 'energy', vehicleMaxKw: 'kw', timeFormat: 'epoch-s' };
    const { requests } = parseCsvSessions({ text, mapping });
    expect(requests[0]).toMatchObject({ id: 'line-2', arrivalMs: 1_767_600_000_000, departureMs: 1_767_600_000_000 + 90 * 60_000, vehicleMaxKw: 3.7, evseId: null });
  });

  it('reads ;-separated decimal-comma local times the Trondheim way', () => {
    const text = 'session_ID;Garage_ID;User_ID;Start_plugin;End_plugout;El_kWh\n7;G1;G1-2;21.12.2018 10:20;21.12.2018 19:46;29,87\n';
    const { requests, issues } = parseCsvSessions({ text, mapping: CSV_MAPPINGS.trondheim });
    expect(issues).toEqual([]);
    expect(requests[0]).toMatchObject({ id: '7', arrivalMs: Date.UTC(2018, 11, 21, 9, 20), departureMs: Date.UTC(2018, 11, 21, 18, 46), energyKWh: 29.87, evseId: 'G1-2' });
  });

  it('joins Boulder’s date column with the time of day of its start column, in Denver time', () => {
    const text =
      'Station_Name,Transaction_Date,Transaction_Start_Time,Charging_Time__minutes_,Energy__kWh_,ObjectId\n' +
      'PARK ST1,2018/07/04 00:00:00+00,2021/01/21 13:15:00+00,120,9.5,1\n';
    const { requests } = parseCsvSessions({ text, mapping: CSV_MAPPINGS.boulder });
    expect(requests[0]).toMatchObject({ arrivalMs: Date.UTC(2018, 6, 4, 19, 15), departureMs: Date.UTC(2018, 6, 4, 21, 15), evseId: 'PARK ST1' });
  });

  it('reports each bad row by line and column with what was expected, and keeps the good ones', () => {
    const text = [
      'id,asked,plug_in,plug_out,kwh,evse',
      'A,,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,14.2,E1',
      'B,,yesterday,2026-01-05T17:00:00Z,3,E1',
      'C,,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,Infinity,E1',
      'D,,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,  -  ,E1',
      'E,2026-01-05T09:00:00Z,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,2,E1',
      'F,,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,2',
      'G,,2026-01-05T08:00:00Z,2026-01-05T17:00:00Z,2,E2'
    ].join('\n');
    const mapping = { ...iso, requestTime: undefined };
    const { requests, issues } = parseCsvSessions({ text, mapping, file: 'log.csv' });
    expect(requests.map((r) => r.id)).toEqual(['A', 'E', 'G']);
    expect(issues).toEqual([
      { file: 'log.csv', where: 'line 3', message: expect.stringMatching(/^column plug_in: expected a valid arrival/) },
      { file: 'log.csv', where: 'line 4', message: expect.stringMatching(/^column kwh: expected .*finite/) },
      { file: 'log.csv', where: 'line 5', message: expect.stringMatching(/^column kwh: expected/) },
      { file: 'log.csv', where: 'line 7', message: 'expected 6 fields like the header (got 5)' }
    ]);
    const withRequest = parseCsvSessions({ text, mapping: iso, file: 'log.csv' });
    expect(withRequest.issues).toContainEqual({ file: 'log.csv', where: 'line 6', message: 'column asked: expected the request time at or before arrival' });
  });

  it('skips implausible sessions with the reason: the year 1900, a year-long stay, 1e12 kWh, a time that does not exist', () => {
    const text = [
      'id,plug_in,plug_out,kwh,evse,asked',
      'ok,2019-03-01T08:00Z,2019-03-01T10:00Z,5,A,2019-03-01T08:00Z',
      'old,1900-03-01T08:00Z,1900-03-01T10:00Z,5,A,1900-03-01T08:00Z',
      'year,2019-03-01T08:00Z,2020-03-01T08:00Z,5,A,2019-03-01T08:00Z',
      'huge,2019-03-01T08:00Z,2019-03-01T10:00Z,1e12,A,2019-03-01T08:00Z',
      'feb30,2019-02-30T08:00Z,2019-03-01T10:00Z,5,A,2019-03-01T08:00Z'
    ].join('\n');
    const r = parseCsvSessions({ text, mapping: iso, file: 'log.csv' });
    expect(r.requests.map((q) => q.id)).toEqual(['ok']);
    expect(r.issues.map((i) => `${i.where}: ${i.message}`)).toEqual([
      'line 3: column plug_in: arrival 1900-03-01T08:00:00.000Z is outside the plausible years 1990–2099 (a clock or unit error?)',
      'line 3: column plug_out: departure 1900-03-01T10:00:00.000Z is outside the plausible years 1990–2099 (a clock or unit error?)',
      'line 4: column plug_out: a stay of 366.0 days is longer than the plausible 14 days',
      'line 5: column kwh: expected at most 1000 kWh for one session (got 1000000000000; Wh read as kWh?)',
      'line 6: column plug_in: expected a valid arrival (plug-in) time: "2019-02-30T08:00Z" is not a valid date-time (day 30 does not exist in Feb 2019)'
    ]);
  });

  it('error: throws a ValidationError naming a mapped column the header lacks', () => {
    expect(() => parseCsvSessions({ text: 'a,b\n1,2\n', mapping: iso, file: 'other.csv' })).toThrow(ValidationError);
    expect(() => parseCsvSessions({ text: 'a,b\n1,2\n', mapping: iso, file: 'other.csv' })).toThrow(/other\.csv line 1: expected a column "id" \(mapping \$\.id\)/);
  });
});

/** The first `lines` lines of a large file, read without loading all of it. */
function headLines(path: string, lines: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let text = '';
    let n: number;
    while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
      text += buf.subarray(0, n).toString('utf8');
      if (text.split('\n').length > lines) break;
    }
    return text.split('\n').slice(0, lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!hasSharedData())('parseCsvSessions on the real Trondheim and Boulder logs', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
  it('parses the first 1,000 Trondheim sessions with the trondheim mapping, reporting only zero-length ones', () => {
    const text = headLines(sharedDataPath('trondheim-residential-ev', 'Dataset 1_EV charging reports.csv'), 1001);
    const { requests, issues } = parseCsvSessions({ text, mapping: CSV_MAPPINGS.trondheim, file: 'trondheim.csv' });
    expect(requests.length + issues.length).toBeGreaterThanOrEqual(1000);
    expect(requests.length).toBeGreaterThan(980);
    for (const i of issues) expect(i.message).toMatch(/departure after arrival|energy > 0/);
    for (const r of requests) expect(r.departureMs).toBeGreaterThan(r.arrivalMs);
  });

  it('parses the first 2,000 Boulder sessions with the boulder mapping, reporting blank-duration rows by line', () => {
    const text = headLines(sharedDataPath('boulder-ev-sessions', 'Electric_Vehicle_Charging_Station_Energy_Consumption.csv'), 2001);
    const { requests, issues } = parseCsvSessions({ text, mapping: CSV_MAPPINGS.boulder, file: 'boulder.csv' });
    expect(requests.length).toBeGreaterThan(1500);
    expect(issues[0]).toMatchObject({ file: 'boulder.csv', where: 'line 5' });
    for (const r of requests) {
      expect(r.arrivalMs).toBeGreaterThanOrEqual(Date.UTC(2018, 0, 1, 7));
      expect(r.arrivalMs).toBeLessThan(Date.UTC(2021, 0, 1, 7));
    }
  });
});
