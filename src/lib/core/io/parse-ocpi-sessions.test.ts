import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { ValidationError } from '../errors';
import type { Site } from '../grid/site';
import { OCPI_DEFAULT_VEHICLE_MAX_KW, parseOcpiSessions } from './parse-ocpi-sessions';

// Our own fixtures in the OCPI 2.2.1 shape (the spec's examples are CC BY-ND and stay outside the repo).
const ocpiSession = (over: Record<string, unknown> = {}) => ({
  country_code: 'NL',
  party_id: 'GSL',
  id: 'sess-1',
  start_date_time: '2026-03-02T07:50:00Z',
  end_date_time: '2026-03-02T16:10:00Z',
  kwh: 18.4,
  cdr_token: { country_code: 'NL', party_id: 'GSL', uid: 'tok1', type: 'APP_USER', contract_id: 'NL-GSL-C1' },
  auth_method: 'COMMAND',
  location_id: 'LOC-A',
  evse_uid: 'EVSE-7',
  connector_id: '1',
  currency: 'EUR',
  status: 'COMPLETED',
  last_updated: '2026-03-02T16:10:05Z',
  ...over
});
const ocpiCdr = (over: Record<string, unknown> = {}) => ({
  country_code: 'NL',
  party_id: 'GSL',
  id: 'cdr-1',
  start_date_time: '2026-03-02T18:00:00Z',
  end_date_time: '2026-03-03T06:30:00Z',
  cdr_token: { country_code: 'NL', party_id: 'GSL', uid: 'tok2', type: 'RFID', contract_id: 'NL-GSL-C2' },
  auth_method: 'WHITELIST',
  cdr_location: { id: 'LOC-A', address: 'Stationsplein 1', city: 'Utrecht', country: 'NLD', evse_uid: 'EVSE-8', evse_id: 'NL*GSL*E8', connector_id: '1', connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE' },
  currency: 'EUR',
  charging_periods: [],
  total_cost: { excl_vat: 6.1 },
  total_energy: 24.25,
  total_time: 12.5,
  last_updated: '2026-03-03T06:31:00Z',
  ...over
});

describe('parseOcpiSessions', () => {
  it('reads a Session: start = request = arrival, end = departure, kwh, EVSE = evse_uid', () => {
    const { requests, issues } = parseOcpiSessions({ json: [ocpiSession()] });
    expect(issues).toEqual([]);
    expect(requests[0]).toEqual({
      id: 'sess-1',
      requestMs: Date.UTC(2026, 2, 2, 7, 50),
      arrivalMs: Date.UTC(2026, 2, 2, 7, 50),
      departureMs: Date.UTC(2026, 2, 2, 16, 10),
      energyKWh: 18.4,
      vehicleMaxKw: OCPI_DEFAULT_VEHICLE_MAX_KW,
      evseId: 'EVSE-7',
      preference: 'balanced',
      origin: 'ocpi',
      loggedKWh: 18.4
    });
  });

  it('reads a CDR (total_energy, cdr_location.evse_uid), alone, in a list or in a response envelope', () => {
    for (const json of [ocpiCdr(), [ocpiCdr()], { data: [ocpiCdr()], status_code: 1000, timestamp: '2026-03-03T07:00:00Z' }]) {
      const { requests, issues } = parseOcpiSessions({ json: JSON.stringify(json) });
      expect(issues).toEqual([]);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ id: 'cdr-1', energyKWh: 24.25, evseId: 'EVSE-8', departureMs: Date.UTC(2026, 2, 3, 6, 30) });
    }
  });

  it('treats a time without zone as UTC, as OCPI prescribes, and uses the site EVSE’s power when known', () => {
    const site = { evses: [{ id: 'EVSE-7', nodeId: 'n', maxKw: 22, minKw: 0, phase: '3P' }] } as unknown as Site;
    const { requests } = parseOcpiSessions({ json: [ocpiSession({ start_date_time: '2026-03-02T07:50:00' })], site });
    expect(requests[0].arrivalMs).toBe(Date.UTC(2026, 2, 2, 7, 50));
    expect(requests[0].vehicleMaxKw).toBe(22);
  });

  it('reports and skips an active session without end, a zero-energy one and a non-numeric kwh, keeping the rest', () => {
    const json = {
      data: [
        ocpiSession({ id: 'active', end_date_time: undefined, status: 'ACTIVE' }),
        ocpiSession({ id: 'zero', kwh: 0 }),
        ocpiSession({ id: 'text', kwh: 'lots' }),
        ocpiSession({ id: 'inf', kwh: Number.POSITIVE_INFINITY }),
        ocpiSession({ id: 'good' })
      ],
      status_code: 1000
    };
    const { requests, issues } = parseOcpiSessions({ json, file: 'sessions.json' });
    expect(requests.map((r) => r.id)).toEqual(['good']);
    expect(issues.map((i) => i.where)).toEqual(['$.data[0].end_date_time', '$.data[1].kwh', '$.data[2].kwh', '$.data[3].kwh']);
    expect(issues.every((i) => i.file === 'sessions.json' && i.message.startsWith('expected'))).toBe(true);
  });

  it('error: throws a ValidationError when the document is not OCPI Sessions or CDRs', () => {
    expect(() => parseOcpiSessions({ json: 42, file: 'x.json' })).toThrow(ValidationError);
    expect(() => parseOcpiSessions({ json: [{ id: 'LOC1', evses: [] }], file: 'locations.json' })).toThrow(/locations\.json \$\[0\]: expected OCPI Sessions/);
  });
});

describe.skipIf(!hasSharedData())('parseOcpiSessions on the OCPI 2.2.1 spec examples', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
  const read = (f: string) => readFileSync(sharedDataPath('ocpi-examples', 'v2.2.1', 'examples', f), 'utf8');
  it('reads the CDR and the finished session, and reports the just-started one (no end, 0 kWh)', () => {
    expect(parseOcpiSessions({ json: read('cdr_example.json') }).requests[0]).toMatchObject({ energyKWh: 15.342, evseId: '3256' });
    expect(parseOcpiSessions({ json: read('session_example_2_short_finished.json') }).requests[0]).toMatchObject({ energyKWh: 41.12, evseId: '3256' });
    const started = parseOcpiSessions({ json: read('session_example_1_simple_start.json'), file: 'start.json' });
    expect(started.requests).toEqual([]);
    expect(started.issues.map((i) => i.where)).toEqual(['$.end_date_time', '$.kwh']);
  });
});
