import type { Site } from '$lib/core/grid/site';
import { BaseError } from '$lib/core/errors';
import { toLocalDateTime } from '$lib/core/time/zoned-time';
import type { ArchiveRow, GreenSlotDb, SessionRow } from './db';
import { loadSite, saveSite } from './site-store';

/**
 * Drivers' records are never lost: before an operator scenario replaces the running demo day
 * (reset, replay, site change, import), the day is MOVED into an archive. "My sessions" and
 * /receipt/<id> still read the driver's sessions and receipts from there (byte-identical receipts),
 * and the whole day can be restored (the day it replaces is archived in turn, so restore is undoable).
 */

/** Thrown when an archived day cannot be restored (unknown id). */
export class ArchiveError extends BaseError {
  override name = 'ArchiveError';
}

/** What the running day holds: what an archive step would move. */
export type RunningDaySummary = {
  /** All sessions of the day (driver and simulated). */
  sessions: number;
  /** The driver's own sessions. */
  mine: number;
  receipts: number;
};

/** Counts what the running day holds (for the confirmation before an operator scenario). */
export async function runningDaySummary({ db }: { db: GreenSlotDb }): Promise<RunningDaySummary> {
  return db.transaction('r', db.sessions, db.receipts, async () => {
    const sessions = await db.sessions.toArray();
    return { sessions: sessions.length, mine: sessions.filter((s) => s.mine).length, receipts: await db.receipts.count() };
  });
}

/**
 * Whether archiving the running day moves any of the drivers' own records (their sessions or receipts):
 * import-page actions ask first only then; a day of simulated sessions alone is archived without asking.
 */
