import type { Timeline } from '$lib/core/time/timeline';
import { slotHours, slotOfMs, slotStartMs } from '$lib/core/time/gates';
import type { SessionRow, SessionStatus } from './db';
import { finishedSlotOf } from './issue-receipts';

/**
 * What a driver's session has really done by now. The engine books a slot at its gate, one minute
 * BEFORE the slot starts; the stored row therefore runs ahead of the clock. A person reads only the
 * slots that have run: delivered and green energy count executed slots, and the session is
 * finished only once its last booked slot is over.
 */
export type SessionProgress = {
  status: SessionStatus;
  /** Energy of the slots that have run, kWh. */
  deliveredKWh: number;
  /** Of which green, kWh. */
  greenKWh: number;
  /** End of the last slot counted, epoch ms (slots before it have run). */
  throughMs: number;
  /** Power in the slot running now, kW (0 outside the window). */
  kwNow: number;
  /** When the session is (or will be) over: end of its last booked slot, epoch ms; null while open. */
  overMs: number | null;
  /** Share of the whole session's cost that has run (0..1), to show "cost so far". */
  ranShare: number;
};

/** Parameters of `sessionProgress`. */
export type SessionProgressParameters = { row: SessionRow; timeline: Timeline; nowMs: number };

/** The session as of `nowMs` (see SessionProgress). */
export function sessionProgress({ row, timeline, nowMs }: SessionProgressParameters): SessionProgress {
  const h = slotHours(timeline);
  const current = slotOfMs({ timeline, ms: nowMs });
  const lastSlot = row.status === 'finished' ? finishedSlotOf(row) : null;
  const overMs = lastSlot === null ? null : slotStartMs({ timeline, slot: lastSlot + 1 });
  if (overMs !== null && overMs <= nowMs) {
    return { status: 'finished', deliveredKWh: row.deliveredKWh, greenKWh: row.greenKWh, throughMs: overMs, kwNow: 0, overMs, ranShare: 1 };
  }
  let deliveredKWh = 0;
  let greenKWh = 0;
  for (const [slot, kw] of Object.entries(row.kwBySlot)) if (Number(slot) < current) deliveredKWh += kw * h;
  for (const [slot, kWh] of Object.entries(row.greenKWhBySlot)) if (Number(slot) < current) greenKWh += kWh;
  // Rounding of kW × h against the engine's kWh: never show more than it booked.
  deliveredKWh = Math.min(deliveredKWh, row.deliveredKWh);
  greenKWh = Math.min(greenKWh, row.greenKWh, deliveredKWh);
  const kwNow = row.kwBySlot[current] ?? 0;
  let status: SessionStatus;
  if (row.status === 'waiting' || current < row.startSlot) status = 'waiting';
  else status = kwNow > 0 ? 'charging' : 'paused';
  return {
    status,
    deliveredKWh,
    greenKWh,
    throughMs: slotStartMs({ timeline, slot: Math.max(row.startSlot, current) }),
    kwNow,
    overMs,
    ranShare: row.deliveredKWh > 0 ? deliveredKWh / row.deliveredKWh : 0
  };
}
