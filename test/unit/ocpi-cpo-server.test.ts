import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollOcpi } from '../../src/lib/core/ocpi/pollOcpi';
import { parseOcpiLive } from '../../src/lib/core/ocpi/parseOcpiLive';
import { measuredEnergyBySlot } from '../../src/lib/core/ocpi/measuredEnergyBySlot';
import { createCpoStore } from '../ocpi-server/cpo-store';
import { createOcpiCpoServer } from '../ocpi-server/ocpi-cpo-server';

const TOKEN = 'unit-test-token';
const store = createCpoStore({ nowMs: Date.parse('2026-03-02T07:00:00Z') });
const server = createOcpiCpoServer({ store, token: TOKEN, pageSize: 2 });
let base = '';

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const admin = (action: string, body: unknown) =>
  fetch(`${base}/admin/${action}`, { method: 'POST', headers: { Authorization: `Token ${btoa(TOKEN)}` }, body: JSON.stringify(body) });

describe('the test OCPI CPO server over HTTP', () => {
  it('serves sessions page by page through Link, and answers 304 to the same ETag', async () => {
    for (const id of ['A', 'B', 'C']) await admin('start', { id, evse_uid: 'E1', kw: 8 });
    await admin('advance', { minutes: 30 });
    const first = await pollOcpi({ url: `${base}/ocpi/cpo/2.2.1/sessions`, token: TOKEN, fetch });
    expect(first.kind).toBe('ok');
    if (first.kind !== 'ok') return;
    expect(first.pages).toBe(2);
    expect(first.totalCount).toBe(3);
    const parsed = parseOcpiLive({ json: first.data });
    expect(parsed.sessions.map((s) => [s.id, s.status, s.kwh])).toEqual([
      ['A', 'ACTIVE', 4],
      ['B', 'ACTIVE', 4],
      ['C', 'ACTIVE', 4]
    ]);
    const again = await pollOcpi({ url: `${base}/ocpi/cpo/2.2.1/sessions`, token: TOKEN, fetch, etag: first.etag });
    expect(again.kind).toBe('not-modified');
  });

  it('error: a wrong token is refused with HTTP 401 and OCPI 2001', async () => {
    const r = await pollOcpi({ url: `${base}/ocpi/cpo/2.2.1/sessions`, token: 'wrong', fetch });
    expect(r).toMatchObject({ kind: 'error', httpStatus: 401, ocpiStatusCode: 2001 });
  });

  it('a stopped session completes and its CDR carries the same periods, whose energy adds up to total_energy', async () => {
    await admin('advance', { minutes: 15 });
    await admin('stop', { id: 'A' });
    const r = await pollOcpi({ url: `${base}/ocpi/cpo/2.2.1/cdrs`, token: TOKEN, fetch });
    if (r.kind !== 'ok') throw new Error(r.kind);
    const { cdrs } = parseOcpiLive({ json: r.data });
    expect(cdrs).toHaveLength(1);
    expect(cdrs[0]).toMatchObject({ sessionKey: 'DE*GSL*A', totalEnergyKWh: 6, evseUid: 'E1' });
    const m = measuredEnergyBySlot({ periods: cdrs[0].periods, startMs: cdrs[0].startMs, endMs: cdrs[0].endMs, totalKWh: 6, timeline: { startMs: Date.parse('2026-03-02T00:00:00Z'), slotMinutes: 15 } });
    expect(m.method).toBe('period-energy');
    expect(m.warnings).toEqual([]);
    expect(m.slots.map((s) => [s.slot, s.energyKWh])).toEqual([
      [28, 2],
      [29, 2],
      [30, 2]
    ]);
  });

  it('a PATCH with a new charging period appends it; date_from returns only what changed since', async () => {
    const res = await fetch(`${base}/ocpi/cpo/2.2.1/sessions/DE/GSL/B`, {
      method: 'PATCH',
      headers: { Authorization: `Token ${btoa(TOKEN)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ kwh: 6, charging_periods: [{ start_date_time: '2026-03-02T07:45:00Z', dimensions: [{ type: 'ENERGY', volume: 2 }] }], last_updated: '2026-03-02T08:00:00Z' })
    });
    expect(res.status).toBe(200);
    const r = await pollOcpi({ url: `${base}/ocpi/cpo/2.2.1/sessions?date_from=2026-03-02T08:00:00Z`, token: TOKEN, fetch });
    if (r.kind !== 'ok') throw new Error(r.kind);
    const { sessions } = parseOcpiLive({ json: r.data });
    const b = sessions.find((s) => s.id === 'B');
    expect(b?.kwh).toBe(6);
    expect(b?.periods.map((p) => p.start_date_time)).toEqual(['2026-03-02T07:00:00Z', '2026-03-02T07:30:00Z', '2026-03-02T07:45:00Z']);
  });
});
