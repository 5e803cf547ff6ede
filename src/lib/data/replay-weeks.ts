import { localToUtcMs, toLocalDateTime, zoneOffsetMs } from '$lib/core/time/zoned-time';

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
 * first arrival day, so week k starts k·7 local days after it; only weeks with sessions are listed
 * (a log with one bogus far-future date stays two entries, not thousands). For the replay-window
 * chooser: "week from 2018-07-02 · 412 sessions".
 */
export function replayWeeks({ arrivalsMs, timeZone = 'UTC' }: { arrivalsMs: Iterable<number>; timeZone?: string }): ReplayWeek[] {
  // Local day numbers through the zone offset (cached per quarter hour): one Intl call per 15 min of log, not per session.
  const localDay = (ms: number) => Math.floor((ms + zoneOffsetMs({ ms, timeZone })) / 86_400_000);
  let first = Infinity;
  const days: number[] = [];
  for (const ms of arrivalsMs) {
    if (!Number.isFinite(ms)) continue;
    days.push(localDay(ms));
    if (ms < first) first = ms;
  }
  if (days.length === 0) return [];
  const firstDay = localDay(first);
  const counts = new Map<number, number>();
  for (const d of days) {
    const week = Math.floor((d - firstDay) / 7);
    counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([week, count]) => ({ startMs: localMidnightMs({ ms: first, days: 7 * week, timeZone }), count }));
}
