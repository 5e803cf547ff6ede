import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { loadReplayWindow } from './load-replay-window';

const DAY = 86_400_000;

describe('loadReplayWindow', () => {
  it('reads only the sessions of the import that arrive within the replay window (plus a day), and counts them all', async () => {
    const db = createDb({ name: 'replay-window', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const t0 = Date.UTC(2026, 2, 2, 8);
    const row = (id: string, importId: string, day: number) => ({ id, importId, requestMs: t0 + day * DAY, arrivalMs: t0 + day * DAY, departureMs: t0 + day * DAY + 3_600_000, energyKWh: 10, evseId: 'e1', vehicleMaxKw: 11, preference: 'balanced' as const, origin: 'csv' as const });
    await db.replaySessions.bulkPut([row('other', 'imp-0', -3), ...Array.from({ length: 30 }, (_, d) => row(`s${d}`, 'imp-1', d)), row('late', 'imp-2', 1)]);
    const r = await loadReplayWindow({ db, importId: 'imp-1' });
    expect(r.totalCount).toBe(30);
    expect(r.requests.map((q) => q.id)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7']);
    expect(r.requests[0]).not.toHaveProperty('importId');
    expect(await loadReplayWindow({ db, importId: 'none' })).toEqual({ requests: [], totalCount: 0 });
  });
});
