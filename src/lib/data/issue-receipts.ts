import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import { slotEndMs } from '$lib/core/time/gates';
import type { GreenSlotDb, SessionRow } from './db';
import { receiptForSession } from './receipt';

/** Parameters of `issueDueReceipts`. */
export type IssueDueReceiptsParameters = {
  db: GreenSlotDb;
  site: Site;
  timeline: Timeline;
  /** Simulated time now, epoch ms. */
  nowMs: number;
  /** Scheduler and strategy that ran the gate of `slot` (written on the receipt). */
  schedulerAt: (slot: number) => { scheduler?: string; strategy?: string };
};

/** Last slot a finished session was booked for (rows from before schema v4 lack `finishedSlot`). */
export function finishedSlotOf(s: SessionRow): number {
  if (s.finishedSlot !== undefined) return s.finishedSlot;
  const slots = Object.keys(s.kwBySlot).map(Number);
  return s.deliveredKWh >= s.requestedKWh - 1e-9 && slots.length ? Math.max(...slots) : s.endSlot - 1;
}

/**
 * Issues the receipt of every finished session whose last slot is over at `nowMs` and that has
 * none yet. A receipt, once issued, is never rewritten (the bytes a driver may have signed).
 * Returns the session ids that got one.
 */
export async function issueDueReceipts({ db, site, timeline, nowMs, schedulerAt }: IssueDueReceiptsParameters): Promise<string[]> {
  return db.transaction('rw', db.sessions, db.receipts, async () => {
    const finished = await db.sessions.where('status').equals('finished').toArray();
    const due = finished.filter((s) => slotEndMs({ timeline, slot: finishedSlotOf(s) }) <= nowMs);
    if (due.length === 0) return [];
    const have = new Set(await db.receipts.where('sessionId').anyOf(due.map((s) => s.id)).primaryKeys());
    const issued: string[] = [];
    for (const session of due) {
      if (have.has(session.id)) continue;
      const { scheduler, strategy } = schedulerAt(finishedSlotOf(session));
      const json = receiptForSession({ session, site, timeline, strategy, scheduler });
      await db.receipts.add({ sessionId: session.id, json, createdMs: Date.now() });
      issued.push(session.id);
    }
    return issued;
  });
}
