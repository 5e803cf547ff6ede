import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/core/errors';
import { parseImport, type ParsedImport } from '$lib/workers/parse-import';
import { createDb, TABLE_NAMES, type GreenSlotDb } from './db';
import { commitImport } from './commit-import';
import { saveSite } from './site-store';
import { DEFAULT_SITE } from './default-site';
import { harbourDepotLocation, HARBOUR_PATCHES } from './testing/ocpi-fixtures';

let n = 0;
function freshDb(): GreenSlotDb {
  return createDb({ name: `commit-${n++}`, dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
}

function parsedOk(kind: Parameters<typeof parseImport>[0]['kind'], value: unknown, options = {}) {
  const r = parseImport({ kind, text: typeof value === 'string' ? value : JSON.stringify(value), file: 'f.json', options });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

async function dump(db: GreenSlotDb) {
  return Object.fromEntries(await Promise.all(TABLE_NAMES.map(async (t) => [t, await db.table(t).toArray()] as const)));
}

describe('commitImport', () => {
  it('writes an OCPI Location as a site with its EVSEs, statuses, status times and energy mix default', async () => {
    const db = freshDb();
    const r = parsedOk('ocpi-locations', [harbourDepotLocation()]);
    const row = await commitImport({ db, parsed: r.parsed, file: 'loc.json', nowMs: 1000 });
    expect(row.written).toEqual({ sites: 1, nodes: 1, evses: 3 });
    const site = await db.sites.get('HARBOUR-1');
    expect(site?.energy?.gridMix[0]).toMatchObject({ wind: 0.6, solar: 0.15, gas: 0.25 });
    expect(site?.ocpi).toMatchObject({ locationId: 'HARBOUR-1', city: 'Kiel', co2GPerKWh: 110, supplierName: 'Förde Strom' });
    const evses = await db.evses.where('siteId').equals('HARBOUR-1').sortBy('id');
    expect(evses.map((e) => [e.id, e.status, e.maxKw])).toEqual([
      ['hb-ac-1', 'AVAILABLE', 22.08],
      ['hb-ac-2', 'OUTOFORDER', 22.08],
      ['hb-dc-1', 'AVAILABLE', 150]
    ]);
    expect(evses[0].statusUpdatedMs).toBe(Date.parse('2026-03-01T08:00:00Z'));
    expect((await db.imports.get(row.id))?.summary).toContain('1 site(s) with 3 EVSE(s)');
  });

  it('applies status patches in order, ignoring (and reporting) a stale one', async () => {
    const db = freshDb();
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    const row = await commitImport({ db, parsed: parsedOk('ocpi-patches', HARBOUR_PATCHES).parsed, file: 'patch.json', siteId: 'HARBOUR-1' });
    const evses = await db.evses.where('siteId').equals('HARBOUR-1').sortBy('id');
    expect(evses.map((e) => e.status)).toEqual(['CHARGING', 'OUTOFORDER', 'OUTOFORDER']);
    expect(row.written).toEqual({ evses: 2 });
    expect(row.leftOut).toEqual([{ where: '$[2]', message: expect.stringContaining('stale patch') }]);
  });

  it('keeps a newer patched status when an older Locations file is imported again', async () => {
    const db = freshDb();
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    await commitImport({ db, parsed: parsedOk('ocpi-patches', HARBOUR_PATCHES).parsed, file: 'patch.json' });
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    expect((await db.evses.get(['HARBOUR-1', 'hb-ac-1']))?.status).toBe('CHARGING');
  });

  it('error: a patch for an unknown EVSE rejects the whole batch in all-or-nothing mode and changes nothing', async () => {
    const db = freshDb();
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    const before = await dump(db);
    const patches = [HARBOUR_PATCHES[0], { evse_uid: 'nope', location_id: 'HARBOUR-1', status: 'CHARGING', last_updated: '2026-03-01T10:00:00Z' }];
    const err = await commitImport({ db, parsed: parsedOk('ocpi-patches', patches).parsed, file: 'p.json' }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]).toMatchObject({ where: '$[1]', message: expect.stringContaining('HARBOUR-1/nope') });
    expect(await dump(db)).toEqual(before);
    // Partial mode applies the good patch and reports the unknown one.
    const row = await commitImport({ db, parsed: parsedOk('ocpi-patches', patches).parsed, file: 'p.json', mode: 'partial' });
    expect((await db.evses.get(['HARBOUR-1', 'hb-ac-1']))?.status).toBe('CHARGING');
    expect(row.leftOut).toHaveLength(1);
  });

  it('error: a failure half-way through the transaction leaves every table exactly as it was', async () => {
    const db = freshDb();
    await saveSite({ db, site: DEFAULT_SITE });
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    const before = await dump(db);
    const good = parsedOk('ocpi-locations', [harbourDepotLocation({ id: 'NEW-1', status: ['CHARGING', 'AVAILABLE', 'AVAILABLE'] }), harbourDepotLocation({ status: ['BLOCKED', 'BLOCKED', 'BLOCKED'] })]);
    const parsed = structuredClone(good.parsed) as Extract<ParsedImport, { kind: 'ocpi-locations' }>;
    // The second Location's last EVSE has an id IndexedDB cannot use as a key: its write fails
    // after the first Location (and the second's header, nodes) were already written.
    (parsed.locations[1].site.evses[2] as { id: unknown }).id = { not: 'a key' };
    await expect(commitImport({ db, parsed, file: 'bad.json' })).rejects.toThrow();
    expect(await dump(db)).toEqual(before);
    expect(await db.sites.get('NEW-1')).toBeUndefined();
  });

  it('stores replay sessions with their import id and a generation mix as the current site’s grid mix', async () => {
    const db = freshDb();
    await saveSite({ db, site: DEFAULT_SITE });
    const sessions = [
      { id: 'S1', start_date_time: '2026-03-01T08:00:00Z', end_date_time: '2026-03-01T12:00:00Z', kwh: 20, evse_uid: DEFAULT_SITE.evses[0].id, auth_method: 'COMMAND', status: 'COMPLETED' }
    ];
    const row = await commitImport({ db, parsed: parsedOk('ocpi-sessions', sessions).parsed, file: 's.json', importId: 'imp-1' });
    expect(row.written).toEqual({ replaySessions: 1 });
    expect(await db.replaySessions.where('importId').equals('imp-1').toArray()).toEqual([expect.objectContaining({ id: 'S1', energyKWh: 20, origin: 'ocpi' })]);

    const lines = ['timestamp,solar,wind,gas'];
    for (let h = 0; h < 48; h++) lines.push(`${new Date(Date.UTC(2026, 5, 1, h) - 2 * 3_600_000).toISOString()},${h % 24 > 6 && h % 24 < 18 ? 50 : 0},30,20`);
    const mix = parsedOk('generation-csv', lines.join('\n'), { site: { ...DEFAULT_SITE, timezone: 'Europe/Berlin' } });
    const gen = await commitImport({ db, parsed: mix.parsed, file: 'mix.csv', siteId: DEFAULT_SITE.id });
    const site = await db.sites.get(DEFAULT_SITE.id);
    expect(site?.energy?.gridMix).toHaveLength(96);
    expect(site?.energy?.gridMix[0]).toMatchObject({ wind: 0.6, gas: 0.4 });
    expect(gen.summary).toContain('grid mix of 2026-06-01');
  });

  it('error: a generation mix without a current site is rejected and nothing is written', async () => {
    const db = freshDb();
    const lines = ['timestamp,solar,wind', ...Array.from({ length: 30 }, (_, h) => `${new Date(Date.UTC(2026, 5, 1, h)).toISOString()},1,1`)];
    const mix = parsedOk('generation-csv', lines.join('\n'));
    await expect(commitImport({ db, parsed: mix.parsed, file: 'mix.csv', siteId: 'missing' })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.imports.count()).toBe(0);
  });
});
