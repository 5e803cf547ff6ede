import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { slotStartMs } from '$lib/core/time/gates';
import { createDb, type SessionRow } from './db';
import { DEFAULT_SITE } from './default-site';
import { issueDueReceipts } from './issue-receipts';

const timeline = { startMs: Date.UTC(2026, 11, 4, 23), slotMinutes: 15 };
const row: SessionRow = {
  id: 'app-1', requestId: 'app-1', siteId: DEFAULT_SITE.id, evseId: DEFAULT_SITE.evses[0].id, status: 'finished', startSlot: 28, endSlot: 40,
  requestedKWh: 5, deliveredKWh: 5, greenKWh: 2, bySourceKWh: { wind: 2, gas: 3 }, co2G: 900, cost: 1, kwBySlot: { 28: 11, 29: 9 },
  greenKWhBySlot: { 28: 1, 29: 1 }, plan: null, mine: true, updatedMs: 0, finishedSlot: 29, finishReason: 'energy-met'
};

describe('issuing receipts', () => {
  it('issues a receipt only once the session’s last slot has run, and never rewrites it', async () => {
    const db = createDb({ name: 'receipts', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    await db.sessions.add(row);
    const issue = (nowMs: number) => issueDueReceipts({ db, site: DEFAULT_SITE, timeline, nowMs, schedulerAt: () => ({ scheduler: 'edf' }) });
    // At 07:29 (the gate that booked slot 30) the last slot 07:15–07:30 is still running.
    expect(await issue(slotStartMs({ timeline, slot: 30 }) - 60_000)).toEqual([]);
    expect(await db.receipts.count()).toBe(0);
    expect(await issue(slotStartMs({ timeline, slot: 30 }))).toEqual(['app-1']);
    const first = await db.receipts.get('app-1');
    // Later figures (a replay after reload) never change an issued receipt.
    await db.sessions.put({ ...row, deliveredKWh: 4 });
    expect(await issue(slotStartMs({ timeline, slot: 40 }))).toEqual([]);
    expect(await db.receipts.get('app-1')).toEqual(first);
    expect(JSON.parse(first!.json).deliveredWh).toBe(5000);
  });
});
