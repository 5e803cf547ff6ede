import type { ValidationIssue } from '$lib/core/errors';
import { mergeLiveSessions } from '$lib/core/ocpi/mergeLiveSessions';
import type { LiveCdr, LiveSession } from '$lib/core/ocpi/parseOcpiLive';
import type { Timeline } from '$lib/core/time/timeline';
import { slotOfMs } from '$lib/core/time/gates';
import type { CarbonSeriesRow, GreenSlotDb, LiveCdrRow, LiveSessionRow, SessionRow, SlotResultRow } from './db';
import { receiptFromCdr } from './receipt-from-cdr';
import { loadSite } from './site-store';

/** Parameters of {@link commitLiveOcpi}. */
export type CommitLiveOcpiParameters = {
  db: GreenSlotDb;
  sessions: LiveSession[];
  cdrs: LiveCdr[];
  /** Where they came from: the endpoint's origin, or `file:<name>`. */
  backend: string;
  receivedMs?: number;
};

/** What a commit wrote and decided. */
export type CommitLiveOcpiResult = {
  sessionsWritten: number;
  cdrsWritten: number;
  /** Keys of out-of-order (older) versions that were ignored. */
  stale: string[];
  /** GreenSlot session ids whose receipt was issued or re-issued from a CDR. */
  receiptsIssued: string[];
  /** CDRs stored without a GreenSlot session to issue a receipt for (e.g. a CDR for an unknown session). */
  unlinkedCdrs: string[];
  /** Receipts that could not be issued, and why. */
  issues: ValidationIssue[];
};

/** The part of the stored demo settings (`settings.demo`) that linking and receipts need. */
type DemoSettings = { siteId: string; timeline: Timeline };

const LIVE_TABLES = ['liveSessions', 'liveCdrs', 'sessions', 'receipts', 'receiptSources', 'slotResults', 'settings', 'sites', 'nodes', 'evses', 'carbonSeries'] as const;

/**
 * Stores polled or pushed OCPI Sessions/CDRs in ONE transaction: newest `last_updated` wins per
 * key; each is linked to the GreenSlot session it measures (`authorization_reference` = our session
 * id, else the same EVSE with a session whose window holds the start); then every linked CDR whose
 * receipt is not yet from that CDR (re-)issues the receipt from the CDR's figures.
 */
export async function commitLiveOcpi({ db, sessions, cdrs, backend, receivedMs = Date.now() }: CommitLiveOcpiParameters): Promise<CommitLiveOcpiResult> {
  return db.transaction('rw', LIVE_TABLES.map((t) => db.table(t)), async () => {
    const keys = [...new Set(sessions.map((s) => s.key))];
    const cdrKeys = [...new Set(cdrs.map((c) => c.key))];
    const storedSessions = new Map((await db.liveSessions.bulkGet(keys)).filter((r): r is LiveSessionRow => !!r).map((r) => [r.key, r]));
    const storedCdrs = new Map((await db.liveCdrs.bulkGet(cdrKeys)).filter((r): r is LiveCdrRow => !!r).map((r) => [r.key, r]));
    const merged = mergeLiveSessions({ stored: storedSessions, storedCdrs, sessions, cdrs });
    const settings = (await db.settings.get('demo'))?.value as DemoSettings | undefined;
    const gsSessions = await db.sessions.toArray();
    const link = (item: { authorizationReference?: string; evseUid: string; startMs: number }): string | undefined => {
      if (item.authorizationReference && gsSessions.some((s) => s.id === item.authorizationReference)) return item.authorizationReference;
      if (!settings) return undefined;
      const slot = slotOfMs({ timeline: settings.timeline, ms: item.startMs });
      return gsSessions.find((s) => s.evseId === item.evseUid && s.siteId === settings.siteId && slot >= s.startSlot && slot < s.endSlot)?.id;
    };
    const sessionRows: LiveSessionRow[] = merged.sessions.map((s) => {
      const row: LiveSessionRow = { ...s, backend, receivedMs };
      const linked = link(s) ?? storedSessions.get(s.key)?.linkedSessionId;
      if (linked) row.linkedSessionId = linked;
      return row;
    });
    await db.liveSessions.bulkPut(sessionRows);
    const cdrRows: LiveCdrRow[] = [];
    for (const c of merged.cdrs) {
      const row: LiveCdrRow = { ...c, backend, receivedMs };
      const viaSession = c.sessionKey ? (sessionRows.find((s) => s.key === c.sessionKey) ?? (await db.liveSessions.get(c.sessionKey))) : undefined;
      const linked = viaSession?.linkedSessionId ?? link(c);
      if (linked) row.linkedSessionId = linked;
      cdrRows.push(row);
    }
    await db.liveCdrs.bulkPut(cdrRows);
    const issued = await issueCdrReceipts({ db, cdrs: cdrRows, settings, gsSessions });
    return {
      sessionsWritten: sessionRows.length,
      cdrsWritten: cdrRows.length,
      stale: merged.stale,
      receiptsIssued: issued.receiptsIssued,
      unlinkedCdrs: cdrRows.filter((c) => !c.linkedSessionId).map((c) => c.key),
      issues: issued.issues
    };
  });
}

