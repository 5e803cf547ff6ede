import type { ChargingRequest } from '$lib/core/model/charging-request';
import { replaySessionId, type GreenSlotDb } from './db';

/** Parameters of `loadReplayWindow`. */
export type LoadReplayWindowParameters = {
  db: GreenSlotDb;
  importId: string;
  /** The replay's length, days (replaySettings keeps 7); one day more is read as a margin for its local-midnight start. */
  maxDays?: number;
};

/** Result of `loadReplayWindow`. */
export type LoadReplayWindowReturnType = { requests: ChargingRequest[]; totalCount: number };

/**
 * The stored sessions of one import that a replay can use: those arriving within `maxDays` + 1
 * days of its first arrival. An import of 200k sessions over months stays whole in the database,
 * but only the replay's window is read into the page.
 */
export async function loadReplayWindow({ db, importId, maxDays = 7 }: LoadReplayWindowParameters): Promise<LoadReplayWindowReturnType> {
  const totalCount = await db.replaySessions.where('importId').equals(importId).count();
  const first = await db.replaySessions
    .orderBy('arrivalMs')
    .filter((r) => r.importId === importId)
    .first();
  if (!first) return { requests: [], totalCount };
  const rows = await db.replaySessions
    .where('arrivalMs')
    .between(first.arrivalMs, first.arrivalMs + (maxDays + 1) * 86_400_000, true, false)
    .filter((r) => r.importId === importId)
    .toArray();
  return { requests: rows.map(({ importId: _i, ...r }) => ({ ...r, id: replaySessionId({ importId, id: r.id }) })), totalCount };
}
