import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { ValidationError } from '../errors';
import type { Site } from '../grid/site';
import { ACN_DEFAULT_VEHICLE_MAX_KW, parseAcnSessions } from './parse-acn-sessions';

const session = (over: Record<string, unknown> = {}) => ({
  _id: 'x1',
  connectionTime: 'Wed, 25 Apr 2018 15:00:00 GMT',
  disconnectTime: 'Wed, 25 Apr 2018 23:00:00 GMT',
  doneChargingTime: 'Wed, 25 Apr 2018 18:00:00 GMT',
  kWhDelivered: 12.5,
  sessionID: 's-1',
  siteID: '0002',
  spaceID: 'CA-496',
  stationID: '2-39-78-362',
  timezone: 'America/Los_Angeles',
  userID: null,
  userInputs: null,
  ...over
});
const withInputs = session({
  sessionID: 's-2',
  userInputs: [
    { kWhRequested: 10, minutesAvailable: 300, requestedDeparture: 'Wed, 25 Apr 2018 20:00:00 GMT', modifiedAt: 'Wed, 25 Apr 2018 15:01:00 GMT' },
    { kWhRequested: 20, minutesAvailable: 360, requestedDeparture: 'Wed, 25 Apr 2018 21:00:00 GMT', modifiedAt: 'Wed, 25 Apr 2018 15:05:00 GMT' }
  ]
});

describe('parseAcnSessions', () => {
  it('reads a session: request = arrival = connectionTime, departure = disconnectTime, EVSE = spaceID, logged = delivered', () => {
    const { requests, issues } = parseAcnSessions({ json: JSON.stringify({ _meta: {}, _items: [session()] }) });
    expect(issues).toEqual([]);
    expect(requests).toEqual([
      {
        id: 's-1',
        requestMs: Date.UTC(2018, 3, 25, 15),
        arrivalMs: Date.UTC(2018, 3, 25, 15),
        departureMs: Date.UTC(2018, 3, 25, 23),
        energyKWh: 12.5,
        vehicleMaxKw: ACN_DEFAULT_VEHICLE_MAX_KW,
        evseId: 'CA-496',
        preference: 'balanced',
        origin: 'acn',
        loggedKWh: 12.5
      }
    ]);
  });

  it('takes the driver’s last kWhRequested by default, and delivered energy when asked', () => {
    const json = { _items: [withInputs] };
    expect(parseAcnSessions({ json }).requests[0].energyKWh).toBe(20);
    expect(parseAcnSessions({ json, energy: 'delivered' }).requests[0].energyKWh).toBe(12.5);
    expect(parseAcnSessions({ json }).requests[0].loggedKWh).toBe(12.5);
  });

  it('uses the requested departure when asked, else the disconnect time', () => {
    const json = { _items: [withInputs, session()] };
    const { requests } = parseAcnSessions({ json, departure: 'requested' });
    expect(requests[0].departureMs).toBe(Date.UTC(2018, 3, 25, 21));
    expect(requests[1].departureMs).toBe(Date.UTC(2018, 3, 25, 23));
  });

  it('gives a session at a known EVSE that EVSE’s max power as vehicle power', () => {
    const site = { evses: [{ id: 'CA-496', nodeId: 'n', maxKw: 7.2, minKw: 0, phase: 'AB' }] } as unknown as Site;
    const { requests } = parseAcnSessions({ json: [session(), session({ sessionID: 's-9', spaceID: 'CA-999' })], site });
    expect(requests.map((r) => r.vehicleMaxKw)).toEqual([7.2, ACN_DEFAULT_VEHICLE_MAX_KW]);
  });

  it('reports and skips each bad session, naming its JSON path and what was expected, and keeps the rest', () => {
    const json = {
      _items: [
        session({ sessionID: 'ok-1' }),
        session({ sessionID: 'bad-time', connectionTime: '2018-04-25 15:00' }),
        session({ sessionID: 'bad-kwh', kWhDelivered: 'NaN' }),
        session({ sessionID: 'backwards', disconnectTime: 'Wed, 25 Apr 2018 14:00:00 GMT' }),
        session({ sessionID: 'zero', kWhDelivered: 0 }),
        'not a session',
        session({ sessionID: 'ok-1' }),
        session({ sessionID: 'ok-2' })
      ]
    };
    const { requests, issues } = parseAcnSessions({ json, file: 'acn.json' });
    expect(requests.map((r) => r.id)).toEqual(['ok-1', 'ok-2']);
    expect(issues).toEqual([
      { file: 'acn.json', where: '$._items[1].connectionTime', message: expect.stringMatching(/expected a valid arrival/) },
      { file: 'acn.json', where: '$._items[2].kWhDelivered', message: expect.stringMatching(/expected .*finite number of kWh/) },
      { file: 'acn.json', where: '$._items[3].disconnectTime', message: expect.stringMatching(/expected departure after arrival/) },
      { file: 'acn.json', where: '$._items[4].kWhDelivered', message: expect.stringMatching(/expected energy > 0/) },
      { file: 'acn.json', where: '$._items[5]', message: 'expected a session object' },
      { file: 'acn.json', where: '$._items[6]', message: expect.stringMatching(/unique session id/) }
    ]);
  });

  it('error: never lets an overflowing number in JSON text (1e309 → Infinity) through', () => {
    const text = `{"_items":[${JSON.stringify(session()).replace('"kWhDelivered":12.5', '"kWhDelivered":1e309')}]}`;
    const { requests, issues } = parseAcnSessions({ json: text, file: 'inf.json' });
    expect(requests).toEqual([]);
    expect(issues[0]).toMatchObject({ where: '$._items[0].kWhDelivered' });
  });

  it('error: throws a ValidationError for a document that is not ACN-Data, or not JSON at all', () => {
    expect(() => parseAcnSessions({ json: { sessions: [] }, file: 'x.json' })).toThrow(ValidationError);
    expect(() => parseAcnSessions({ json: { _items: [{ id: 1 }] }, file: 'x.json' })).toThrow(/x\.json \$\._items\[0\]/);
    expect(() => parseAcnSessions({ json: '{ nope', file: 'x.json' })).toThrow(/x\.json \$: expected JSON/);
  });
});

describe.skipIf(!hasSharedData())('parseAcnSessions on the real ACN-Data sample', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
  it('parses all 299 Caltech sessions with no issue, on CA-* spaces, within the sample week', () => {
    const text = readFileSync(sharedDataPath('acn-data-sample', 'acndata_sessions_2018wk.json'), 'utf8');
    const { requests, issues } = parseAcnSessions({ json: text, file: 'acndata_sessions_2018wk.json' });
    expect(issues).toEqual([]);
    expect(requests).toHaveLength(299);
    for (const r of requests) {
      expect(r.evseId).toMatch(/^CA-\d+$/);
      expect(r.arrivalMs).toBeGreaterThanOrEqual(Date.UTC(2018, 3, 25));
      expect(r.arrivalMs).toBeLessThan(Date.UTC(2018, 4, 3));
      expect(r.energyKWh).toBeGreaterThan(0);
    }
  });
});
