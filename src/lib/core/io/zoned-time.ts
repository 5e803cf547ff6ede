import { ValidationError } from '../errors';

/**
 * Wall-clock ↔ UTC conversion for an IANA time zone, using only `Intl` (no tz database in the
 * bundle), so it runs the same in Node, the CLI and a Web Worker. Replay logs (Trondheim, Boulder)
 * carry local times, and the simulation's arrival profiles are local times of day.
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

/** Local date/time parts of a UTC instant in `timeZone`, plus weekday (0 = Sunday). */
export function toLocalDateTime({ ms, timeZone }: { ms: number; timeZone: string }): Required<LocalDateTime> & { weekday: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday)
  };
}

const QUARTER_MS = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * Offset of local time from UTC at instant `ms`, ms (e.g. +3 600 000 for CET in winter). Cached
 * per 15-minute bucket: every modern zone changes offset only at UTC instants that are whole
 * quarter hours, and replaying a log asks for the same hours thousands of times.
 */
export function zoneOffsetMs({ ms, timeZone }: { ms: number; timeZone: string }): number {
  const bucket = Math.floor(ms / QUARTER_MS);
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const at = bucket * QUARTER_MS;
  const l = toLocalDateTime({ ms: at, timeZone });
  const offset = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - at;
  if (cache.size > 200_000) cache.clear();
  cache.set(bucket, offset);
  return offset;
}

/**
 * UTC epoch ms of a local wall-clock time in `timeZone`. In a DST gap the time is read with the
 * offset before the gap (so 02:30 on a spring-forward night becomes 03:30 local); in a DST overlap
 * the earlier instant is returned.
 */
export function localToUtcMs({ local, timeZone }: { local: LocalDateTime; timeZone: string }): number {
  const { year, month, day, hour, minute, second = 0 } = local;
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - zoneOffsetMs({ ms: guess, timeZone });
  const settled = guess - zoneOffsetMs({ ms: first, timeZone });
  // Away from a transition (same offset 3 h either side) the two-pass answer is exact.
  const before = zoneOffsetMs({ ms: settled - 10_800_000, timeZone });
  const after = zoneOffsetMs({ ms: settled + 10_800_000, timeZone });
  if (before === after && guess - before === settled) return settled;
  // Near a DST change: try both offsets; keep the earlier valid reading (overlap), else the
  // offset from before the change (gap).
  const candidates = [guess - before, guess - after].filter((t) => guess - zoneOffsetMs({ ms: t, timeZone }) === t);
  return candidates.length > 0 ? Math.min(...candidates) : guess - before;
}
