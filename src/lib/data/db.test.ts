import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './db';

function freshIdb() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

describe('db schema migration', () => {
  it('upgrades a v1 database to v2, marking sessions of app requests as the driver’s own', async () => {
    const dexieOptions = freshIdb();
    const v1 = new Dexie('greenslot-test', dexieOptions);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('requests').bulkAdd([
      { id: 'r-app', siteId: 's', requestMs: 1, arrivalMs: 1, departureMs: 2, energyKWh: 5, vehicleMaxKw: 11, evseId: 'e1', preference: 'green', origin: 'app' },
      { id: 'r-sim', siteId: 's', requestMs: 1, arrivalMs: 1, departureMs: 2, energyKWh: 5, vehicleMaxKw: 11, evseId: 'e2', preference: 'fast', origin: 'simulated' }
    ]);
    await v1.table('sessions').bulkAdd([
      { id: 'a', requestId: 'r-app', siteId: 's', evseId: 'e1', status: 'charging' },
      { id: 'b', requestId: 'r-sim', siteId: 's', evseId: 'e2', status: 'finished' }
    ]);
    v1.close();

    const db = createDb({ name: 'greenslot-test', dexieOptions });
    const sessions = await db.sessions.orderBy('id').toArray();
    expect(db.verno).toBe(6);
    expect(sessions.map((s) => [s.id, s.mine, s.updatedMs])).toEqual([
      ['a', true, 0],
      ['b', false, 0]
    ]);
    // The v2 indexes exist and work.
    expect(await db.receipts.orderBy('createdMs').count()).toBe(0);
    db.close();
  });

  it('upgrades a v2 database to v3: EVSE statuses get a status time of 0 and the replay/import tables exist', async () => {
    const dexieOptions = freshIdb();
    const v2 = new Dexie('greenslot-v2', dexieOptions);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('evses').bulkAdd([
      { id: 'e1', siteId: 's', nodeId: 'n', maxKw: 11, minKw: 4, phase: '3P', status: 'OUTOFORDER' },
      { id: 'e2', siteId: 's', nodeId: 'n', maxKw: 22, minKw: 4, phase: '3P', status: 'AVAILABLE' }
    ]);
    await v2.table('settings').put({ key: 'demo', value: { nowMs: 5 } });
    v2.close();

    const db = createDb({ name: 'greenslot-v2', dexieOptions });
    const evses = await db.evses.orderBy('[siteId+id]').toArray();
    expect(db.verno).toBe(6);
    expect(evses.map((e) => [e.id, e.status, e.statusUpdatedMs])).toEqual([
      ['e1', 'OUTOFORDER', 0],
      ['e2', 'AVAILABLE', 0]
    ]);
    expect((await db.settings.get('demo'))?.value).toEqual({ nowMs: 5 });
    await db.replaySessions.add({ id: 'x', importId: 'i', requestMs: 1, arrivalMs: 1, departureMs: 2, energyKWh: 1, vehicleMaxKw: 7, evseId: null, preference: 'balanced' });
    expect(await db.replaySessions.where('importId').equals('i').count()).toBe(1);
    expect(await db.imports.orderBy('createdMs').count()).toBe(0);
    db.close();
  });

  it('upgrades a v3 database to v4: finished sessions get their last slot and reason, receipts stay byte for byte, archive tables exist', async () => {
    const dexieOptions = freshIdb();
    const v3 = new Dexie('greenslot-v3', dexieOptions);
    v3.version(3).stores(SCHEMA_V3);
    const session = { siteId: 's', evseId: 'e1', startSlot: 30, endSlot: 40, greenKWh: 0, bySourceKWh: {}, co2G: 0, cost: 0, greenKWhBySlot: {}, plan: null, mine: true, updatedMs: 1 };
    await v3.table('sessions').bulkAdd([
      { ...session, id: 'met', requestId: 'met', status: 'finished', requestedKWh: 5, deliveredKWh: 5, kwBySlot: { 31: 11, 32: 9 } },
      { ...session, id: 'left', requestId: 'left', status: 'finished', requestedKWh: 50, deliveredKWh: 20, kwBySlot: { 31: 11 } },
      { ...session, id: 'live', requestId: 'live', status: 'charging', requestedKWh: 50, deliveredKWh: 2, kwBySlot: { 31: 8 } }
    ]);
    await v3.table('receipts').add({ sessionId: 'met', json: '{"a":1}', createdMs: 7 });
    v3.close();

    const db = createDb({ name: 'greenslot-v3', dexieOptions });
    const rows = await db.sessions.orderBy('id').toArray();
    expect(db.verno).toBe(6);
    expect(rows.map((s) => [s.id, s.finishedSlot, s.finishReason])).toEqual([
      ['left', 39, 'departed'],
      ['live', undefined, undefined],
      ['met', 32, 'energy-met']
    ]);
    expect(await db.receipts.get('met')).toEqual({ sessionId: 'met', json: '{"a":1}', createdMs: 7 });
    expect(await db.archives.count()).toBe(0);
    expect(await db.archivedReceipts.where('sessionId').equals('met').count()).toBe(0);
    db.close();
  });

  it('closes and calls back when another connection upgrades the schema (versionchange)', async () => {
    const dexieOptions = freshIdb();
    let told = 0;
    const db = createDb({ name: 'vc', dexieOptions, onVersionChange: () => told++ });
    await db.open();
    const newer = new Dexie('vc', dexieOptions);
    newer.version(30).stores({ ...SCHEMA_V1, extra: 'id' });
    await newer.open();
    expect(told).toBe(1);
    expect(db.isOpen()).toBe(false);
    newer.close();
  });
});
