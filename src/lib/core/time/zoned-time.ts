import { ValidationError } from '../errors';

/**
 * Wall-clock ↔ UTC conversion for an IANA time zone, using only `Intl` (no tz database in the
 * bundle), so it runs the same in Node, the CLI and a Web Worker. The one rule for times that a
 * zone skips or repeats (RFC 5545's, and Temporal's default `compatible`):
 *
 * - a wall time in the **skipped spring hour** does not exist; it is read with the offset in force
 *   before the clocks changed, i.e. moved forward by the gap (02:30 on a CET→CEST night is
 *   03:30 CEST = 01:30Z), and reported as `dstGap` so a strict reader may refuse it;
 * - a wall time in the **repeated autumn hour** is its earlier occurrence, or the later one when
 *   the earlier is not after `notBeforeMs` (an ordered series listing 02:00…02:45 twice).
 */

/** A local (wall-clock) date and time; month is 1..12. */
export type LocalDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short'
      });
    } catch (cause) {
      throw new ValidationError([{ file: 'input', where: '$.timezone', message: `expected an IANA time zone like Europe/Amsterdam (got ${JSON.stringify(timeZone)})` }], { cause });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Local date/time parts of a UTC instant (epoch ms) in `timeZone`, plus weekday (0 = Sunday). */
export function toLocalDateTime({ ms, timeZone }: { ms: number; timeZone: string }): Required<LocalDateTime> & { weekday: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday)
  };
}

/** Epoch ms of UTC date-time fields; unlike Date.UTC, years 0–99 stay years 0–99. */
export function utcFromFields({ year, month, day, hour, minute, second = 0 }: LocalDateTime): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function exactOffsetMs(timeZone: string, at: number): number {
  const l = toLocalDateTime({ ms: at, timeZone });
  return utcFromFields(l) - Math.floor(at / 1000) * 1000;
}

const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;
// Intl costs microseconds per call and a year-long log asks for the same hours again and again:
// offsets are cached per zone and UTC day when they do not change within the day (all but about
// two days a year), else per quarter hour (every zone in use switches on a quarter hour).
const dayCache = new Map<string, Map<number, number | null>>();
const quarterCache = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 200_000;

function cacheFor<V>(caches: Map<string, Map<number, V>>, timeZone: string): Map<number, V> {
  let cache = caches.get(timeZone);
  if (!cache) caches.set(timeZone, (cache = new Map()));
  if (cache.size > CACHE_LIMIT) cache.clear();
  return cache;
}

/** Offset of local time from UTC at instant `ms` (epoch ms), ms (e.g. +3 600 000 for CET). */
export function zoneOffsetMs({ ms, timeZone }: { ms: number; timeZone: string }): number {
  if (timeZone === 'UTC') return 0;
  const days = cacheFor(dayCache, timeZone);
  const day = Math.floor(ms / DAY_MS);
  let whole = days.get(day);
  if (whole === undefined) {
    const a = exactOffsetMs(timeZone, day * DAY_MS);
    const b = exactOffsetMs(timeZone, (day + 1) * DAY_MS);
    whole = a === b ? a : null;
    days.set(day, whole);
  }
  if (whole !== null) return whole;
  const quarters = cacheFor(quarterCache, timeZone);
  const q = Math.floor(ms / QUARTER_MS);
  let offset = quarters.get(q);
  if (offset === undefined) quarters.set(q, (offset = exactOffsetMs(timeZone, q * QUARTER_MS)));
  return offset;
}

/** A resolved wall time: the UTC instant, and whether it fell in a skipped (spring) hour. */
export type ResolvedLocalTime = { ms: number; dstGap: boolean };

export type LocalToUtcParams = {
  local: LocalDateTime;
  timeZone: string;
  /** In a repeated (autumn) hour, take the later instant when the earlier one is ≤ this (ordered series). */
  notBeforeMs?: number;
};

/** UTC instant of a wall time in `timeZone` by the module's rule, saying whether it was in a DST gap. */
export function resolveLocalTime({ local, timeZone, notBeforeMs = -Infinity }: LocalToUtcParams): ResolvedLocalTime {
  const wallMs = utcFromFields(local);
  if (timeZone === 'UTC') return { ms: wallMs, dstGap: false };
  // A zone changes offset at most once within a day either side of any instant, so the offsets a
  // day before, at, and a day after the wall time cover every candidate.
  const before = zoneOffsetMs({ ms: wallMs - DAY_MS, timeZone });
  const candidates = new Set<number>();
  for (const offset of [before, zoneOffsetMs({ ms: wallMs, timeZone }), zoneOffsetMs({ ms: wallMs + DAY_MS, timeZone })]) {
    const c = wallMs - offset;
    if (c + zoneOffsetMs({ ms: c, timeZone }) === wallMs) candidates.add(c);
  }
  const sorted = [...candidates].sort((a, b) => a - b);
  if (sorted.length === 0) return { ms: wallMs - before, dstGap: true };
  if (sorted.length > 1 && sorted[0] <= notBeforeMs) return { ms: sorted[sorted.length - 1], dstGap: false };
  return { ms: sorted[0], dstGap: false };
}

/**
 * UTC epoch ms of a local wall-clock time in `timeZone` (skipped spring hour → moved forward,
 * repeated autumn hour → the earlier, see the module rule).
 * @example localToUtcMs({ local: { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, timeZone: 'Europe/Amsterdam' }) // 01:30Z
 */
export function localToUtcMs(params: LocalToUtcParams): number {
  return resolveLocalTime(params).ms;
}
