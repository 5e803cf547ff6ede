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

/** Offset of local time from UTC at instant `ms`, ms (e.g. +3 600 000 for CET in winter). */
export function zoneOffsetMs({ ms, timeZone }: { ms: number; timeZone: string }): number {
  const l = toLocalDateTime({ ms, timeZone });
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  // Intl drops milliseconds; compare at whole-second precision.
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
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
  const second_ = guess - zoneOffsetMs({ ms: first, timeZone });
  // Two passes settle everywhere except inside a DST overlap/gap; prefer the earlier instant there.
  const alt = guess - zoneOffsetMs({ ms: first - 3_600_000, timeZone });
  const candidates = [first, second_, alt].filter((t) => {
    const l = toLocalDateTime({ ms: t, timeZone });
    return l.year === year && l.month === month && l.day === day && l.hour === hour && l.minute === minute;
  });
  return candidates.length > 0 ? Math.min(...candidates) : second_;
}
