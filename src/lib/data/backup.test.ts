import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/core/errors';
import { createDb } from './db';
import { exportBackup, restoreBackup } from './backup';

function db(name: string) {
  return createDb({ name, dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
}

async function seed(d: ReturnType<typeof db>) {
  await d.sites.add({ id: 's', name: 'Demo', timezone: 'Europe/Berlin', updatedMs: 1 });
  await d.evses.add({ id: 'e1', siteId: 's', nodeId: 'root', maxKw: 11, minKw: 0, phase: '3P', status: 'AVAILABLE' });
  await d.settings.add({ key: 'clock', value: { slot: 3 } });
}

describe('backup export and restore', () => {
  it('round-trips the whole database through JSON', async () => {
    const a = db('a');
    await seed(a);
    const json = JSON.stringify(await exportBackup({ db: a, nowMs: 5 }));
    const b = db('b');
    await b.settings.add({ key: 'stale', value: 1 });
    const { rows } = await restoreBackup({ db: b, json });
    expect(rows).toBe(3);
    expect(await b.evses.toArray()).toEqual(await a.evses.toArray());
    expect(await b.settings.get('stale')).toBeUndefined();
  });

  it('error: rejects a file with a bad row and leaves the database untouched', async () => {
    const a = db('c');
    await seed(a);
    const backup = await exportBackup({ db: a });
    (backup.tables.evses[0] as Record<string, unknown>).status = 'BROKEN';
    await a.settings.put({ key: 'marker', value: 42 });
    const err = await restoreBackup({ db: a, json: JSON.stringify(backup), file: 'x.json' }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0].where).toBe('$.tables.evses[0].status');
    expect(await a.settings.get('marker')).toEqual({ key: 'marker', value: 42 });
  });

  it('error: a duplicate key aborts the whole restore (all or nothing)', async () => {
    const a = db('d');
    await seed(a);
    const backup = await exportBackup({ db: a });
    backup.tables.settings.push({ key: 'clock', value: 'dup' });
    await expect(restoreBackup({ db: a, json: backup })).rejects.toThrow();
    expect(await a.sites.count()).toBe(1);
    expect(await a.settings.get('clock')).toEqual({ key: 'clock', value: { slot: 3 } });
  });

  it('error: non-JSON text names the file', async () => {
    await expect(restoreBackup({ db: db('e'), json: '{nope', file: 'b.json' })).rejects.toThrow(/b\.json \$: expected JSON/);
  });
});
