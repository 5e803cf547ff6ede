import type { Timeline } from '../../src/lib/core/time/timeline';

/** A value of a per-slot series, optionally stamped with its time (UTC ms). */
export type SeriesPoint<T> = { ms?: number; value: T };

export type AlignSeriesParams<T> = {
  points: readonly SeriesPoint<T>[];
  timeline: Timeline;
  /** Slots after this one are not needed (the end of the run): later rows are dropped, so a stray far-future row cannot allocate millions of slots. */
  lastSlot: number;
};

/**
 * Turn a loaded series into a profile indexed by absolute slot. Without timestamps row i is slot i
 * (and the profile repeats, so 96 rows at 15 min are a typical day). With timestamps each row
 * lands on the slot containing its time; gaps repeat the previous row, slots before the first row
 * take the first row, and rows before slot 0 or after `lastSlot` are dropped — so a month of data
 * lines up with a replay whatever day the replay starts.
 */
export function alignSeries<T>({ points, timeline, lastSlot: endSlot }: AlignSeriesParams<T>): T[] {
  if (points.length === 0) return [];
  if (points.every((p) => p.ms === undefined)) return points.map((p) => p.value);
  const slotMs = timeline.slotMinutes * 60_000;
  const placed = points
    .map((p) => ({ slot: Math.floor(((p.ms ?? 0) - timeline.startMs) / slotMs), value: p.value }))
    .sort((a, b) => a.slot - b.slot);
  const inRun = placed.filter((p) => p.slot <= endSlot);
  // Every row is after the run: the first of them stands for the whole run.
  if (inRun.length === 0) return [placed[0].value];
  const lastSlot = inRun[inRun.length - 1].slot;
  if (lastSlot < 0) return [inRun[inRun.length - 1].value];
  const out: T[] = new Array(lastSlot + 1);
  let j = 0;
  let current = inRun[0].value;
  for (let s = 0; s <= lastSlot; s++) {
    while (j < inRun.length && inRun[j].slot <= s) current = inRun[j++].value;
    out[s] = current;
  }
  return out;
}
