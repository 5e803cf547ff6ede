/**
 * Small, strict readers shared by the replay parsers. Each returns `undefined` instead of a
 * value it cannot trust (empty, `-`, NaN, Infinity, a malformed date), and the parser turns that
 * into a ValidationIssue naming the file and the JSON path or CSV line.
 */
import type { ValidationIssue } from '../errors';
import { localToUtcMs } from './zoned-time';

/** Builds a ValidationIssue (file, JSON path or `line N`, what was expected). */
export function issueAt(file: string, where: string, message: string): ValidationIssue {
  return { file, where, message };
}

/** A finite number from a JSON number or a numeric string (optionally with a decimal comma). */
export function readFiniteNumber(value: unknown, { decimalComma = false }: { decimalComma?: boolean } = {}): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let s = value.trim();
  if (decimalComma) s = s.replace(/\s/g, '').replace(/\./g, '').replace(',', '.');
  // Number('') is 0 and Number('0x1') is 1: only accept plain decimal notation.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC1123 = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Epoch ms of an RFC 1123 GMT date (`Wed, 25 Apr 2018 11:08:04 GMT`, ACN-Data's format). */
export function parseRfc1123(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC1123.exec(value.trim());
  if (!m) return undefined;
  return checkedUtc(+m[3], MONTHS.indexOf(m[2]) + 1, +m[1], +m[4], +m[5], +m[6], 0);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch ms of an ISO 8601 date-time. A zone (`Z`, `+01:00`) is honoured; without one the time is
 * local to `timeZone` (required then, else undefined).
 */
export function parseIsoDateTime(value: unknown, { timeZone }: { timeZone?: string } = {}): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0];
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const utc = checkedUtc(y, mo, d, h, mi, s, ms);
  if (utc === undefined) return undefined;
  const zone = m[8];
  if (zone === 'Z') return utc;
  if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  if (!timeZone) return undefined;
  return localToUtcMs({ local: { year: y, month: mo, day: d, hour: h, minute: mi, second: s }, timeZone }) + ms;
}

/**
 * A reader for a custom local time pattern with tokens YYYY, MM, DD, HH, mm, ss (1–2 digits
 * accepted for all but YYYY); other characters must match literally. E.g. `DD.MM.YYYY HH:mm`.
 */
export function patternReader(pattern: string): (value: unknown, timeZone: string) => number | undefined {
  const order: string[] = [];
  const source = pattern.replace(/YYYY|MM|DD|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (t) => {
    if (t.length === 1) return `\\${t}`;
    order.push(t);
    return t === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
  });
  const re = new RegExp(`^${source}$`);
  return (value, timeZone) => {
    if (typeof value !== 'string') return undefined;
    const m = re.exec(value.trim());
    if (!m) return undefined;
    const f: Record<string, number> = { YYYY: NaN, MM: NaN, DD: NaN, HH: 0, mm: 0, ss: 0 };
    order.forEach((t, i) => (f[t] = Number(m[i + 1])));
    if (checkedUtc(f.YYYY, f.MM, f.DD, f.HH, f.mm, f.ss, 0) === undefined) return undefined;
    return localToUtcMs({ local: { year: f.YYYY, month: f.MM, day: f.DD, hour: f.HH, minute: f.mm, second: f.ss }, timeZone });
  };
}

/** Date.UTC that refuses out-of-range fields (Feb 30, 25:00) instead of rolling them over. */
function checkedUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (![y, mo, d, h, mi, s, ms].every(Number.isInteger)) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 ? t : undefined;
}
