import { SOURCES, type Source, type SourceMix } from '../energy/sources';
import type { Timeline } from '../time/timeline';

/**
 * Longest generation series one import may span: 25 years (877,000 quarter hours; a 20-year,
 * 50 MB quarter-hour export imports), so one stray date (2012 … 2099) cannot make millions more.
 */
export const MAX_GENERATION_SPAN_MS = 9150 * 86_400_000;

/** Generation by source over consecutive intervals (what every importer produces before resampling). */
export type GenerationSeries = {
  /** Interval starts, UTC ms, strictly increasing. */
  startsMs: number[];
  /** Interval ends, UTC ms (> start, ≤ next start). */
  endsMs: number[];
  /** Average power per source over each interval, MW (any unit works: only shares are used). */
  mwBySource: Partial<Record<Source, number[]>>;
};

/** Per-slot grid mix on a timeline. */
export type SlotMixSeries = {
  timeline: Timeline;
  /** One mix per slot from slot 0 (shares summing to 1). */
  mixes: SourceMix[];
  /** Average generation over the covered part of each slot, all mapped sources, MW. */
  generationMw: number[];
  /** Slots with no data (or zero generation): they repeat the previous slot's mix. */
  gapSlots: number[];
};

/**
 * Resamples a generation series to slots by energy-weighted averaging: hourly data held over four
 * 15-min slots, 15-min data kept as is, 5-min data averaged into 15-min slots, 15-min data held
 * over three 5-min slots. The timeline starts at `startMs` (default: the first interval's start,
 * floored to the slot grid) and runs to `endMs` (default: the last interval's end).
 */
export function resampleMixToSlots({
  series,
  slotMinutes = 15,
  startMs,
  endMs
}: {
  series: GenerationSeries;
  slotMinutes?: number;
  startMs?: number;
  endMs?: number;
}): SlotMixSeries {
  const slotMs = slotMinutes * 60_000;
  const { startsMs, endsMs } = series;
  const n = startsMs.length;
  const from = startMs ?? (n ? Math.floor(startsMs[0] / slotMs) * slotMs : 0);
  const to = endMs ?? (n ? endsMs[n - 1] : from);
  const slots = Math.max(0, Math.ceil((to - from) / slotMs));
  const used = SOURCES.filter((s) => series.mwBySource[s] !== undefined);
  const cols = used.map((s) => series.mwBySource[s]!);
  const mixes: SourceMix[] = new Array(slots);
  const generationMw: number[] = new Array(slots);
  const gapSlots: number[] = [];
  const acc = new Float64Array(used.length);
  let i = 0;
  let prev: SourceMix = {};
  for (let s = 0; s < slots; s++) {
    const a = from + s * slotMs;
    const b = a + slotMs;
    acc.fill(0);
    while (i < n && endsMs[i] <= a) i++;
    let total = 0;
    let coveredMs = 0;
    for (let j = i; j < n && startsMs[j] < b; j++) {
      const overlap = Math.min(endsMs[j], b) - Math.max(startsMs[j], a);
      if (overlap <= 0) continue;
      coveredMs += overlap;
      for (let k = 0; k < cols.length; k++) {
        const e = cols[k][j] * overlap;
        acc[k] += e;
        total += e;
      }
    }
    if (total > 0) {
      const mix: SourceMix = {};
      for (let k = 0; k < cols.length; k++) if (acc[k] > 0) mix[used[k]] = acc[k] / total;
      mixes[s] = mix;
      prev = mix;
      generationMw[s] = total / coveredMs;
    } else {
      mixes[s] = prev;
      generationMw[s] = 0;
      gapSlots.push(s);
    }
  }
  return { timeline: { startMs: from, slotMinutes }, mixes, generationMw, gapSlots };
}
