import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/core/errors';
import { parseImport, type ParsedImport } from '$lib/workers/parse-import';
import { createDb, TABLE_NAMES, type GreenSlotDb } from './db';
import { commitImport } from './commit-import';
import { loadSite, saveSite } from './site-store';
import { loadReplayWindow } from './load-replay-window';
import type { Site } from '$lib/core/grid/site';
import { siteSlotEnergy } from '$lib/core/energy/site-slot-energy';
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

  it('a partial session CSV import records how many rows were left out (not problems), the log’s zone and its weeks', async () => {
    const db = freshDb();
    const csv = [
      'id,start,end,kwh',
      'a,2018-07-04 18:30,2018-07-04 20:30,9',
      'b,2018-07-05 08:00,2018-07-05 07:00,lots',
      'c,2018-07-12 09:00,2018-07-12 11:00,4'
    ].join('\n');
    const mapping = { id: 'id', arrival: 'start', departure: 'end', energyKWh: 'kwh', timezone: 'America/Denver' };
    const r = parseImport({ kind: 'csv-sessions', text: csv, file: 'b.csv', mode: 'partial', options: { csvMapping: mapping } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const row = await commitImport({ db, parsed: r.parsed, leftOut: r.leftOut, mode: 'partial', file: 'b.csv' });
    expect(row.leftOut.length).toBeGreaterThan(1);
    expect(row.leftOutRows).toBe(1);
    expect(row.logTimezone).toBe('America/Denver');
    expect(row.replayWeeks?.map((w) => w.count)).toEqual([1, 1]);
    expect(await db.imports.get(row.id)).toMatchObject({ leftOutRows: 1, logTimezone: 'America/Denver' });
  });

  it('an OCPI Tariff sets the current site’s energy price per slot and its currency', async () => {
    const db = freshDb();
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    const tariff = { id: '16', currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10, step_size: 1 }] }] };
    const row = await commitImport({ db, parsed: parsedOk('ocpi-tariffs', tariff).parsed, file: 'tariff.json', siteId: 'HARBOUR-1' });
    expect(row.summary).toBe('tariff 16: 0.25 EUR/kWh (excl. VAT) set as the energy price of Harbour depot');
    const site = await loadSite({ db, siteId: 'HARBOUR-1' });
    expect(site?.energy?.currency).toBe('EUR');
    expect(site?.energy?.pricePerKWh).toHaveLength(96);
    expect(siteSlotEnergy({ site: site!, slot: 40 }).pricePerKWh).toBe(0.25);
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

  it('keeps an imported generation mix series and prices when a Locations file with an energy_mix is imported again', async () => {
    const db = freshDb();
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    const series = { startMs: Date.UTC(2026, 5, 1), slotMinutes: 60, mixes: [{ solar: 1 }] };
    const site = (await db.sites.get('HARBOUR-1'))!;
    await db.sites.put({ ...site, energy: { ...site.energy!, gridMixSeries: series, pricePerKWh: [0.1, 0.3], currency: 'DKK' } });
    await commitImport({ db, parsed: parsedOk('ocpi-locations', harbourDepotLocation()).parsed, file: 'loc.json' });
    const again = await db.sites.get('HARBOUR-1');
    expect(again?.energy).toEqual({ gridMix: [expect.objectContaining({ wind: 0.6 })], gridMixSeries: series, pricePerKWh: [0.1, 0.3], currency: 'DKK' });
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

  it('error: a patch without location_id for a uid that two locations have is rejected, not applied to either', async () => {
    const db = freshDb();
    await commitImport({ db, parsed: parsedOk('ocpi-locations', [harbourDepotLocation(), harbourDepotLocation({ id: 'ELSEWHERE' })]).parsed, file: 'loc.json' });
    const before = await dump(db);
    const patch = [{ evse_uid: 'hb-ac-1', status: 'CHARGING', last_updated: '2026-03-01T09:00:00Z' }];
    const err = await commitImport({ db, parsed: parsedOk('ocpi-patches', patch).parsed, file: 'p.json', siteId: 'demo-site' }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([expect.objectContaining({ where: '$[0]', message: expect.stringMatching(/several locations \(HARBOUR-1, ELSEWHERE|several locations \(ELSEWHERE, HARBOUR-1/) })]);
    expect(await dump(db)).toEqual(before);
    // With the current site named, the patch goes to that site's EVSE.
    await commitImport({ db, parsed: parsedOk('ocpi-patches', patch).parsed, file: 'p.json', siteId: 'ELSEWHERE' });
    expect((await db.evses.get(['ELSEWHERE', 'hb-ac-1']))?.status).toBe('CHARGING');
    expect((await db.evses.get(['HARBOUR-1', 'hb-ac-1']))?.status).toBe('AVAILABLE');
  });

  it('stores replay sessions with their import id and a generation mix as the current site’s grid mix', async () => {
    const db = freshDb();
    await saveSite({ db, site: DEFAULT_SITE });
    const sessions = [
      { id: 'S1', start_date_time: '2026-03-01T08:00:00Z', end_date_time: '2026-03-01T12:00:00Z', kwh: 20, evse_uid: DEFAULT_SITE.evses[0].id, auth_method: 'COMMAND', status: 'COMPLETED' }
    ];
    const row = await commitImport({ db, parsed: parsedOk('ocpi-sessions', sessions).parsed, file: 's.json', importId: 'imp-1' });
    expect(row.written).toEqual({ replaySessions: 1 });
    expect(await db.replaySessions.where('importId').equals('imp-1').toArray()).toEqual([expect.objectContaining({ id: 'imp-1/S1', energyKWh: 20, origin: 'ocpi' })]);

    const lines = ['timestamp,solar,wind,gas'];
    for (let h = 0; h < 48; h++) lines.push(`${new Date(Date.UTC(2026, 5, 1, h) - 2 * 3_600_000).toISOString()},${h % 24 > 6 && h % 24 < 18 ? 50 : 0},30,20`);
    const mix = parsedOk('generation-csv', lines.join('\n'), { site: { ...DEFAULT_SITE, timezone: 'Europe/Berlin' } });
    const gen = await commitImport({ db, parsed: mix.parsed, file: 'mix.csv', siteId: DEFAULT_SITE.id });
    const site = await db.sites.get(DEFAULT_SITE.id);
    expect(site?.energy?.gridMix).toHaveLength(96);
    expect(site?.energy?.gridMix[0]).toMatchObject({ wind: 0.6, gas: 0.4 });
    expect(gen.summary).toContain('grid mix of 2026-06-01');
  });

  it('keeps the sessions of two logs whose ids coincide (CSV line-N ids), and a replay reads each log back with its own ids', async () => {
    const db = freshDb();
    const csv = (kwh: number) => ['in,out,kwh', '2026-03-02T08:00:00Z,2026-03-02T12:00:00Z,' + kwh, '2026-03-02T09:00:00Z,2026-03-02T17:00:00Z,' + kwh].join('\n');
    const mapping = { arrival: 'in', departure: 'out', energyKWh: 'kwh' };
    for (const [importId, kwh] of [['imp-a', 10], ['imp-b', 30]] as const) {
      await commitImport({ db, parsed: parsedOk('csv-sessions', csv(kwh), { csvMapping: mapping }).parsed, file: `${importId}.csv`, importId });
    }
    expect(await db.replaySessions.count()).toBe(4);
    const a = await loadReplayWindow({ db, importId: 'imp-a' });
    const b = await loadReplayWindow({ db, importId: 'imp-b' });
    expect(a.requests.map((r) => [r.id, r.energyKWh])).toEqual([['line-2', 10], ['line-3', 10]]);
    expect(b.requests.map((r) => [r.id, r.energyKWh])).toEqual([['line-2', 30], ['line-3', 30]]);
  });

  it('error: a generation mix without a current site is rejected and nothing is written', async () => {
    const db = freshDb();
    const lines = ['timestamp,solar,wind', ...Array.from({ length: 30 }, (_, h) => `${new Date(Date.UTC(2026, 5, 1, h)).toISOString()},1,1`)];
    const mix = parsedOk('generation-csv', lines.join('\n'));
    await expect(commitImport({ db, parsed: mix.parsed, file: 'mix.csv', siteId: 'missing' })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.imports.count()).toBe(0);
  });
});

/** A local-time hourly mix CSV (as ENTSO-E/SMARD-style exports write it) for whole UTC hours [fromMs, toMs): wind share = hour index / 1000. */
function localHourlyCsv({ fromMs, toMs, timeZone }: { fromMs: number; toMs: number; timeZone: string }): string {
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const lines = ['timestamp,wind,gas'];
  for (let ms = fromMs, k = 0; ms < toMs; ms += 3_600_000, k++) lines.push(`${fmt.format(new Date(ms))},${k},${1000 - k}`);
  return lines.join('\n');
}

describe('commitImport: generation mix at absolute times', () => {
  const berlin = { ...DEFAULT_SITE, timezone: 'Europe/Berlin' };
  const HOUR = 3_600_000;

  async function importMix({ fromMs, toMs, mixDay }: { fromMs: number; toMs: number; mixDay?: string }) {
    const db = freshDb();
    await saveSite({ db, site: berlin });
    const r = parseImport({ kind: 'generation-csv', text: localHourlyCsv({ fromMs, toMs, timeZone: 'Europe/Berlin' }), file: 'mix.csv', options: { site: berlin, timeZone: 'Europe/Berlin', mixDay } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const row = await commitImport({ db, parsed: r.parsed, file: 'mix.csv', siteId: berlin.id });
    const site = await loadSite({ db, siteId: berlin.id });
    if (!site) throw new Error('site not stored');
    return { site, row, parsed: r.parsed };
  }

  /** Wind share of the slot starting at `ms` on a 15-min timeline that starts at `startMs`. */
  function windAt(site: Site, startMs: number, ms: number) {
    const timeline = { startMs, slotMinutes: 15 };
    return siteSlotEnergy({ site, slot: (ms - startMs) / 900_000, timeline }).gridMix.wind ?? 0;
  }

  it('reads a spring-forward file back slot by slot at the right UTC times (26 March 2023 has 92 quarter hours)', async () => {
    // Local 25 March 00:00 CET … 28 March 00:00 CEST = 24 Mar 23:00 UTC … 27 Mar 22:00 UTC: 71 hours.
    const fromMs = Date.UTC(2023, 2, 24, 23);
    const toMs = Date.UTC(2023, 2, 27, 22);
    const { site, parsed } = await importMix({ fromMs, toMs, mixDay: '2023-03-26' });
    if (parsed.kind !== 'generation-csv') throw new Error('wrong kind');
    expect(parsed.days).toEqual(['2023-03-25', '2023-03-26', '2023-03-27']);
    expect(parsed.mixes).toHaveLength(92);
    expect(site.energy?.gridMixSeries).toMatchObject({ startMs: fromMs, slotMinutes: 15 });
    expect(site.energy?.gridMixSeries?.mixes).toHaveLength(71 * 4);
    // A timeline starting a day earlier, at UTC midnight (not aligned with the file): every slot of the file reads its own hour.
    const start = Date.UTC(2023, 2, 24);
    for (let ms = fromMs; ms < toMs; ms += 900_000) expect(windAt(site, start, ms)).toBeCloseTo(Math.floor((ms - fromMs) / HOUR) / 1000, 12);
    // 03:00 CEST on the 26th is 01:00 UTC: hour 26 of the file (02:00 local does not exist).
    expect(windAt(site, start, Date.UTC(2023, 2, 26, 1))).toBeCloseTo(0.026, 12);
    // 27 March 00:00 CEST = 26 March 22:00 UTC: hour 47, not hour 48 as a repeated 24-hour day would give.
    expect(windAt(site, start, Date.UTC(2023, 2, 26, 22))).toBeCloseTo(0.047, 12);
  });

  it('keeps both 02:00 hours of the fall-back day (29 October 2023 has 100 quarter hours) at their UTC times', async () => {
    const fromMs = Date.UTC(2023, 9, 27, 22); // 28 Oct 00:00 CEST
    const toMs = Date.UTC(2023, 9, 30, 23); // 31 Oct 00:00 CET
    const { site, parsed } = await importMix({ fromMs, toMs, mixDay: '2023-10-29' });
    if (parsed.kind !== 'generation-csv') throw new Error('wrong kind');
    expect(parsed.mixes).toHaveLength(100);
    expect(site.energy?.gridMixSeries?.mixes).toHaveLength(73 * 4);
    const start = fromMs;
    for (let ms = fromMs; ms < toMs; ms += 900_000) expect(windAt(site, start, ms)).toBeCloseTo(Math.floor((ms - fromMs) / HOUR) / 1000, 12);
    // 02:00 CEST = 00:00 UTC (hour 26), 02:00 CET = 01:00 UTC (hour 27).
    expect(windAt(site, start, Date.UTC(2023, 9, 29, 0))).toBeCloseTo(0.026, 12);
    expect(windAt(site, start, Date.UTC(2023, 9, 29, 1))).toBeCloseTo(0.027, 12);
  });

  it('a 3-day file keeps all 3 days, and outside them the chosen day applies as the profile', async () => {
    const fromMs = Date.UTC(2026, 5, 1, 22); // 2 June 00:00 CEST
    const toMs = fromMs + 72 * HOUR;
    const { site, row, parsed } = await importMix({ fromMs, toMs });
    if (parsed.kind !== 'generation-csv') throw new Error('wrong kind');
    expect(parsed.days).toEqual(['2026-06-02', '2026-06-03', '2026-06-04']);
    expect(row.summary).toContain('288 slots from 2026-06-01 22:00 to 2026-06-04 22:00 UTC kept at their times');
    // The third day reads its own values, not the first day's.
    expect(windAt(site, fromMs, fromMs + 50 * HOUR)).toBeCloseTo(0.05, 12);
    // Outside the series: the periodic profile (the first whole day, slot 0 = the timeline's slot 0).
    const before = fromMs - 96 * 900_000;
    expect(windAt(site, before, before + 4 * 900_000)).toBe(parsed.mixes[4].wind);
    expect(windAt(site, fromMs, toMs + 5 * 900_000)).toBe(parsed.mixes[(288 + 5) % 96].wind ?? 0);
    expect(windAt(site, fromMs, toMs + 5 * 900_000)).toBeCloseTo(0.001, 12);
    // Without a timeline (callers that do not know the times) the profile applies everywhere.
    expect(siteSlotEnergy({ site, slot: 200 }).gridMix).toEqual(parsed.mixes[200 % 96]);
  });
});
