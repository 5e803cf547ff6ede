/**
 * Local wall-clock time in an IANA zone → UTC epoch ms, with Intl only (no tz library).
 * DST gaps (a spring-forward hour that does not exist) give `null`; DST overlaps (the repeated
 * autumn hour) are resolved by `notBeforeMs`: the earlier instant unless it would not move time
 * forward, so a local-time series that lists 02:00, 02:15, …, 02:45 twice lands on distinct instants.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
// Intl is slow (µs per call) and a 50 MB file has ~650k rows: offsets are cached per zone and UTC
// day when they do not change within the day (all but two days a year), else per quarter hour.
const dayCache = new Map<string, Map<number, number | null>>();
const quarterCache = new Map<string, Map<number, number>>();
const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;

/** Offset of `zone` from UTC at instant `utcMs`, ms (e.g. +7 200 000 for CEST). */
export function zoneOffsetMs({ timeZone, utcMs }: { timeZone: string; utcMs: number }): number {
  if (timeZone === 'UTC') return 0;
  let days = dayCache.get(timeZone);
  if (!days) dayCache.set(timeZone, (days = new Map()));
  const day = Math.floor(utcMs / DAY_MS);
  let whole = days.get(day);
  if (whole === undefined) {
    const a = exactOffsetMs(timeZone, day * DAY_MS);
    const b = exactOffsetMs(timeZone, (day + 1) * DAY_MS);
    whole = a === b ? a : null;
    days.set(day, whole);
  }
  if (whole !== null) return whole;
  // Offsets are whole quarter hours in every zone in use, and switch on a quarter hour.
  let quarters = quarterCache.get(timeZone);
  if (!quarters) quarterCache.set(timeZone, (quarters = new Map()));
  const q = Math.floor(utcMs / QUARTER_MS);
  let off = quarters.get(q);
  if (off === undefined) quarters.set(q, (off = exactOffsetMs(timeZone, q * QUARTER_MS)));
  return off;
}

function exactOffsetMs(timeZone: string, at: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric'
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at;
}

/** Wall-clock fields of a local time (month 1..12). */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second?: number };

/**
 * UTC epoch ms of a local wall time in `timeZone`, or null when that time does not exist there.
 * @example zonedTimeToUtcMs({ wall: { year: 2023, month: 10, day: 29, hour: 2, minute: 30 }, timeZone: 'Europe/Berlin' }) // 00:30Z (CEST)
 */
export function zonedTimeToUtcMs({
  wall,
  timeZone,
  notBeforeMs = -Infinity
}: {
  wall: WallTime;
  timeZone: string;
  /** Pick the later of two candidates when the earlier one is ≤ this (ordered series). */
  notBeforeMs?: number;
}): number | null {
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  if (timeZone === 'UTC') return wallMs;
  const candidates = new Set<number>();
  for (const probe of [wallMs - 86_400_000, wallMs, wallMs + 86_400_000]) {
    const c = wallMs - zoneOffsetMs({ timeZone, utcMs: probe });
    if (c + zoneOffsetMs({ timeZone, utcMs: c }) === wallMs) candidates.add(c);
  }
  const sorted = [...candidates].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  if (sorted.length > 1 && sorted[0] <= notBeforeMs) return sorted[sorted.length - 1];
  return sorted[0];
}
