import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { commitCarbonSeries } from './commit-carbon-series';

describe('commitCarbonSeries', () => {
  it('stores a series and replaces the earlier one of the same provider, zone and kind', async () => {
    const db = createDb({ name: 'carbon', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const base = { kind: 'marginal' as const, provider: 'WattTime', zone: 'CAISO_NORTH', periodMs: 300_000, method: 'm' };
    await commitCarbonSeries({ db, series: { ...base, points: [{ startMs: 0, gPerKWh: 1 }] }, nowMs: 1 });
    await commitCarbonSeries({ db, series: { ...base, points: [{ startMs: 0, gPerKWh: 2 }] }, nowMs: 2 });
    await commitCarbonSeries({ db, series: { ...base, kind: 'average', points: [{ startMs: 0, gPerKWh: 3 }] }, nowMs: 3 });
    const rows = await db.carbonSeries.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, r.points[0].gPerKWh])).toEqual([
      ['average:WattTime:CAISO_NORTH', 3],
      ['marginal:WattTime:CAISO_NORTH', 2]
    ]);
  });
});
