import type { EngineSnapshot, GateRecord } from '$lib/core/engine/types';
import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { GreenSlotDb, SessionRow } from './db';
import { receiptForSession } from './receipt';
import { evseStatuses, sessionRow, slotResultRow } from './step-rows';

/** Parameters of `persistStep`. */
export type PersistStepParameters = {
  db: GreenSlotDb;
  snapshot: EngineSnapshot;
  /** Slot the engine just executed. */
  slot: number;
  gate: GateRecord;
  site: Site;
  timeline: Timeline;
  /** Simulated time now (EVSE statuses), epoch ms. */
  nowMs: number;
  /** The demo settings to store with the step (progress), plain data. */
  settings: unknown;
  /** Scheduler and strategy that ran this gate (written on receipts). */
  scheduler?: string;
  strategy?: string;
};

/**
 * Writes one executed slot in ONE transaction: session rows, the slot's result, EVSE statuses,
 * receipts of sessions that just finished, and the clock/progress. A reader (this tab or another)
 * never sees a half-written slot.
 */
export async function persistStep({ db, snapshot, slot, gate, site, timeline, nowMs, settings, scheduler, strategy }: PersistStepParameters): Promise<void> {
  const record = snapshot.slots.find((r) => r.slot === slot);
  await db.transaction('rw', [db.sessions, db.slotResults, db.settings, db.evses, db.receipts, db.requests], async () => {
    const previous = new Map((await db.sessions.toArray()).map((r) => [r.id, r] as const));
    const appIds = new Set((await db.requests.where('siteId').equals(site.id).toArray()).filter((r) => r.origin === 'app').map((r) => r.id));
    const rows: SessionRow[] = snapshot.sessions.map((session) => {
      const prev = previous.get(session.id);
      return sessionRow({ session, siteId: site.id, previous: prev, slot, mine: appIds.has(session.id), nowMs: Date.now(), arrivalSoc: prev?.arrivalSoc, batteryKWh: prev?.batteryKWh });
    });
    await db.sessions.bulkPut(rows);
    if (record) await db.slotResults.put(slotResultRow({ record, gate, siteId: site.id }));
    const evses = await db.evses.where('siteId').equals(site.id).toArray();
    const statuses = evseStatuses({ evses, snapshot, nowMs });
    await db.evses.bulkPut(evses.map((e) => ({ ...e, status: statuses[e.id] ?? e.status })));
    for (const row of rows) {
      if (row.status !== 'finished' || previous.get(row.id)?.status === 'finished') continue;
      const json = receiptForSession({ session: row, site, timeline, strategy, scheduler });
      await db.receipts.put({ sessionId: row.id, json, createdMs: Date.now() });
    }
    await db.settings.put({ key: 'demo', value: settings });
  });
}