/** Parameters of {@link reconcileCdrReceipts}. */
export type ReconcileCdrReceiptsParameters = { db: GreenSlotDb };

/**
 * Re-issues receipts from stored CDRs where the stored receipt is not (or no longer) the CDR's: the
 * demo writes a simulated receipt when its session finishes, which may be after the CDR arrived.
 */
export async function reconcileCdrReceipts({ db }: ReconcileCdrReceiptsParameters): Promise<Pick<CommitLiveOcpiResult, 'receiptsIssued' | 'issues'>> {
  return db.transaction('rw', LIVE_TABLES.map((t) => db.table(t)), async () => {
    const cdrs = await db.liveCdrs.where('linkedSessionId').above('').toArray();
    if (cdrs.length === 0) return { receiptsIssued: [], issues: [] };
    const settings = (await db.settings.get('demo'))?.value as DemoSettings | undefined;
    return issueCdrReceipts({ db, cdrs, settings, gsSessions: await db.sessions.toArray() });
  });
}

// Inside the caller's transaction: (re-)issue the receipt of each linked CDR unless it is already the CDR's.
async function issueCdrReceipts({
  db,
  cdrs,
  settings,
  gsSessions
}: {
  db: GreenSlotDb;
  cdrs: LiveCdrRow[];
  settings: DemoSettings | undefined;
  gsSessions: SessionRow[];
}): Promise<Pick<CommitLiveOcpiResult, 'receiptsIssued' | 'issues'>> {
  const receiptsIssued: string[] = [];
  const issues: ValidationIssue[] = [];
  if (!settings) return { receiptsIssued, issues };
  const carbon = await db.carbonSeries.toArray();
  const pickSeries = (kind: 'average' | 'marginal'): CarbonSeriesRow | undefined => carbon.filter((c) => c.kind === kind).sort((a, b) => b.importedMs - a.importedMs)[0];
  for (const cdr of cdrs) {
    const session = gsSessions.find((s) => s.id === cdr.linkedSessionId);
    if (!session) continue;
    const source = await db.receiptSources.get(session.id);
    const current = await db.receipts.get(session.id);
    if (source?.kind === 'ocpi-cdr' && source.cdrKey === cdr.key && source.cdrLastUpdatedMs === cdr.lastUpdatedMs && current && current.json.includes('"kind":"ocpi-cdr"')) continue;
    const site = await loadSite({ db, siteId: session.siteId });
    if (!site) continue;
    const slotRows = new Map((await db.slotResults.where('siteId').equals(site.id).toArray()).map((r: SlotResultRow) => [r.slot, r]));
    try {
      // The receipt being replaced (simulated, or from an older CDR): its figures show the difference.
      const previousJson = current?.json;
      const { json } = receiptFromCdr({ cdr, session, site, timeline: settings.timeline, slotRows, average: pickSeries('average'), marginal: pickSeries('marginal'), previousJson });
      await db.receipts.put({ sessionId: session.id, json, createdMs: Date.now() });
      await db.receiptSources.put({
        sessionId: session.id,
        kind: 'ocpi-cdr',
        cdrKey: cdr.key,
        cdrId: cdr.id,
        backend: cdr.backend,
        receivedMs: cdr.receivedMs,
        cdrLastUpdatedMs: cdr.lastUpdatedMs,
        ...(previousJson ? { previousJson } : {})
      });
      receiptsIssued.push(session.id);
    } catch (e) {
      const list = (e as { issues?: ValidationIssue[] }).issues;
      issues.push(...(list ?? [{ file: `CDR ${cdr.id}`, where: '$', message: (e as Error).message }]));
    }
  }
  return { receiptsIssued, issues };
}
