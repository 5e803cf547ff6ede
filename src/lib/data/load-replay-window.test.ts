import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { loadReplayWindow, replayWeeksOf } from './load-replay-window';
import { replayWeeks } from './replay-weeks';

const DAY = 86_400_000;

describe('loadReplayWindow', () => {
  it('reads only the sessions of the import that arrive within the first week, and counts them all', async () => {
    const db = createDb({ name: 'replay-window', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const t0 = Date.UTC(2026, 2, 2, 8);
    const row = (id: string, importId: string, day: number) => ({ id, importId, requestMs: t0 + day * DAY, arrivalMs: t0 + day * DAY, departureMs: t0 + day * DAY + 3_600_000, energyKWh: 10, evseId: 'e1', vehicleMaxKw: 11, preference: 'balanced' as const, origin: 'csv' as const });
    await db.replaySessions.bulkPut([row('other', 'imp-0', -3), ...Array.from({ length: 30 }, (_, d) => row(`s${d}`, 'imp-1', d)), row('late', 'imp-2', 1)]);
    const r = await loadReplayWindow({ db, importId: 'imp-1' });
    expect(r.totalCount).toBe(30);
    expect(r.requests.map((q) => q.id)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(r.requests[0]).not.toHaveProperty('importId');
    expect(await loadReplayWindow({ db, importId: 'none' })).toEqual({ requests: [], totalCount: 0 });
  });

  it('reads the week the user chose, and keeps a Boulder evening arrival in the evening on a Dutch site', async () => {
    const db = createDb({ name: 'replay-week-zone', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    // 2018-07-04 18:30 Denver (MDT, UTC−6) = 2018-07-05 00:30 UTC; one session per day for three weeks.
    const t0 = Date.UTC(2018, 6, 5, 0, 30);
    const row = (d: number) => ({ id: `b${d}`, importId: 'boulder', requestMs: t0 + d * DAY, arrivalMs: t0 + d * DAY, departureMs: t0 + d * DAY + 2 * 3_600_000, energyKWh: 9, evseId: 'PARK ST1', vehicleMaxKw: 7.2, preference: 'balanced' as const, origin: 'csv' as const });
    await db.replaySessions.bulkPut(Array.from({ length: 21 }, (_, d) => row(d)));
    const weeks = replayWeeks({ arrivalsMs: Array.from({ length: 21 }, (_, d) => t0 + d * DAY), timeZone: 'America/Denver' });
    await db.imports.put({ id: 'boulder', kind: 'csv-sessions', file: 'b.csv', createdMs: 0, mode: 'all', written: {}, summary: '', leftOut: [], warnings: [], logTimezone: 'America/Denver', replayWeeks: weeks } as never);
    expect(weeks.map((w) => w.count)).toEqual([7, 7, 7]);
    // Weeks start at Denver midnight of the first arrival's local day (2018-07-04 00:00 MDT = 06:00 UTC).
    expect(new Date(weeks[0].startMs).toISOString()).toBe('2018-07-04T06:00:00.000Z');
    expect(await replayWeeksOf({ db, importId: 'boulder' })).toEqual(weeks);

    const r = await loadReplayWindow({ db, importId: 'boulder', fromMs: weeks[1].startMs, siteTimezone: 'Europe/Amsterdam' });
    expect(r.totalCount).toBe(21);
    expect(r.logTimezone).toBe('America/Denver');
    expect(r.requests.map((q) => q.id)).toEqual(['b7', 'b8', 'b9', 'b10', 'b11', 'b12', 'b13']);
    // 18:30 Denver → 18:30 Amsterdam (CEST, UTC+2) = 16:30 UTC, on the same local date (2018-07-11).
    expect(new Date(r.requests[0].arrivalMs).toISOString()).toBe('2018-07-11T16:30:00.000Z');
    expect(r.requests[0].departureMs - r.requests[0].arrivalMs).toBe(2 * 3_600_000);
  });

  it('counts the weeks of an older import from its rows when the report has none', async () => {
    const db = createDb({ name: 'replay-week-old', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const t0 = Date.UTC(2026, 2, 2, 8);
    await db.replaySessions.bulkPut([0, 1, 9].map((d) => ({ id: `s${d}`, importId: 'old', requestMs: t0 + d * DAY, arrivalMs: t0 + d * DAY, departureMs: t0 + d * DAY + 3_600_000, energyKWh: 5, evseId: null, vehicleMaxKw: 11, preference: 'balanced' as const, origin: 'csv' as const })));
    expect((await replayWeeksOf({ db, importId: 'old' })).map((w) => w.count)).toEqual([2, 1]);
  });
});
