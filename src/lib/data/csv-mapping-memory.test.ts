import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { csvLayoutKey, recallCsvMapping, rememberCsvMapping } from './csv-mapping-memory';

const mapping = { arrival: 'plugged_in', departure: 'plugged_out', energyKWh: 'kwh', timezone: 'Europe/Oslo' };

describe('csv mapping memory', () => {
  it('remembers the mapping per header layout, and a different layout does not get it', async () => {
    const db = createDb({ name: 'csv-memory', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const header = ['id', 'plugged_in', 'plugged_out', 'kwh'];
    await rememberCsvMapping({ db, header, mapping });
    expect(await recallCsvMapping({ db, header: [...header] })).toEqual(mapping);
    expect(await recallCsvMapping({ db, header: ['id', 'plugged_out', 'plugged_in', 'kwh'] })).toBeUndefined();
    expect(await recallCsvMapping({ db, header: [...header, 'extra'] })).toBeUndefined();
  });

  it('keys layouts by column order and names', () => {
    expect(csvLayoutKey({ header: ['a', 'b'] })).not.toBe(csvLayoutKey({ header: ['b', 'a'] }));
    expect(csvLayoutKey({ header: ['a', 'b'] })).toBe(csvLayoutKey({ header: ['a', 'b'] }));
    expect(csvLayoutKey({ header: ['ab'] })).not.toBe(csvLayoutKey({ header: ['a', 'b'] }));
  });

  it('error: a stored row whose header differs (a hash collision) is not used', async () => {
    const db = createDb({ name: 'csv-memory-collision', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    await db.settings.put({ key: csvLayoutKey({ header: ['x'] }), value: { header: ['y'], mapping } });
    expect(await recallCsvMapping({ db, header: ['x'] })).toBeUndefined();
  });
});
