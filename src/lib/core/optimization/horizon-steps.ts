/**
 * The time steps of a gate's model (issue 11, "aggregate far slots"). Only the first slot of a
 * plan is dispatched and every gate plans again, so the far part of the horizon needs to be
 * roughly right, not slot-exact: with 5-min slots a working day is 100+ columns per session, most
 * of them hours ahead. The near term keeps one step per slot; beyond it steps grow to whole
 * quarter-hours, then hours, aligned to the timeline (slot numbers that are multiples of the step)
 * so consecutive gates see the same far steps.
 */

/** From `afterHours` (counted from the dispatched slot's start) on, steps are `stepMinutes` long. */
export type AggregationTier = { afterHours: number; stepMinutes: number };

/**
 * The model's steps over real slots: step k covers slots `startSlot[k]` ≤ t < `startSlot[k + 1]`
 * (`startSlot` has one more entry than there are steps) and lasts `hours[k]`.
 */
export type HorizonSteps = {
  startSlot: Float64Array;
  hours: Float64Array;
};

/**
 * Default tiers by slot length: 5-min slots stay 5-min for the first hour, then quarter-hours up to
 * 6 h ahead, then hours. 15-min slots are not aggregated (their month-scale targets are met
 * without it, and the app's 15-min plans stay slot-exact).
 */
export function defaultAggregation(slotMinutes: number): AggregationTier[] {
  return slotMinutes < 15
    ? [
        { afterHours: 1, stepMinutes: 15 },
        { afterHours: 6, stepMinutes: 60 }
      ]
    : [];
}

/** Parameters of `horizonSteps`. */
export type HorizonStepsParameters = {
  firstSlot: number;
  /** Exclusive end of the horizon (real slots). */
  horizonEndSlot: number;
  slotMinutes: number;
  /** Tiers in increasing `afterHours`; none = one step per slot. A tier whose step is not a whole number of slots is ignored. */
  tiers?: readonly AggregationTier[];
};

/** One step per slot in the near term, coarser steps beyond it (see `AggregationTier`); the first slot is always a step of its own. */
export function horizonSteps({ firstSlot, horizonEndSlot, slotMinutes, tiers = [] }: HorizonStepsParameters): HorizonSteps {
  const h = slotMinutes / 60;
  const usable = tiers
    .filter((t) => Number.isFinite(t.afterHours) && t.afterHours >= 0 && t.stepMinutes > slotMinutes && t.stepMinutes % slotMinutes === 0)
    .sort((a, b) => a.afterHours - b.afterHours);
  const starts: number[] = [firstSlot];
  let t = firstSlot;
  while (t < horizonEndSlot) {
    const offsetHours = (t - firstSlot) * h;
    let n = 1;
    // The dispatched slot is always a step of its own: its setpoint is the plan's first slot.
    if (t > firstSlot) for (const tier of usable) if (offsetHours >= tier.afterHours - 1e-9) n = tier.stepMinutes / slotMinutes;
    // The next multiple of n after t: a partial first step lines the rest up with the timeline.
    const next = n <= 1 ? t + 1 : Math.floor(t / n) * n + n;
    t = Math.min(next, horizonEndSlot);
    starts.push(t);
  }
  const startSlot = Float64Array.from(starts);
  const hours = new Float64Array(starts.length - 1);
  for (let k = 0; k < hours.length; k++) hours[k] = (startSlot[k + 1] - startSlot[k]) * h;
  return { startSlot, hours };
}

/** One step per slot from `firstSlot` to `horizonEndSlot` (no aggregation). */
export function slotSteps({ firstSlot, horizonEndSlot, slotMinutes }: Omit<HorizonStepsParameters, 'tiers'>): HorizonSteps {
  return horizonSteps({ firstSlot, horizonEndSlot, slotMinutes });
}
