import { toLocalDateTime, localToUtcMs } from '$lib/core/time/zoned-time';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import { replaySessionId, type GreenSlotDb } from './db';
import type { ImportReport } from './import-report';
import { replayWeeks, type ReplayWeek } from './replay-weeks';

/** Parameters of `loadReplayWindow`. */
export type LoadReplayWindowParameters = {
  db: GreenSlotDb;
  importId: string;
  /** Start of the window (a week start from `replayWeeksOf`), epoch ms; default the first arrival. */
  fromMs?: number;
  /** The window's length, days (a replay runs at most 7). */
  days?: number;
  /**
   * The demo site's zone: the log's times of day are kept on the site's clock (a Boulder 18:00
   * arrival replays at 18:00 on a Dutch site), when the import knows its log's zone.
   */
  siteTimezone?: string;
};

/** Result of `loadReplayWindow`. */
export type LoadReplayWindowReturnType = {
  requests: ChargingRequest[];
  /** Sessions of the whole import. */
  totalCount: number;
  /** The log's own zone, when known; requests were moved onto the site's clock from it. */
  logTimezone?: string;
};

/**
 * The stored sessions of one import that arrive in [fromMs, fromMs + days): an import of 200k
 * sessions over months stays whole in the database, and only the chosen week is read into the page.
 * When the log's zone and the site's differ, each session keeps its local wall-clock arrival (and
 * its durations) on the site's clock.
 */
export async function loadReplayWindow({ db, importId, fromMs, days = 7, siteTimezone }: LoadReplayWindowParameters): Promise<LoadReplayWindowReturnType> {
  const report = (await db.imports.get(importId)) as ImportReport | undefined;
  const totalCount = await db.replaySessions.where('importId').equals(importId).count();
  let start = fromMs;
  if (start === undefined) {
    const first = await db.replaySessions
      .orderBy('arrivalMs')
      .filter((r) => r.importId === importId)
      .first();
    if (!first) return withZone({ requests: [], totalCount }, report?.logTimezone);
    start = first.arrivalMs;
  }
  const rows = await db.replaySessions
    .where('arrivalMs')
    .between(start, start + days * 86_400_000, true, false)
    .filter((r) => r.importId === importId)
    .toArray();
  const logTimezone = report?.logTimezone;
  const shift = logTimezone && siteTimezone && logTimezone !== siteTimezone ? (ms: number) => onSiteClock({ ms, from: logTimezone, to: siteTimezone }) : undefined;
  const requests = rows.map(({ importId: _i, ...r }): ChargingRequest => {
    const request = { ...r, id: replaySessionId({ importId, id: r.id }) };
    if (!shift) return request;
    const delta = shift(r.arrivalMs) - r.arrivalMs;
    return { ...request, requestMs: r.requestMs + delta, arrivalMs: r.arrivalMs + delta, departureMs: r.departureMs + delta };
  });
  return withZone({ requests, totalCount }, logTimezone);
}

/** The import's weeks with their session counts (stored at import; counted from the rows for older imports). */
export async function replayWeeksOf({ db, importId }: { db: GreenSlotDb; importId: string }): Promise<ReplayWeek[]> {
  const report = (await db.imports.get(importId)) as ImportReport | undefined;
  if (report?.replayWeeks) return report.replayWeeks;
  const arrivals: number[] = [];
  await db.replaySessions.where('importId').equals(importId).each((r) => void arrivals.push(r.arrivalMs));
  return replayWeeks({ arrivalsMs: arrivals, timeZone: report?.logTimezone });
}

function withZone(r: LoadReplayWindowReturnType, logTimezone: string | undefined): LoadReplayWindowReturnType {
  return logTimezone ? { ...r, logTimezone } : r;
}

// The instant that shows, in `to`, the wall-clock time that `ms` shows in `from`.
function onSiteClock({ ms, from, to }: { ms: number; from: string; to: string }): number {
  const l = toLocalDateTime({ ms, timeZone: from });
  return localToUtcMs({ local: { year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second }, timeZone: to }) + (ms % 1000);
}
