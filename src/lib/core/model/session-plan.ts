/** Per-session plan from `firstSlot` to the session's `endSlot`. */
export type SessionPlan = {
  sessionId: string;
  evseId: string;
  /** Planned power, kW; index 0 is `firstSlot`. */
  kw: number[];
  /** Energy the plan delivers, kWh. */
  plannedKWh: number;
  /** Energy the plan leaves undelivered, kWh (0 when the request is met). */
  shortfallKWh: number;
  /** Slot in which the plan completes the request, or null if it does not. */
  expectedFinishSlot: number | null;
  /** Expected green share of the planned energy, 0..1. */
  expectedGreenShare: number;
};
