import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb, type SessionRow } from './db';
import { DEFAULT_SITE } from './default-site';
import { saveSite } from './site-store';
import { archiveNotice, archiveRunningDay, ArchiveError, movesDriverRecords, restoreArchivedDay, runningDaySummary } from './day-archive';
import { findReceipt, findSession, mySessions } from './driver-records';

function db(name: string) {
  return createDb({ name, dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
}

const session = (id: string, mine: boolean, evseId = DEFAULT_SITE.evses[0].id): SessionRow => ({
  id, requestId: id, siteId: DEFAULT_SITE.id, evseId, status: 'finished', startSlot: 30, endSlot: 40, requestedKWh: 5, deliveredKWh: 5,
  greenKWh: 2, bySourceKWh: {}, co2G: 0, cost: 0, kwBySlot: { 31: 10 }, greenKWhBySlot: { 31: 2 }, plan: null, mine, updatedMs: 1, finishedSlot: 31
});

async function seedDay(d: ReturnType<typeof db>, tag: string) {
  await saveSite({ db: d, site: DEFAULT_SITE });
  await d.settings.put({ key: 'demo', value: { siteId: DEFAULT_SITE.id, timeline: { startMs: Date.UTC(2026, 11, 4, 23), slotMinutes: 15 }, nextSlot: 33, tag } });
  await d.requests.add({ id: `${tag}-me`, siteId: DEFAULT_SITE.id, createdMs: 0, requestMs: 0, arrivalMs: 0, departureMs: 1, energyKWh: 5, vehicleMaxKw: 11, evseId: null, preference: 'fast', origin: 'app' });
  await d.sessions.bulkAdd([session(`${tag}-me`, true), session(`${tag}-sim`, false, DEFAULT_SITE.evses[1].id)]);
  await d.receipts.bulkAdd([{ sessionId: `${tag}-me`, json: `{"day":"${tag}"}`, createdMs: 3 }]);
  await d.evses.where('siteId').equals(DEFAULT_SITE.id).modify((e) => void (e.status = 'CHARGING'));
}

describe('archiving the running day', () => {
  it('moves the day out, keeping the driver’s sessions and receipts readable byte for byte', async () => {
    const d = db('archive');
    await seedDay(d, 'one');
    expect(await runningDaySummary({ db: d })).toEqual({ sessions: 2, mine: 1, receipts: 1 });
    const archive = await archiveRunningDay({ db: d, reason: 'Reset day', nowMs: 1000 });
    expect(archive).toMatchObject({ reason: 'Reset day', sessionCount: 2, mineCount: 1, receiptCount: 1, dayLabel: '2026-12-05' });
    expect(await d.sessions.count()).toBe(0);
    expect(await d.receipts.count()).toBe(0);
    expect(await d.requests.count()).toBe(0);
    expect(new Set((await d.evses.toArray()).map((e) => e.status))).toEqual(new Set(['AVAILABLE']));
    expect((await findReceipt({ db: d, sessionId: 'one-me' }))?.row.json).toBe('{"day":"one"}');
    expect((await findSession({ db: d, sessionId: 'one-me' }))?.archive?.id).toBe(archive!.id);
    expect(await findSession({ db: d, sessionId: 'one-sim' })).toBeUndefined();
    expect((await mySessions({ db: d })).map((e) => [e.session.id, e.archive?.id, e.hasReceipt])).toEqual([['one-me', archive!.id, true]]);
  });

  it('keeps the site the day ran on when the caller gives it (an import already wrote the new site)', async () => {
    const d = db('ran-on');
    await seedDay(d, 'one');
    const ranOn = { ...DEFAULT_SITE, name: 'The site as it ran' };
    const archive = await archiveRunningDay({ db: d, reason: 'Import of sites.json', site: ranOn, nowMs: 1000 });
    expect(archive?.siteName).toBe('The site as it ran');
    expect((archive?.day.site as { name: string }).name).toBe('The site as it ran');
  });

  it('archives nothing when the day has no session and no receipt', async () => {
    const d = db('empty');
    expect(await archiveRunningDay({ db: d, reason: 'Reset day' })).toBeNull();
    expect(await d.archives.count()).toBe(0);
  });

  it('restores an archived day and archives the day it replaces, so restoring is undone the same way', async () => {
    const d = db('restore');
    await seedDay(d, 'one');
    const first = (await archiveRunningDay({ db: d, reason: 'Reset day', nowMs: 1000 }))!;
    await seedDay(d, 'two');
    const { settings, replacedBy } = await restoreArchivedDay({ db: d, archiveId: first.id, nowMs: 2000 });
    expect(settings).toMatchObject({ tag: 'one', nextSlot: 33 });
    expect((await d.receipts.get('one-me'))?.json).toBe('{"day":"one"}');
    expect((await d.sessions.orderBy('id').primaryKeys())).toEqual(['one-me', 'one-sim']);
    expect(await d.archives.get(first.id)).toBeUndefined();
    expect(replacedBy).toMatchObject({ sessionCount: 2, reason: 'Restore of the 2026-12-05 day' });
    // The replaced day is one restore away, and both drivers' sessions are listed.
    expect((await mySessions({ db: d })).map((e) => e.session.id)).toEqual(['one-me', 'two-me']);
    await restoreArchivedDay({ db: d, archiveId: replacedBy!.id, nowMs: 3000 });
    expect((await d.settings.get('demo'))?.value).toMatchObject({ tag: 'two' });
  });

  it('error: restoring an unknown archive names it and changes nothing', async () => {
    const d = db('unknown');
    await seedDay(d, 'one');
    await expect(restoreArchivedDay({ db: d, archiveId: 'nope' })).rejects.toThrow(ArchiveError);
    expect(await d.sessions.count()).toBe(2);
    expect(await d.archives.count()).toBe(0);
  });

  it('says what an operator action will do and how many sessions it affects', () => {
    expect(archiveNotice({ summary: { sessions: 24, mine: 2, receipts: 1 }, action: 'Reset day' })).toBe(
      'Reset day moves the running day\u2019s 24 sessions (2 driver sessions, 1 receipt) into the archive. Drivers keep their sessions and receipts under My sessions, and "Restore" under Archived days brings the day back.'.replace('\u2019', "'")
    );
    expect(archiveNotice({ summary: { sessions: 0, mine: 0, receipts: 0 }, action: 'Reset day' })).toMatch(/nothing is archived/);
  });

  it('asks first only when the drivers\' own sessions or receipts would move', () => {
    expect(movesDriverRecords({ sessions: 24, mine: 0, receipts: 0 })).toBe(false);
    expect(movesDriverRecords({ sessions: 24, mine: 1, receipts: 0 })).toBe(true);
    expect(movesDriverRecords({ sessions: 0, mine: 0, receipts: 1 })).toBe(true);
  });
});
