import { resolveLocalTime, utcFromFields, type LocalDateTime } from './zoned-time';

/**
 * The one timestamp reader of core and the CLI (session logs, generation and PV files, command-line
 * dates). It reads:
 * - ISO 8601: `2019-03-01`, `2019-03-01T06:00`, `2019-03-01 06:00:30.5`, with `Z` or an offset
 *   (`+01:00`, `+0100`, `+01`) = absolute, without = local in `timeZone`;
 * - RFC 1123 GMT, ACN-Data's format: `Wed, 25 Apr 2018 11:08:04 GMT`;
 * - German dotted `01.07.2023 00:00` (ENTSO-E, SMARD), optionally tagged `(CET)`/`(CEST)`;
 * - a custom `pattern` with tokens YYYY MM DD HH mm ss (e.g. `DD.MM.YYYY HH:mm`), local in `timeZone`;
 * - epoch numbers: `epoch: 'auto'` reads |n| < 1e11 as seconds (1e11 s is the year 5138, 1e11 ms
 *   is 1973), else ms; `'s'` / `'ms'` force the unit; `'none'` refuses numbers.
 * Fields are checked, not rolled over: 2026-02-30 and 25:00 are errors. Local times follow the
 * DST rule of `zoned-time.ts` (skipped hour → moved forward and flagged, repeated hour → earlier
 * unless `notBeforeMs`). Instants beyond ±8.64e15 ms (what a JS Date can hold) are errors.
 */
export type ParseTimestampParams = {
  text: unknown;
  /** Zone of times without an offset (default UTC). */
  timeZone?: string;
  /** How bare numbers are read (default auto). */
  epoch?: 'auto' | 's' | 'ms' | 'none';
  /** A local pattern instead of the built-in formats. */
  pattern?: string;
  /** Ordered series: in a repeated autumn hour take the later instant when the earlier is ≤ this. */
  notBeforeMs?: number;
  /** Refuse wall times without `Z`/offset/GMT (formats whose times are always absolute, e.g. ACN-Data). */
  requireZone?: boolean;
};

/** A read timestamp (UTC epoch ms, and whether a local time fell in a skipped DST hour), or why not. */
export type TimestampResult = { ms: number; dstGap?: true } | { error: string };

/** The largest |epoch ms| a JS Date can hold (±100,000,000 days around 1970). */
export const MAX_DATE_MS = 8.64e15;

// A zone only after a time of day: "2019-03-01-05" is not a date with offset −05.
const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC1123 = /^(?:(?:mon|tue|wed|thu|fri|sat|sun),\s*)?(\d{1,2}) ([a-z]{3}) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? (?:GMT|UTC|Z)$/i;
const DOTTED = /^(\d\d?)\.(\d\d?)\.(\d{4})(?:[ T]+(\d\d?):(\d\d)(?::(\d\d))?)?\s*(?:\((CET|CEST|MEZ|MESZ|UTC)\))?$/i;
const ZONE_MINUTES: Record<string, number> = { CET: 60, MEZ: 60, CEST: 120, MESZ: 120, UTC: 0 };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const EXPECTED = 'expected ISO 8601 like 2019-03-01T06:00Z, RFC 1123 like "Wed, 25 Apr 2018 11:08:04 GMT", dd.mm.yyyy HH:MM, or epoch seconds/ms';

type Fields = LocalDateTime & { second: number; fraction: number };

/** Why the fields are not a real date-time, or undefined when they are (no roll-over of Feb 30, 25:00). */
function fieldProblem({ year, month, day, hour, minute, second }: Fields): string | undefined {
  if (month < 1 || month > 12) return `month ${month} is not 1–12`;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day < 1 || day > days) return `day ${day} does not exist in ${MONTHS[month - 1][0].toUpperCase()}${MONTHS[month - 1].slice(1)} ${year}`;
  if (hour > 24 || (hour === 24 && (minute > 0 || second > 0))) return `hour ${hour} is not 0–23`;
  if (minute > 59) return `minute ${minute} is not 0–59`;
  if (second > 59) return `second ${second} is not 0–59`;
  return undefined;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function checkedMs(ms: number, text: string): TimestampResult {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return { error: `"${text}" is out of range (beyond ±${MAX_DATE_MS} ms, the year ±275,000)` };
  return { ms };
}

