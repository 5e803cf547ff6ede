import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { applyEvseStatusPatches, type EvseStatusPatch } from './applyEvseStatusPatches';
import type { EvseStatusState } from './parseOcpiLocations';

const t = (iso: string) => Date.parse(iso);
const start: EvseStatusState = {
  A: { status: 'AVAILABLE', lastUpdatedMs: t('2023-07-01T06:00:00Z') },
  B: { status: 'CHARGING', lastUpdatedMs: t('2023-07-01T06:00:00Z') }
};

describe('applyEvseStatusPatches', () => {
  it('applies patches in order and leaves the input state untouched', () => {
    const patches: EvseStatusPatch[] = [
      { evseUid: 'A', status: 'CHARGING', lastUpdatedMs: t('2023-07-01T07:00:00Z') },
      { evseUid: 'A', status: 'AVAILABLE', lastUpdatedMs: t('2023-07-01T08:00:00Z') },
      { evseUid: 'B', status: 'OUTOFORDER', lastUpdatedMs: t('2023-07-01T07:30:00Z') }
    ];
    const r = applyEvseStatusPatches({ state: start, patches });
    expect(r.state).toEqual({
      A: { status: 'AVAILABLE', lastUpdatedMs: t('2023-07-01T08:00:00Z') },
      B: { status: 'OUTOFORDER', lastUpdatedMs: t('2023-07-01T07:30:00Z') }
    });
    expect(r.appliedCount).toBe(3);
    expect(r.issues).toEqual([]);
    expect(start.A.status).toBe('AVAILABLE');
    expect(start.A.lastUpdatedMs).toBe(t('2023-07-01T06:00:00Z'));
  });

  it('ignores a stale patch, so an out-of-order batch still ends at the newest status', () => {
    const patches: EvseStatusPatch[] = [
      { evseUid: 'A', status: 'RESERVED', lastUpdatedMs: t('2023-07-01T09:00:00Z') },
      { evseUid: 'A', status: 'CHARGING', lastUpdatedMs: t('2023-07-01T08:00:00Z') }
    ];
    const r = applyEvseStatusPatches({ state: start, patches });
    expect(r.state.A.status).toBe('RESERVED');
    expect(r.issues).toEqual([{ file: 'patches', where: '$[1]', message: expect.stringContaining('stale patch for EVSE "A"') }]);
  });

  it('treats a re-delivered identical patch as a silent no-op', () => {
    const p: EvseStatusPatch = { evseUid: 'B', status: 'AVAILABLE', lastUpdatedMs: t('2023-07-01T07:00:00Z') };
    const r = applyEvseStatusPatches({ state: start, patches: [p, p] });
    expect(r.appliedCount).toBe(1);
    expect(r.issues).toEqual([]);
  });

  it('makes REMOVED final and moves only last_updated for a body without status', () => {
    const patches: EvseStatusPatch[] = [
      { evseUid: 'B', lastUpdatedMs: t('2023-07-01T06:30:00Z') },
      { evseUid: 'A', status: 'REMOVED', lastUpdatedMs: t('2023-07-01T07:00:00Z') },
      { evseUid: 'A', status: 'AVAILABLE', lastUpdatedMs: t('2023-07-01T08:00:00Z') }
    ];
    const r = applyEvseStatusPatches({ state: start, patches });
    expect(r.state.B).toEqual({ status: 'CHARGING', lastUpdatedMs: t('2023-07-01T06:30:00Z') });
    expect(r.state.A.status).toBe('REMOVED');
    expect(r.issues.map((i) => i.where)).toEqual(['$[2]']);
    expect(r.issues[0].message).toContain('REMOVED');
  });

  it('error: a patch for an unknown EVSE is reported and ignored', () => {
    const r = applyEvseStatusPatches({ state: start, patches: [{ evseUid: 'Z', status: 'AVAILABLE', lastUpdatedMs: t('2023-07-01T07:00:00Z') }], file: 'live.json' });
    expect(r.state).toEqual(start);
    expect(r.issues).toEqual([{ file: 'live.json', where: '$[0]', message: expect.stringContaining('EVSE "Z" is not known') }]);
  });
});

describe.skipIf(!hasSharedData())('applyEvseStatusPatches on the OCPI specification patch examples', () => {
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
  it('applies the status and REMOVED example bodies addressed to EVSE 3256', async () => {
    const { parseEvseStatusPatches } = await import('./parseEvseStatusPatches');
    const dir = sharedDataPath('ocpi-examples', 'v2.2.1', 'examples');
    const body = (name: string) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
    const { patches } = parseEvseStatusPatches({
      input: [
        { url: '/ocpi/2.2.1/locations/BE/BEC/LOC1/3256', body: body('location_patch_example_status.json') },
        { evse_uid: '3257', ...body('location_patch_example_tariff.json') },
        { evse_uid: '3257', ...body('location_patch_example_remove_evse.json') }
      ]
    });
    const state: EvseStatusState = {
      '3256': { status: 'AVAILABLE', lastUpdatedMs: t('2015-06-28T08:12:01Z') },
      '3257': { status: 'RESERVED', lastUpdatedMs: t('2015-06-29T20:39:09Z') }
    };
    const r = applyEvseStatusPatches({ state, patches });
    expect(r.state['3256'].status).toBe('CHARGING');
    expect(r.state['3257'].status).toBe('RESERVED'); // the tariff patch moved last_updated; REMOVED at the same instant is stale
    expect(r.issues).toHaveLength(1);
  });

  it('parses every location_patch example body of 2.2.1 and 2.3.0 once addressed to an EVSE', async () => {
    const { parseEvseStatusPatches } = await import('./parseEvseStatusPatches');
    let count = 0;
    for (const v of ['v2.2.1', 'v2.3.0']) {
      const dir = sharedDataPath('ocpi-examples', v, 'examples');
      for (const name of readdirSync(dir).filter((f) => /^location_patch_example_.*\.json$/.test(f))) {
        const body = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
        const { patches } = parseEvseStatusPatches({ input: { evse_uid: '3256', ...body }, file: name });
        expect(patches[0].lastUpdatedMs).toBe(Date.parse('2019-06-24T12:39:09Z'));
        count += 1;
      }
    }
    expect(count).toBe(8);
  });
});
