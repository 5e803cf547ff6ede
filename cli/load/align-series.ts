import type { Timeline } from '../../src/lib/core/time/timeline';

/** A value of a per-slot series, optionally stamped with its time (UTC ms). */
export type SeriesPoint<T> = { ms?: number; value: T };

export type AlignSeriesParams<T> = { points: readonly SeriesPoint<T>[]; timeline: Timeline };

/**
 * Turn a loaded series into a profile indexed by absolute slot. Without timestamps row i is slot i
 * (and the profile repeats, so 96 rows at 15 min are a typical day). With timestamps each row
 * lands on the slot containing its time; gaps repeat the previous row, slots before the first row
 * take the first row, and rows before slot 0 are dropped — so a month of data lines up with a
 * replay whatever day the replay starts.
 */
export function alignSeries<T>({ points, timeline }: AlignSeriesParams<T>): T[] {
  if (points.length === 0) return [];
  if (points.every((p) => p.ms === undefined)) return points.map((p) => p.value);
  const slotMs = timeline.slotMinutes * 60_000;
  const placed = points
    .map((p) => ({ slot: Math.floor(((p.ms ?? 0) - timeline.startMs) / slotMs), value: p.value }))
    .sort((a, b) => a.slot - b.slot);
  const lastSlot = placed[placed.length - 1].slot;
  if (lastSlot < 0) return [placed[placed.length - 1].value];
  const out: T[] = new Array(lastSlot + 1);
  let j = 0;
  let current = placed[0].value;
  for (let s = 0; s <= lastSlot; s++) {
    while (j < placed.length && placed[j].slot <= s) current = placed[j++].value;
    out[s] = current;
  }
  return out;
}

/** Parse a timestamp cell: ISO 8601 (UTC unless it carries an offset), epoch ms, or epoch s. */
export function parseTimestamp(cell: string): number | undefined {
  const trimmed = cell.trim();
  if (trimmed === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    // Below 1e11 a number is seconds (1e11 s is year 5138; 1e11 ms is 1973).
    return n < 1e11 ? n * 1000 : n;
  }
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed);
  const ms = Date.parse(hasZone ? trimmed : `${trimmed.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
