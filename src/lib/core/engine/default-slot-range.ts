import type { ChargingRequest } from '../model/charging-request';
import { gateForRequest, sessionWindow } from '../time/gates';
import type { Timeline } from '../time/timeline';
import { requestProblem } from './admission-desk';

/** Parameters of `defaultSlotRange`. */
export type DefaultSlotRangeParameters = { timeline: Timeline; requests: readonly ChargingRequest[] };

/** Slots an engine runs by default: [startSlot, endSlot). */
export type SlotRange = { startSlot: number; endSlot: number };

/**
 * The slots a run covers when not told: from slot 0 when the first request's first charge slot
 * falls within the timeline's first day (so a day view starts at its midnight), else from that
 * first charge slot (a timeline starting long before the data does not run empty slots); never
 * later than any request's first charge slot, so no request is seen after its own gate. It ends at
 * the latest end slot of any usable request (and past every request's gate).
 */
export function defaultSlotRange({ timeline, requests }: DefaultSlotRangeParameters): SlotRange {
  let earliest = Infinity;
  let endSlot = -Infinity;
  for (const r of requests) {
    if (requestProblem(r)) continue;
    const { firstChargeSlot } = gateForRequest({ timeline, requestMs: r.requestMs });
    earliest = Math.min(earliest, firstChargeSlot);
    // Run at least through the slot after its gate, so even a request with an empty window gets decided.
    const window = sessionWindow({ timeline, requestMs: r.requestMs, arrivalMs: r.arrivalMs, departureMs: r.departureMs });
    endSlot = Math.max(endSlot, window.endSlot, firstChargeSlot + 1);
  }
  if (!Number.isFinite(earliest)) return { startSlot: 0, endSlot: 0 };
  const slotsPerDay = (24 * 60) / timeline.slotMinutes;
  const startSlot = earliest >= 0 && earliest <= slotsPerDay ? 0 : earliest;
  return { startSlot, endSlot: Math.max(startSlot, endSlot) };
}
