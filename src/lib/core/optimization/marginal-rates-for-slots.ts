import type { MarginalCo2Series } from '../grid/site';
import type { Timeline } from '../time/timeline';

/** Parameters of {@link marginalRatesForSlots}. */
export type MarginalRatesForSlotsParameters = { series: MarginalCo2Series; timeline: Timeline; slots: readonly number[] };

/**
 * The marginal rate of each slot, g/kWh (NaN where the series has no value): the series entry that
 * contains the slot's midpoint, so a series on another slot grid still lands at its real time.
 */
export function marginalRatesForSlots({ series, timeline, slots }: MarginalRatesForSlotsParameters): number[] {
  const slotMs = timeline.slotMinutes * 60_000;
  const len = series.slotMinutes * 60_000;
  return slots.map((slot) => {
    const mid = timeline.startMs + slot * slotMs + slotMs / 2;
    const i = Math.floor((mid - series.startMs) / len);
    const v = i >= 0 && i < series.gPerKWh.length ? series.gPerKWh[i] : null;
    return v === null || v === undefined ? NaN : v;
  });
}