/** Build the instant from checked fields: with an offset (minutes east of UTC) absolute, else local in `timeZone`. */
function fromFields(f: Fields, text: string, offsetMin: number | undefined, timeZone: string | null, notBeforeMs: number | undefined): TimestampResult {
  const problem = fieldProblem(f);
  if (problem) return { error: `"${text}" is not a valid date-time (${problem})` };
  if (offsetMin === undefined && timeZone === null) return { error: `"${text}" has no time zone (expected e.g. "Wed, 25 Apr 2018 11:08:04 GMT" or 2018-04-25T11:08:04Z)` };
  const fractionMs = Math.round(f.fraction * 1000);
  if (offsetMin !== undefined) return checkedMs(utcFromFields(f) - offsetMin * 60_000 + fractionMs, text);
  const r = resolveLocalTime({ local: f, timeZone: timeZone ?? 'UTC', notBeforeMs });
  const out = checkedMs(r.ms + fractionMs, text);
  return r.dstGap && 'ms' in out ? { ms: out.ms, dstGap: true } : out;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone[0] === '-' ? -minutes : minutes;
}

const patternCache = new Map<string, { re: RegExp; order: string[] }>();

function compilePattern(pattern: string): { re: RegExp; order: string[] } {
  let hit = patternCache.get(pattern);
  if (!hit) {
    const order: string[] = [];
    const source = pattern.replace(/YYYY|MM|DD|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (t) => {
      if (t.length === 1) return `\\${t}`;
      order.push(t);
      return t === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
    });
    hit = { re: new RegExp(`^${source}$`), order };
    patternCache.set(pattern, hit);
  }
  return hit;
}

/** Read one timestamp (see the module comment for the formats and rules). */
export function parseTimestamp({ text, timeZone: zone = 'UTC', epoch = 'auto', pattern, notBeforeMs, requireZone = false }: ParseTimestampParams): TimestampResult {
  const timeZone = requireZone ? null : zone;
  if (typeof text === 'number' && epoch !== 'none') return epochMs(text, String(text), epoch);
  if (typeof text !== 'string') return { error: `expected a date-time text, got ${text === null ? 'null' : typeof text}` };
  const t = text.trim();
  if (t === '') return { error: 'expected a date-time, got an empty cell' };
  // A log written in epoch numbers has one per cell: try that first when the unit is given.
  if ((epoch === 's' || epoch === 'ms') && NUMBER.test(t)) return epochMs(Number(t), t, epoch);
  if (t.length > 64) return { error: `"${t.slice(0, 40)}…" is not a date-time (${EXPECTED})` };
  if (pattern !== undefined) {
    const { re, order } = compilePattern(pattern);
    const m = re.exec(t);
    if (!m) return { error: `"${t}" does not match the pattern ${pattern}` };
    const f: Record<string, number> = { YYYY: NaN, MM: NaN, DD: NaN, HH: 0, mm: 0, ss: 0 };
    order.forEach((token, i) => (f[token] = Number(m[i + 1])));
    return fromFields({ year: f.YYYY, month: f.MM, day: f.DD, hour: f.HH, minute: f.mm, second: f.ss, fraction: 0 }, t, undefined, timeZone, notBeforeMs);
  }
  let m = ISO.exec(t);
  if (m) {
    const f = { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), fraction: m[7] ? Number(`0.${m[7]}`) : 0 };
    return fromFields(f, t, offsetMinutes(m[8]), timeZone, notBeforeMs);
  }
  if ((m = RFC1123.exec(t))) {
    const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    if (month === 0) return { error: `"${t}" is not a valid date-time (unknown month "${m[2]}")` };
    return fromFields({ year: +m[3], month, day: +m[1], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0), fraction: 0 }, t, 0, timeZone, notBeforeMs);
  }
  if ((m = DOTTED.exec(t))) {
    const f = { year: +m[3], month: +m[2], day: +m[1], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), fraction: 0 };
    return fromFields(f, t, m[7] ? ZONE_MINUTES[m[7].toUpperCase()] : undefined, timeZone, notBeforeMs);
  }
  if (epoch !== 'none' && NUMBER.test(t)) return epochMs(Number(t), t, epoch);
  return { error: `"${t}" is not a date-time (${EXPECTED})` };
}

/** An epoch number in seconds or ms (auto: |n| < 1e11 is seconds) → ms, range-checked. */
function epochMs(n: number, text: string, epoch: 'auto' | 's' | 'ms'): TimestampResult {
  if (!Number.isFinite(n)) return { error: `"${text}" is not a finite number` };
  const seconds = epoch === 's' || (epoch === 'auto' && Math.abs(n) < 1e11);
  return checkedMs(Math.round(seconds ? n * 1000 : n), text);
}
