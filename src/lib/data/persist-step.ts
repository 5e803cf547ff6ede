import type { EngineSnapshot, GateRecord } from '$lib/core/engine/types';
import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { GreenSlotDb, SessionRow } from './db';
import { issueDueReceipts, type IssueDueReceiptsParameters } from './issue-receipts';
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
  /** Scheduler and strategy in force at a slot (written on receipts, by the slot each session finished in), as `issueDueReceipts` takes it. */
  schedulerAt: IssueDueReceiptsParameters['schedulerAt'];
};

/**
 * Writes one executed slot in ONE transaction: session rows, the slot's result, EVSE statuses,
 * receipts of sessions whose last slot has run by `nowMs` (a gate books its slot ahead of time, so a
 * session that finishes in the slot just booked gets its receipt when that slot is over), and the
 * clock/progress. A reader (this tab or another) never sees a half-written slot.
 */
export async function persistStep({ db, snapshot, slot, gate, site, timeline, nowMs, settings, schedulerAt }: PersistStepParameters): Promise<void> {
  const record = snapshot.slots.find((r) => r.slot === slot);
  await db.transaction('rw', [db.sessions, db.slotResults, db.settings, db.evses, db.receipts, db.requests], async () => {
    const previous = new Map((await db.sessions.toArray()).map((r) => [r.id, r] as const));
    const appRequests = (await db.requests.where('siteId').equals(site.id).toArray()).filter((r) => r.origin === 'app');
    const appIds = new Set(appRequests.map((r) => r.id));
    const decided = new Set([...snapshot.sessions.map((x) => x.id), ...snapshot.rejected.map((x) => x.requestId)]);
    const rows: SessionRow[] = snapshot.sessions.map((session) => {
      const prev = previous.get(session.id);
      return sessionRow({ session, siteId: site.id, previous: prev, slot, mine: appIds.has(session.id), nowMs: Date.now(), arrivalSoc: prev?.arrivalSoc, batteryKWh: prev?.batteryKWh });
    });
    await db.sessions.bulkPut(rows);
    if (record) await db.slotResults.put(slotResultRow({ record, gate, siteId: site.id }));
    const evses = await db.evses.where('siteId').equals(site.id).toArray();
    const pending = appRequests.filter((r) => !decided.has(r.id));
    const statuses = evseStatuses({ evses, snapshot, nowMs, pending });
    await db.evses.bulkPut(evses.map((e) => ({ ...e, status: statuses[e.id] ?? e.status })));
    await issueDueReceipts({ db, site, timeline, nowMs, schedulerAt });
    await db.settings.put({ key: 'demo', value: settings });
  });
}
