/**
 * Local wall-clock time in an IANA zone → UTC epoch ms, with Intl only (no tz library).
 * DST gaps (a spring-forward hour that does not exist) give `null`; DST overlaps (the repeated
 * autumn hour) are resolved by `notBeforeMs`: the earlier instant unless it would not move time
 * forward, so a local-time series that lists 02:00, 02:15, …, 02:45 twice lands on distinct instants.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
// Offsets change at most a few times a year: cache per zone and UTC hour so a 50 MB file costs
// a handful of Intl calls per distinct hour, not per row.
const offsetCache = new Map<string, number>();

/** Offset of `zone` from UTC at instant `utcMs`, ms (e.g. +7 200 000 for CEST). */
export function zoneOffsetMs({ timeZone, utcMs }: { timeZone: string; utcMs: number }): number {
  if (timeZone === 'UTC') return 0;
  // Offsets are whole quarter hours in every zone in use, so a 15-minute bucket is exact.
  const bucket = Math.floor(utcMs / 900_000);
  const key = `${timeZone}|${bucket}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
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
  const at = bucket * 900_000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  const offset = wall - at;
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
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
