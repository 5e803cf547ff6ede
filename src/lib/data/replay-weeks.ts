import { localToUtcMs, toLocalDateTime } from '$lib/core/io/zoned-time';

/** One week of a session log and how many sessions arrive in it. */
export type ReplayWeek = { startMs: number; count: number };

/** Local midnight, `days` days after the local day of `ms`, in `timeZone` (DST-safe: counted in calendar days). */
export function localMidnightMs({ ms, days = 0, timeZone }: { ms: number; days?: number; timeZone: string }): number {
  const l = toLocalDateTime({ ms, timeZone });
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
  return localToUtcMs({ local: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }, timeZone });
}

/**
 * Sessions per week of a log, weeks starting at the local midnight (in the log's own zone) of its
 * first arrival day; empty weeks are kept, so week k starts k·7 local days after the first. For
 * the replay-window chooser: "week from 2018-07-02 · 412 sessions".
 */
export function replayWeeks({ arrivalsMs, timeZone = 'UTC' }: { arrivalsMs: Iterable<number>; timeZone?: string }): ReplayWeek[] {
  let first = Infinity;
  let last = -Infinity;
  const all: number[] = [];
  for (const ms of arrivalsMs) {
    all.push(ms);
    if (ms < first) first = ms;
    if (ms > last) last = ms;
  }
  if (all.length === 0) return [];
  const starts: number[] = [];
  for (let k = 0; ; k++) {
    const start = localMidnightMs({ ms: first, days: 7 * k, timeZone });
    if (start > last) break;
    starts.push(start);
  }
  const counts = new Array<number>(starts.length).fill(0);
  for (const ms of all) {
    // Binary search: the last week starting at or before ms.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= ms) lo = mid;
      else hi = mid - 1;
    }
    counts[lo] += 1;
  }
  return starts.map((startMs, i) => ({ startMs, count: counts[i] }));
}
