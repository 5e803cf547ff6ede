import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb, SCHEMA_V3 } from './db';

describe('db schema v6 (live backend)', () => {
  it('upgrades a v3 database to v6: every stored receipt is marked as issued from the simulation, and the live tables exist', async () => {
    const dexieOptions = { indexedDB: new IDBFactory(), IDBKeyRange };
    const v3 = new Dexie('greenslot-v3', dexieOptions);
    v3.version(3).stores(SCHEMA_V3);
    await v3.table('receipts').bulkAdd([
      { sessionId: 'a', json: '{}', createdMs: 1 },
      { sessionId: 'b', json: '{}', createdMs: 2 }
    ]);
    v3.close();

    const db = createDb({ name: 'greenslot-v3', dexieOptions });
    expect(db.verno).toBe(6);
    expect(await db.receiptSources.orderBy('sessionId').toArray()).toEqual([
      { sessionId: 'a', kind: 'simulation' },
      { sessionId: 'b', kind: 'simulation' }
    ]);
    expect(await db.receipts.count()).toBe(2);
    await db.liveSessions.add({
      key: 'DE*GSL*1', countryCode: 'DE', partyId: 'GSL', id: '1', status: 'ACTIVE', startMs: 0, kwh: 1, locationId: 'L', evseUid: 'E1',
      connectorId: '1', currency: 'EUR', periods: [], lastUpdatedMs: 5, backend: 'b', receivedMs: 6, linkedSessionId: 'a'
    });
    expect(await db.liveSessions.where('linkedSessionId').equals('a').count()).toBe(1);
    expect(await db.liveCdrs.where('sessionKey').equals('x').count()).toBe(0);
    expect(await db.carbonSeries.where('kind').equals('marginal').count()).toBe(0);
    db.close();
  });
});
