import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb, type GreenSlotDb } from '$lib/data/db';
import { COMMIT_CHUNK_ROWS } from '$lib/data/commit-import';
import { DEFAULT_SITE } from '$lib/data/default-site';
import { saveSite } from '$lib/data/site-store';
import type { ImportRequest, ImportResponse } from './import-protocol';
import { runImportJob } from './import-job';

let n = 0;
function freshDb(): GreenSlotDb {
  return createDb({ name: `job-${n++}`, dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
}

const csvMapping = { id: 'id', arrival: 'in', departure: 'out', energyKWh: 'kwh' };

function sessionCsv(rows: number, { badLine }: { badLine?: number } = {}): string {
  const lines = ['id,in,out,kwh'];
  const t0 = Date.UTC(2026, 2, 2, 6);
  for (let i = 0; i < rows; i++) {
    const arrival = t0 + (i % 5000) * 60_000;
    lines.push(`s${i},${new Date(arrival).toISOString()},${new Date(arrival + 4 * 3_600_000).toISOString()},${i + 2 === badLine ? 'lots' : (5 + (i % 30)).toFixed(1)}`);
  }
  return lines.join('\n');
}

async function run(db: GreenSlotDb, request: Omit<ImportRequest, 'type' | 'id'>) {
  const posted: ImportResponse[] = [];
  await runImportJob({ request: { type: 'import', id: 1, ...request }, db, post: (m) => posted.push(m), progressEveryMs: 0 });
  const done = posted.at(-1);
  if (done?.type !== 'done') throw new Error(`expected a done message, got ${JSON.stringify(done)}`);
  return { posted, outcome: done.outcome };
}

describe('runImportJob', () => {
  it('streams a file, writes every session in one transaction with row progress, and posts only the report', async () => {
    const db = freshDb();
    const rows = 2 * COMMIT_CHUNK_ROWS + 500;
    const file = new Blob([sessionCsv(rows)]);
    const { posted, outcome } = await run(db, { kind: 'csv-sessions', source: { file, name: 'big.csv' }, mode: 'all', options: { csvMapping } });
    expect(outcome).toMatchObject({ ok: true, row: { kind: 'csv-sessions', written: { replaySessions: rows } } });
    expect(await db.replaySessions.count()).toBe(rows);
    const stages = posted.flatMap((m) => (m.type === 'progress' ? [m.stage] : []));
    expect(stages[0]).toBe('reading');
    expect(stages).toContain('parsing');
    const writing = posted.flatMap((m) => (m.type === 'progress' && m.stage === 'writing' ? [m.done] : []));
    expect(writing).toEqual([0, COMMIT_CHUNK_ROWS, 2 * COMMIT_CHUNK_ROWS, rows]);
    // Nothing the size of the parsed sessions goes back to the page.
    expect(JSON.stringify(posted).length).toBeLessThan(10_000);
  });

  it('keeps the valid part in partial mode and reports the line it left out', async () => {
    const db = freshDb();
    const { outcome } = await run(db, { kind: 'csv-sessions', source: { text: sessionCsv(50, { badLine: 7 }), name: 'log.csv' }, mode: 'partial', options: { csvMapping } });
    expect(outcome.ok && outcome.row.written).toEqual({ replaySessions: 49 });
    expect(outcome.ok && outcome.row.leftOut[0].where).toBe('line 7');
    expect(await db.replaySessions.count()).toBe(49);
  });

  it('error: a rejected file posts its issues and writes nothing', async () => {
    const db = freshDb();
    const { outcome } = await run(db, { kind: 'csv-sessions', source: { text: sessionCsv(50, { badLine: 7 }), name: 'log.csv' }, mode: 'all', options: { csvMapping } });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues[0].where).toBe('line 7');
    expect(await db.replaySessions.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
  });

  it('error: a write rejected inside the transaction (patch for an unknown EVSE) posts its issues and changes nothing', async () => {
    const db = freshDb();
    await saveSite({ db, site: DEFAULT_SITE });
    const before = await db.evses.toArray();
    const patches = [{ evse_uid: 'ghost', status: 'CHARGING', last_updated: '2026-03-02T08:00:00Z' }];
    const { outcome } = await run(db, { kind: 'ocpi-patches', source: { text: JSON.stringify(patches), name: 'p.json' }, mode: 'all', options: {}, siteId: DEFAULT_SITE.id });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues[0].message).toMatch(/not known/);
    expect(await db.evses.toArray()).toEqual(before);
    expect(await db.imports.count()).toBe(0);
  });

  it('names the site a generation mix went to, so the page can restart the demo on it', async () => {
    const db = freshDb();
    await saveSite({ db, site: DEFAULT_SITE });
    const lines = ['timestamp,wind,gas', ...Array.from({ length: 30 }, (_, h) => `${new Date(Date.UTC(2026, 5, 1, h)).toISOString()},1,1`)];
    const { outcome } = await run(db, { kind: 'generation-csv', source: { text: lines.join('\n'), name: 'mix.csv' }, mode: 'all', options: {}, siteId: DEFAULT_SITE.id });
    expect(outcome).toMatchObject({ ok: true, siteIds: [DEFAULT_SITE.id] });
    expect((await db.sites.get(DEFAULT_SITE.id))?.energy?.gridMixSeries?.mixes).toHaveLength(120);
  });
});