export function movesDriverRecords(summary: RunningDaySummary): boolean {
  return summary.mine > 0 || summary.receipts > 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * The confirmation text before `action` replaces the running day, naming what happens and how
 * many sessions it affects, e.g. "Reset day archives today's 24 sessions (2 yours, 1 receipt) …".
 */
export function archiveNotice({ summary, action }: { summary: RunningDaySummary; action: string }): string {
  if (summary.sessions === 0 && summary.receipts === 0) return `${action} starts a new day; the running day has no sessions yet, so nothing is archived.`;
  const parts = [`${plural(summary.mine, 'driver session')}`, plural(summary.receipts, 'receipt')];
  return (
    `${action} moves the running day's ${plural(summary.sessions, 'session')} (${parts.join(', ')}) into the archive. ` +
    `Drivers keep their sessions and receipts under My sessions, and "Restore" under Archived days brings the day back.`
  );
}

/** Parameters of `archiveRunningDay`. */
export type ArchiveRunningDayParameters = {
  db: GreenSlotDb;
  /** What replaces the day, in plain words ("Reset day", "Replay in the demo", "Import of sites.json"). */
  reason: string;
  /**
   * The day's site as it ran (the caller's copy), when the stored site may already have been replaced
   * (an import writes the new site before the day restarts); default: the stored site.
   */
  site?: Site;
  nowMs?: number;
};

/** Local date (YYYY-MM-DD) of a day's timeline start at the site. */
function dayLabelOf(settings: { timeline?: { startMs: number } } | undefined, timeZone: string): string {
  const ms = settings?.timeline?.startMs;
  if (ms === undefined) return '';
  const d = toLocalDateTime({ ms, timeZone });
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * Moves the running day (requests, sessions, slot results, receipts, demo settings and its site) into
 * a new archive, in ONE transaction, and clears those live tables (chargers in use become AVAILABLE).
 * Returns the archive, or null when the day holds no session and no receipt (nothing to keep).
 * Call it before anything that replaces the day or its site; `demo` calls it on every reset/replay.
 */
export async function archiveRunningDay({ db, reason, site: ranOn, nowMs = Date.now() }: ArchiveRunningDayParameters): Promise<ArchiveRow | null> {
  const tables = [db.requests, db.sessions, db.slotResults, db.receipts, db.settings, db.sites, db.nodes, db.evses, db.archives, db.archivedSessions, db.archivedReceipts];
  return db.transaction('rw', tables, async () => {
    const [sessions, receipts] = await Promise.all([db.sessions.toArray(), db.receipts.toArray()]);
    if (sessions.length === 0 && receipts.length === 0) return null;
    const settings = (await db.settings.get('demo'))?.value as { siteId?: string; nowMs?: number; timeline?: { startMs: number; slotMinutes: number } } | undefined;
    const siteId = settings?.siteId ?? sessions[0]?.siteId ?? '';
    const site = ranOn && ranOn.id === siteId ? ranOn : siteId ? await loadSite({ db, siteId }) : undefined;
    const [requests, slotResults] = await Promise.all([db.requests.toArray(), db.slotResults.toArray()]);
    // Ids sort by time: the newest archive lists first.
    const id = `day-${nowMs.toString(36).padStart(9, '0')}-${Math.random().toString(36).slice(2, 6)}`;
    const mine = sessions.filter((s) => s.mine);
    const row: ArchiveRow = {
      id,
      createdMs: nowMs,
      reason,
      siteId,
      siteName: site?.name ?? siteId,
      dayLabel: dayLabelOf(settings, site?.timezone ?? 'UTC'),
      clockMs: settings?.nowMs ?? 0,
      timeZone: site?.timezone ?? 'UTC',
      timeline: { startMs: settings?.timeline?.startMs ?? 0, slotMinutes: settings?.timeline?.slotMinutes ?? 15 },
      sessionCount: sessions.length,
      mineCount: mine.length,
      receiptCount: receipts.length,
      day: { settings, site, requests, sessions, slotResults, receipts }
    };
    await db.archives.add(row);
    await db.archivedSessions.bulkAdd(mine.map((s) => ({ ...s, archiveId: id })));
    await db.archivedReceipts.bulkAdd(receipts.map((r) => ({ ...r, archiveId: id })));
    await Promise.all([db.requests.clear(), db.sessions.clear(), db.slotResults.clear(), db.receipts.clear()]);
    await db.evses.toCollection().modify((e) => {
      if (e.status === 'CHARGING' || e.status === 'RESERVED') e.status = 'AVAILABLE';
    });
    return row;
  });
}

/** Parameters of `restoreArchivedDay`. */
export type RestoreArchivedDayParameters = { db: GreenSlotDb; archiveId: string; nowMs?: number };

/**
 * Brings an archived day back as the running day (its site, requests, sessions, slot results,
 * receipts byte for byte, and clock), after archiving the day it replaces, in ONE transaction.
 * Returns the restored demo settings and the archive the replaced day went to (null: it was empty).
 */
export async function restoreArchivedDay({ db, archiveId, nowMs = Date.now() }: RestoreArchivedDayParameters): Promise<{ settings: unknown; site: Site | undefined; replacedBy: ArchiveRow | null }> {
  const tables = [db.requests, db.sessions, db.slotResults, db.receipts, db.settings, db.sites, db.nodes, db.evses, db.archives, db.archivedSessions, db.archivedReceipts];
  return db.transaction('rw', tables, async () => {
    const archive = await db.archives.get(archiveId);
    if (!archive) throw new ArchiveError(`No archived day "${archiveId}" in this browser (it may have been restored already).`);
    const replacedBy = await archiveRunningDay({ db, reason: `Restore of the ${archive.dayLabel} day`, nowMs });
    const { day } = archive;
    const site = day.site as Site | undefined;
    if (site) {
      const statuses = Object.fromEntries((await db.evses.where('siteId').equals(site.id).toArray()).map((e) => [e.id, e.status]));
      await saveSite({ db, site, statuses, nowMs });
    }
    await db.requests.bulkAdd(day.requests);
    await db.sessions.bulkAdd(day.sessions as SessionRow[]);
    await db.slotResults.bulkAdd(day.slotResults);
    await db.receipts.bulkAdd(day.receipts);
    if (day.settings) await db.settings.put({ key: 'demo', value: day.settings });
    await db.archivedSessions.where('archiveId').equals(archiveId).delete();
    await db.archivedReceipts.where('archiveId').equals(archiveId).delete();
    await db.archives.delete(archiveId);
    return { settings: day.settings, site, replacedBy };
  });
}
