import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '$lib/core/ocpi/pollOcpi';
import { getDb } from '$lib/data/db';
import { OCPI_LIVE_KEY, type OcpiLiveSetting } from '$lib/data/ocpi-live-config';
import { createCpoStore } from '../../../test/ocpi-server/cpo-store';
import { createOcpiCpoServer } from '../../../test/ocpi-server/ocpi-cpo-server';

const { ocpiLive } = await import('./ocpi-live.svelte');

const store = createCpoStore({ nowMs: Date.parse('2026-03-02T08:00:00Z') });
const server = createOcpiCpoServer({ store, token: 'tok', pageSize: 2 });
let base = '';
const seen: string[] = [];
const fetchLogged: FetchLike = (url, init) => {
  seen.push(url);
  return fetch(url, init);
};

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://localhost:${(server.address() as AddressInfo).port}/ocpi/cpo/2.2.1`;
  const setting: OcpiLiveSetting = { config: { sessionsUrl: `${base}/sessions`, cdrsUrl: `${base}/cdrs`, token: 'tok', intervalS: 60, tokenEncoding: 'base64', enabled: false }, memory: {} };
  await getDb().settings.put({ key: OCPI_LIVE_KEY, value: setting });
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('ocpiLive (against the test CPO over HTTP)', () => {
  it('stores the backend’s sessions, then asks only for changes since its last answer; offline keeps the state and the next poll catches up', async () => {
    store.startSession({ id: 'A', evseUid: 'E1', kw: 8 });
    store.advance(15);
    await ocpiLive.pollNow(fetchLogged);
    expect(ocpiLive.memory.lastOutcome).toBe('ok');
    expect((await getDb().liveSessions.get('DE*GSL*A'))?.kwh).toBe(2);
    expect(ocpiLive.memory.sessions?.serverTimeMs).toBe(Date.parse('2026-03-02T08:15:00Z'));

    // Offline: fetch throws; nothing stored changes.
    store.advance(15);
    await ocpiLive.pollNow(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(ocpiLive.memory.lastOutcome).toBe('offline');
    expect((await getDb().liveSessions.get('DE*GSL*A'))?.kwh).toBe(2);

    // Back online: date_from five minutes before the last answer brings every change made meanwhile.
    store.advance(15);
    store.stopSession('A');
    seen.length = 0;
    await ocpiLive.pollNow(fetchLogged);
    expect(seen[0]).toContain('date_from=2026-03-02T08%3A10%3A00.000Z');
    expect(await getDb().liveSessions.get('DE*GSL*A')).toMatchObject({ kwh: 6, status: 'COMPLETED' });
    expect((await getDb().liveCdrs.get('DE*GSL*CDR-A'))?.totalEnergyKWh).toBe(6);
    expect(ocpiLive.memory.lastOutcome).toBe('ok');
  });

  it('error: a wrong token is a failed poll that names the module and keeps the state', async () => {
    const row = (await getDb().settings.get(OCPI_LIVE_KEY))!.value as OcpiLiveSetting;
    await getDb().settings.put({ key: OCPI_LIVE_KEY, value: { ...row, config: { ...row.config, token: 'wrong' } } });
    await ocpiLive.pollNow(fetchLogged);
    expect(ocpiLive.memory).toMatchObject({ lastOutcome: 'error', lastMessage: expect.stringMatching(/^sessions: HTTP 401, OCPI 2001/) });
    expect((await getDb().liveSessions.get('DE*GSL*A'))?.kwh).toBe(6);
  });
});
