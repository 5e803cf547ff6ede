import type { ChargingRequest } from '../simulation/request';
import { gateForRequest, sessionWindow } from '../time/gates';
import type { Timeline } from '../time/timeline';
import { requestProblem } from './admission-desk';

/** Parameters of `defaultSlotRange`. */
export type DefaultSlotRangeParameters = { timeline: Timeline; requests: readonly ChargingRequest[] };

/** Slots an engine runs by default: [startSlot, endSlot). */
export type SlotRange = { startSlot: number; endSlot: number };

/**
 * The slots a run covers when not told: from min(0, the earliest first charge slot) — so a day
 * timeline starts at its slot 0 and no request is seen later than its own gate — to the latest
 * end slot of any usable request.
 */
export function defaultSlotRange({ timeline, requests }: DefaultSlotRangeParameters): SlotRange {
  let startSlot = 0;
  let endSlot = -Infinity;
  for (const r of requests) {
    if (requestProblem(r)) continue;
    const { firstChargeSlot } = gateForRequest({ timeline, requestMs: r.requestMs });
    startSlot = Math.min(startSlot, firstChargeSlot);
    // Run at least through the slot after its gate, so even a request with an empty window gets decided.
    const window = sessionWindow({ timeline, requestMs: r.requestMs, arrivalMs: r.arrivalMs, departureMs: r.departureMs });
    endSlot = Math.max(endSlot, window.endSlot, firstChargeSlot + 1);
  }
  return { startSlot, endSlot: Math.max(startSlot, Number.isFinite(endSlot) ? endSlot : startSlot) };
}
