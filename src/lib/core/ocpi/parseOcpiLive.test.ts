import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { ValidationError } from '../errors';
import { parseOcpiLive } from './parseOcpiLive';

const example = (name: string) => JSON.parse(readFileSync(sharedDataPath('ocpi-examples', 'v2.2.1', 'examples', name), 'utf8'));

// A running session written for these tests: two charging periods with ENERGY and POWER.
const active = {
  country_code: 'DE',
  party_id: 'GSL',
  id: 'S-1',
  start_date_time: '2026-03-02T08:00:00Z',
  kwh: 3.5,
  auth_method: 'COMMAND',
  authorization_reference: 'my-request-1',
  location_id: 'HARBOUR-1',
  evse_uid: 'E1',
  connector_id: '1',
  currency: 'EUR',
  charging_periods: [
    { start_date_time: '2026-03-02T08:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1.5 }, { type: 'POWER', volume: 6 }] },
    { start_date_time: '2026-03-02T08:15:00Z', dimensions: [{ type: 'ENERGY', volume: 2 }, { type: 'POWER', volume: 8 }] }
  ],
  status: 'ACTIVE',
  last_updated: '2026-03-02T08:30:00Z'
};

describe('parseOcpiLive', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);

  it.skipIf(!hasSharedData())('reads the OCPI 2.2.1 spec examples: a PENDING session without periods, a COMPLETED one, and the CDR', () => {
    const r = parseOcpiLive({ json: [example('session_example_1_simple_start.json'), example('session_example_2_short_finished.json'), example('cdr_example.json')] });
    expect(r.sessions.map((s) => [s.key, s.status, s.kwh, s.periods.length])).toEqual([
      ['NL*STK*101', 'PENDING', 0, 0],
      ['BE*BEC*101', 'COMPLETED', 41.12, 3]
    ]);
    expect(r.sessions[1].endMs).toBe(Date.parse('2015-06-29T23:50:16Z'));
    expect(r.cdrs).toHaveLength(1);
    expect(r.cdrs[0]).toMatchObject({ key: 'BE*BEC*12345', totalEnergyKWh: 15.342, evseUid: '3256', locationId: 'LOC1', totalCostExclVat: 4 });
    // The spec's CDR names no session_id: a CDR for a session we cannot know.
    expect(r.cdrs[0].sessionKey).toBeUndefined();
  });

  it('reads a running session inside a polled envelope, keeping its periods and reference', () => {
    const r = parseOcpiLive({ json: { data: [active], status_code: 1000, timestamp: '2026-03-02T08:30:05Z' } });
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]).toMatchObject({ key: 'DE*GSL*S-1', status: 'ACTIVE', kwh: 3.5, authorizationReference: 'my-request-1', evseUid: 'E1' });
    expect(r.sessions[0].periods).toHaveLength(2);
  });

  it('error: a bad status, a bad dimension type and a period before the start are each named by their JSON path; nothing is returned', () => {
    const bad = [
      { ...active, id: 'S-2', status: 'CHARGING' },
      { ...active, id: 'S-3', charging_periods: [{ start_date_time: '2026-03-02T08:00:00Z', dimensions: [{ type: 'KWH', volume: 1 }] }] },
      { ...active, id: 'S-4', charging_periods: [{ start_date_time: '2026-03-02T07:00:00Z', dimensions: [{ type: 'ENERGY', volume: 1 }] }] },
      active
    ];
    try {
      parseOcpiLive({ json: { data: bad, status_code: 1000 }, file: 'poll' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issues = (e as ValidationError).issues.map((i) => `${i.where}: ${i.message}`);
      expect(issues).toEqual([
        expect.stringMatching(/^\$\.data\[0\]\.status: expected one of ACTIVE, COMPLETED, INVALID, PENDING, RESERVATION, got "CHARGING"/),
        expect.stringMatching(/^\$\.data\[1\]\.charging_periods\[0\]\.dimensions\[0\]\.type: expected one of/),
        '$.data[2].charging_periods[0].start_date_time: expected a period starting at or after the session start_date_time'
      ]);
    }
  });

  it('keeps the valid objects in partial mode and lists the bad ones', () => {
    const r = parseOcpiLive({ json: [active, { ...active, id: 'S-5', kwh: -1 }], mode: 'partial' });
    expect(r.sessions.map((s) => s.id)).toEqual(['S-1']);
    expect(r.leftOut.map((i) => i.where)).toEqual(['$[1].kwh']);
  });

  it('error: a missing last_updated, an end before the start and a non-success envelope are issues', () => {
    const { last_updated: _drop, ...noTime } = active;
    const r = parseOcpiLive({
      json: { data: [noTime, { ...active, id: 'S-6', end_date_time: '2026-03-02T07:00:00Z', charging_periods: [] }], status_code: 2001, status_message: 'Invalid' },
      mode: 'partial'
    });
    expect(r.sessions).toEqual([]);
    expect(r.leftOut.map((i) => i.where)).toEqual(['$.status_code', '$.data[0].last_updated', '$.data[1].end_date_time']);
  });

  it('error: charging periods out of time order are refused (their energy could not be placed)', () => {
    const periods = [...active.charging_periods].reverse();
    const r = parseOcpiLive({ json: { ...active, charging_periods: periods }, mode: 'partial' });
    expect(r.leftOut).toEqual([{ file: 'input', where: '$.charging_periods[1].start_date_time', message: 'expected charging periods in time order' }]);
  });

  it('reads a CDR with a session_id as closing that session, and treats null members as absent', () => {
    const cdr = {
      country_code: 'DE',
      party_id: 'GSL',
      id: 'CDR-1',
      session_id: 'S-1',
      start_date_time: '2026-03-02T08:00:00Z',
      end_date_time: '2026-03-02T09:00:00Z',
      cdr_location: { id: 'HARBOUR-1', evse_uid: 'E1', evse_id: 'DE*GSL*E1', connector_id: '1' },
      currency: 'EUR',
      charging_periods: active.charging_periods,
      total_cost: { excl_vat: 1.2, incl_vat: null },
      total_energy: 5,
      total_time: 1,
      last_updated: '2026-03-02T09:00:10Z'
    };
    const r = parseOcpiLive({ json: [cdr] });
    expect(r.cdrs[0]).toMatchObject({ key: 'DE*GSL*CDR-1', sessionKey: 'DE*GSL*S-1', totalEnergyKWh: 5, totalCostExclVat: 1.2 });
  });
});
