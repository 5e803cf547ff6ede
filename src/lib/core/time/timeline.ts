/**
 * The slot timeline. Time runs in slots of `slotMinutes` (15 by default, 5 for comparisons).
 * Slot 0 starts at `startMs` (UTC epoch ms). Every per-slot quantity in core is indexed by this
 * absolute slot number.
 */
export type Timeline = {
  /** UTC epoch milliseconds at which slot 0 starts. */
  startMs: number;
  /** Slot length in minutes (15 default; 5 allowed). */
  slotMinutes: number;
};

/** Slot lengths the engine accepts. */
export const SLOT_MINUTES_ALLOWED = [5, 15] as const;
