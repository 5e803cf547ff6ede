import type { ArchiveRow, GreenSlotDb, ReceiptRow, SessionRow } from './db';

/**
 * A driver's sessions and receipts wherever they are kept: the running day first, then the
 * archived days (newest first). An `archiveId` pins one archived day (links from "My sessions").
 */

/** Where a record was found: the running day (archive undefined) or an archived day. */
export type Where = { archive?: Pick<ArchiveRow, 'id' | 'dayLabel' | 'reason' | 'createdMs' | 'siteName' | 'clockMs' | 'timeZone' | 'timeline'> };

/** Parameters of the look-ups. */
export type FindRecordParameters = { db: GreenSlotDb; sessionId: string; archiveId?: string | null };

const brief = ({ id, dayLabel, reason, createdMs, siteName, clockMs, timeZone, timeline }: ArchiveRow): NonNullable<Where['archive']> => ({
  id,
  dayLabel,
  reason,
  createdMs,
  siteName,
  clockMs,
  timeZone,
  timeline
});

async function archiveBrief(db: GreenSlotDb, archiveId: string): Promise<Where['archive']> {
  const a = await db.archives.get(archiveId);
  return a ? brief(a) : { id: archiveId, dayLabel: '', reason: '', createdMs: 0, siteName: '', clockMs: 0, timeZone: 'UTC', timeline: { startMs: 0, slotMinutes: 15 } };
}

/** The receipt of a session (byte-identical to when it was issued), or undefined when none exists. */
export async function findReceipt({ db, sessionId, archiveId }: FindRecordParameters): Promise<(Where & { row: ReceiptRow }) | undefined> {
  if (!archiveId) {
    const live = await db.receipts.get(sessionId);
    if (live) return { row: live };
  }
  const archived = archiveId
    ? await db.archivedReceipts.get([archiveId, sessionId])
    : (await db.archivedReceipts.where('sessionId').equals(sessionId).sortBy('createdMs')).at(-1);
  if (!archived) return undefined;
  const { archiveId: id, ...row } = archived;
  return { row, archive: await archiveBrief(db, id) };
}

/** A driver's session, from the running day or an archived day. */
export async function findSession({ db, sessionId, archiveId }: FindRecordParameters): Promise<(Where & { row: SessionRow }) | undefined> {
  if (!archiveId) {
    const live = await db.sessions.get(sessionId);
    if (live) return { row: live };
  }
  const archived = archiveId
    ? await db.archivedSessions.get([archiveId, sessionId])
    : (await db.archivedSessions.where('id').equals(sessionId).sortBy('updatedMs')).at(-1);
  if (!archived) return undefined;
  const { archiveId: id, ...row } = archived;
  return { row, archive: await archiveBrief(db, id) };
}

/** One line of "My sessions". */
export type MySessionEntry = Where & { session: SessionRow; hasReceipt: boolean };

/** The driver's sessions: the running day's (newest first), then each archived day's (newest day first). */
export async function mySessions({ db }: { db: GreenSlotDb }): Promise<MySessionEntry[]> {
  const [live, archives, archived, liveReceipts, archivedReceipts] = await Promise.all([
    db.sessions.filter((s) => s.mine === true).toArray(),
    db.archives.toArray(),
    db.archivedSessions.toArray(),
    db.receipts.toCollection().primaryKeys(),
    db.archivedReceipts.toCollection().primaryKeys()
  ]);
  const byId = new Map(archives.map((a) => [a.id, brief(a)] as const));
  const receiptKeys = new Set(archivedReceipts.map(([a, s]) => `${a}/${s}`));
  const liveIds = new Set(liveReceipts);
  const newest = (a: SessionRow, b: SessionRow) => b.updatedMs - a.updatedMs || b.id.localeCompare(a.id);
  const out: MySessionEntry[] = live.sort(newest).map((session) => ({ session, hasReceipt: liveIds.has(session.id) }));
  const older = archived
    .filter((s) => s.mine)
    .sort((a, b) => (byId.get(b.archiveId)?.createdMs ?? 0) - (byId.get(a.archiveId)?.createdMs ?? 0) || newest(a, b));
  for (const { archiveId, ...session } of older) {
    out.push({ session, archive: byId.get(archiveId), hasReceipt: receiptKeys.has(`${archiveId}/${session.id}`) });
  }
  return out;
}
