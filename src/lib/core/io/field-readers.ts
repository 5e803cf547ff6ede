/**
 * Small, strict readers shared by the replay parsers. Each returns `undefined` instead of a
 * value it cannot trust (empty, `-`, NaN, Infinity, a malformed date), and the parser turns that
 * into a ValidationIssue naming the file and the JSON path or CSV line.
 */
import type { ValidationIssue } from '../errors';
import { parseTimestamp, type ParseTimestampParams } from '../time/parse-timestamp';

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

/** A timestamp field: its UTC ms, or why it could not be read (for the issue text). */
export type TimestampField = { ms: number | undefined; problem?: string };

/**
 * Reads a timestamp field through the one parser (`core/time/parse-timestamp`); a missing field
 * gives `{ ms: undefined }` without a problem, an unreadable one says why.
 */
export function readTimestamp(value: unknown, params: Omit<ParseTimestampParams, 'text'> = {}): TimestampField {
  if (value === undefined || value === null) return { ms: undefined };
  const r = parseTimestamp({ ...params, text: value });
  return 'ms' in r ? { ms: r.ms } : { ms: undefined, problem: r.error };
}
