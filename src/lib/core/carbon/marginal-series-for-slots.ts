import type { Timeline } from '../time/timeline';
import { carbonAt, type CarbonSeries } from './carbon-series';

/** A marginal emissions rate on a slot grid (what a site carries for the optimizer). */
export type SlotCarbonSeries = {
  /** UTC epoch ms of `gPerKWh[0]`. */
  startMs: number;
  slotMinutes: number;
  /** g CO2/kWh per slot; null where the signal has no value (JSON has no NaN). */
  gPerKWh: (number | null)[];
  /** e.g. `WattTime CAISO_NORTH`. */
  label: string;
};

/** Parameters of {@link carbonSeriesForSlots}. */
export type CarbonSeriesForSlotsParameters = { series: CarbonSeries; timeline: Timeline; maxSlots?: number };

/**
 * Resamples a carbon series onto the timeline's slot grid, time-weighted over each slot (5-minute
 * WattTime points average into 15-minute slots; hourly values hold over four). Covers the slots from
 * the first point to the last point's end; at most `maxSlots` (default a year of 15-min slots).
 */
export function carbonSeriesForSlots({ series, timeline, maxSlots = 366 * 96 }: CarbonSeriesForSlotsParameters): SlotCarbonSeries {
  const len = timeline.slotMinutes * 60_000;
  const first = series.points[0]?.startMs ?? timeline.startMs;
  const last = (series.points.at(-1)?.startMs ?? first) + series.periodMs;
  const firstSlot = Math.floor((first - timeline.startMs) / len);
  const n = Math.min(maxSlots, Math.max(0, Math.ceil((last - timeline.startMs) / len) - firstSlot));
  const step = Math.max(1, Math.min(series.periodMs, len) / 4);
  const gPerKWh: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const a = timeline.startMs + (firstSlot + i) * len;
    let sum = 0;
    let count = 0;
    for (let t = a + step / 2; t < a + len; t += step) {
      const v = carbonAt({ series, ms: t });
      if (v !== undefined) {
        sum += v;
        count++;
      }
    }
    gPerKWh.push(count > 0 ? sum / count : null);
  }
  return { startMs: timeline.startMs + firstSlot * len, slotMinutes: timeline.slotMinutes, gPerKWh, label: `${series.provider} ${series.zone}` };
}
