import { BaseError } from '../errors';
import { SLOT_MINUTES_ALLOWED, type Timeline } from './timeline';

/**
 * Slot arithmetic and the gate-closure rule. Slot s covers
 * [startMs + s·slotMs, startMs + (s+1)·slotMs); gate closure of slot k is one minute before
 * slot k ends (minute 14 of a 15-min slot, minute 4 of a 5-min slot).
 */

/** Time between gate closure and the end of its slot, ms (the optimizer's last minute). */
export const GATE_LEAD_MS = 60_000;

/** Thrown for a timeline the engine cannot run (slot length not 5/15 min, non-finite start). */
export class TimelineError extends BaseError {
  override name = 'TimelineError';
}

/** Checks a timeline and returns its slot length in ms; throws TimelineError when unusable. */
export function slotMs(timeline: Timeline): number {
  const { startMs, slotMinutes } = timeline;
  if (!(SLOT_MINUTES_ALLOWED as readonly number[]).includes(slotMinutes)) {
    throw new TimelineError(`slotMinutes must be one of ${SLOT_MINUTES_ALLOWED.join(', ')} (got ${slotMinutes})`);
  }
  if (!Number.isFinite(startMs)) throw new TimelineError(`timeline startMs must be a finite epoch ms (got ${startMs})`);
  return slotMinutes * 60_000;
}

/** Slot length in hours (energy kWh = kW × slotHours). */
export function slotHours(timeline: Timeline): number {
  return slotMs(timeline) / 3_600_000;
}

/** Parameters of `slotOfMs`. */
export type SlotOfMsParameters = { timeline: Timeline; ms: number };

/** The absolute slot containing the instant `ms` (UTC epoch ms); may be negative before startMs. */
export function slotOfMs({ timeline, ms }: SlotOfMsParameters): number {
  const len = slotMs(timeline);
  if (!Number.isFinite(ms)) throw new TimelineError(`time must be a finite epoch ms (got ${ms})`);
  return Math.floor((ms - timeline.startMs) / len);
}

/** Parameters of the slot-boundary helpers. */
export type SlotParameters = { timeline: Timeline; slot: number };

/** Start of slot `slot`, UTC epoch ms (inclusive). */
export function slotStartMs({ timeline, slot }: SlotParameters): number {
  return timeline.startMs + slot * slotMs(timeline);
}

/** End of slot `slot`, UTC epoch ms (exclusive; equals the next slot's start). */
export function slotEndMs({ timeline, slot }: SlotParameters): number {
  return timeline.startMs + (slot + 1) * slotMs(timeline);
}

/** Gate closure of slot `slot`: one minute before the slot ends, UTC epoch ms. */
export function gateClosureMs({ timeline, slot }: SlotParameters): number {
  return slotEndMs({ timeline, slot }) - GATE_LEAD_MS;
}

/** Parameters of `gateForRequest`. */
export type GateForRequestParameters = { timeline: Timeline; requestMs: number };

/** Which gate optimizes a request and the first slot it may charge in. */
export type GateForRequestReturnType = {
  /** Slot whose gate closure first sees the request. */
  gateSlot: number;
  /** First slot the request may charge in (gateSlot + 1). */
  firstChargeSlot: number;
  /** True when the request came at or after gate closure of its own slot (it waits one more slot). */
  late: boolean;
};

/**
 * The gate rule: a request strictly before gate closure of its slot k is optimized at gate k and
 * charges from k+1; at or after gate closure it waits for gate k+1 and charges from k+2.
 * @example gateForRequest({ timeline: { startMs: 0, slotMinutes: 15 }, requestMs: 14 * 60_000 - 1 }) // { gateSlot: 0, firstChargeSlot: 1, late: false }
 */
export function gateForRequest({ timeline, requestMs }: GateForRequestParameters): GateForRequestReturnType {
  const k = slotOfMs({ timeline, ms: requestMs });
  const late = requestMs >= gateClosureMs({ timeline, slot: k });
  const gateSlot = late ? k + 1 : k;
  return { gateSlot, firstChargeSlot: gateSlot + 1, late };
}

/** Parameters of `sessionWindow`. */
export type SessionWindowParameters = {
  timeline: Timeline;
  requestMs: number;
  arrivalMs: number;
  departureMs: number;
};

/** Slots a session may charge in: startSlot ≤ s < endSlot (empty when endSlot === startSlot). */
export type SessionWindow = { startSlot: number; endSlot: number };

/**
 * The charging window of a session: from max(first charge slot of its gate, first slot starting at
 * or after arrival) up to the slot containing departure (only slots that end by departure count).
 * endSlot is clamped to ≥ startSlot so the window length is never negative.
 */
export function sessionWindow({ timeline, requestMs, arrivalMs, departureMs }: SessionWindowParameters): SessionWindow {
  const len = slotMs(timeline);
  if (!Number.isFinite(arrivalMs) || !Number.isFinite(departureMs)) {
    throw new TimelineError(`arrival and departure must be finite epoch ms (got ${arrivalMs}, ${departureMs})`);
  }
  const { firstChargeSlot } = gateForRequest({ timeline, requestMs });
  // `|| 0` turns -0 (arrival just before startMs) into 0.
  const firstFullSlot = Math.ceil((arrivalMs - timeline.startMs) / len) || 0;
  const startSlot = Math.max(firstChargeSlot, firstFullSlot);
  const departureSlot = Math.floor((departureMs - timeline.startMs) / len);
  return { startSlot, endSlot: Math.max(startSlot, departureSlot) };
}
