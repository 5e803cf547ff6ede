import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { readFileSync } from 'node:fs';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { parseEvseStatusPatches } from './parseEvseStatusPatches';

describe('parseEvseStatusPatches', () => {
  it('reads flat patches and logged {url, body} patches', () => {
    const { patches } = parseEvseStatusPatches({
      input: JSON.stringify([
        { evse_uid: 'E1', location_id: 'L', status: 'CHARGING', last_updated: '2023-07-01T07:00:00Z' },
        { url: 'https://cpo.example/ocpi/2.2.1/locations/DE/GSL/HARBOUR%201/E2', body: { status: 'REMOVED', last_updated: '2023-07-01T07:05:00Z' } },
        { evse_uid: 'E3', last_updated: '2023-07-01T07:10:00' }
      ])
    });
    expect(patches).toEqual([
      { evseUid: 'E1', locationId: 'L', status: 'CHARGING', lastUpdatedMs: Date.parse('2023-07-01T07:00:00Z') },
      { evseUid: 'E2', locationId: 'HARBOUR 1', status: 'REMOVED', lastUpdatedMs: Date.parse('2023-07-01T07:05:00Z') },
      { evseUid: 'E3', lastUpdatedMs: Date.parse('2023-07-01T07:10:00Z') }
    ]);
  });

  it('error: rejects an unknown status and a missing last_updated with their JSON paths', () => {
    const input = [
      { evse_uid: 'E1', status: 'ASLEEP', last_updated: '2023-07-01T07:00:00Z' },
      { url: '/locations/DE/GSL/L/E2', body: { status: 'AVAILABLE' } },
      { evse_uid: 'E3', status: 'AVAILABLE', last_updated: '2023-07-01T07:00:00Z' }
    ];
    expect(() => parseEvseStatusPatches({ input })).toThrow(ValidationError);
    const { patches, leftOut } = parseEvseStatusPatches({ input, mode: 'partial', file: 'p.json' });
    expect(patches.map((p) => p.evseUid)).toEqual(['E3']);
    expect(leftOut).toEqual([
      { file: 'p.json', where: '$[0].status', message: expect.stringContaining('expected one of AVAILABLE') },
      { file: 'p.json', where: '$[1].body.last_updated', message: expect.stringContaining('required field is missing') }
    ]);
  });

  it('error: a URL that does not address an EVSE is rejected', () => {
    const { leftOut } = parseEvseStatusPatches({ input: { url: '/locations/DE/GSL', body: { status: 'AVAILABLE', last_updated: '2023-07-01T07:00:00Z' } }, mode: 'partial' });
    expect(leftOut).toEqual([{ file: 'patches', where: '$.url', message: expect.stringContaining('/locations/{cc}/{party}/{location}/{evse_uid}') }]);
  });
  it('error: a URL with a malformed %-escape is reported at its path, not thrown as a URIError', () => {
    const good = { url: '/locations/DE/GSL/L1/E1', body: { status: 'AVAILABLE', last_updated: '2023-07-01T07:00:00Z' } };
    const bad = { url: '/locations/DE/GSL/L1/E%ZZ', body: { status: 'CHARGING', last_updated: '2023-07-01T07:05:00Z' } };
    const r = parseEvseStatusPatches({ input: [good, bad], mode: 'partial' });
    expect(r.patches).toEqual([{ evseUid: 'E1', locationId: 'L1', status: 'AVAILABLE', lastUpdatedMs: Date.parse('2023-07-01T07:00:00Z') }]);
    expect(r.leftOut).toEqual([{ file: 'patches', where: '$[1].url', message: expect.stringContaining('%-escapes') }]);
    expect(() => parseEvseStatusPatches({ input: [good, bad] })).toThrow(ValidationError);
  });

  it('reads a bare PATCH body (the spec’s status example, no evse_uid) for the EVSE the user chose', () => {
    const body = { status: 'CHARGING', last_updated: '2019-06-24T12:39:09Z' };
    const { patches } = parseEvseStatusPatches({ input: JSON.stringify(body), target: { evseUid: 'hb-ac-1', locationId: 'HARBOUR' } });
    expect(patches).toEqual([{ evseUid: 'hb-ac-1', locationId: 'HARBOUR', status: 'CHARGING', lastUpdatedMs: Date.parse('2019-06-24T12:39:09Z') }]);
  });

  it('error: a bare PATCH body without a chosen EVSE says to choose one', () => {
    expect(() => parseEvseStatusPatches({ input: '{"status":"CHARGING","last_updated":"2019-06-24T12:39:09Z"}', file: 'p.json' })).toThrow(ValidationError);
    try {
      parseEvseStatusPatches({ input: '{"status":"CHARGING","last_updated":"2019-06-24T12:39:09Z"}', file: 'p.json' });
    } catch (e) {
      expect((e as ValidationError).issues[0]).toMatchObject({ where: '$', message: expect.stringContaining('choose the EVSE') });
    }
  });

  it.skipIf(!hasSharedData())('reads the spec’s own location_patch_example_status.json for a chosen EVSE', () => {
    const text = readFileSync(sharedDataPath('ocpi-examples', 'v2.2.1', 'examples', 'location_patch_example_status.json'), 'utf8');
    const { patches } = parseEvseStatusPatches({ input: text, target: { evseUid: 'E1' } });
    expect(patches).toEqual([{ evseUid: 'E1', status: 'CHARGING', lastUpdatedMs: Date.parse('2019-06-24T12:39:09Z') }]);
  });
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
});
