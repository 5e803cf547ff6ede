import { ValidationError, type ValidationIssue } from '../../src/lib/core/errors';
import { readCsvTable, type CsvTable } from '../../src/lib/core/io/csv-table';
import { isPlausibleTime, PLAUSIBLE_TIME } from '../../src/lib/core/time/plausible-time';
import { parseTimestamp } from '../../src/lib/core/time/parse-timestamp';
import { parseJsonText } from './read-json-file';
import { readTextFile } from './read-text-file';

/** Header names of a time column in a --mix or --pv CSV. */
export const TIME_COLUMNS = ['timestamp', 'time', 'datetime', 'date'];

/** A --mix/--pv file: parsed JSON, or a CSV table (header lower-cased), by its first character. */
export type SeriesFile = { kind: 'json'; json: unknown } | { kind: 'csv'; table: CsvTable; text: string };

/** Read a per-slot series file: text starting with `[` or `{` is JSON (an object is then refused by the loader, never read as CSV). */
export function readSeriesFile({ path }: { path: string }): SeriesFile {
  const text = readTextFile({ path }).replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(text)) return { kind: 'json', json: parseJsonText({ text, file: path }) };
  const table = readCsvTable({ text, delimiter: 'auto', file: path });
  return { kind: 'csv', table: { ...table, header: table.header.map((h) => h.toLowerCase()) }, text };
}

/** A timestamp cell or JSON value of a series through the one timestamp parser (UTC unless an offset is given; epoch s/ms), plausible years only. */
export function seriesTime({ value, file, where, issues }: { value: unknown; file: string; where: string; issues: ValidationIssue[] }): number | undefined {
  const r = parseTimestamp({ text: value });
  if ('error' in r) {
    issues.push({ file, where, message: `expected a timestamp (ISO 8601, UTC unless an offset is given, or epoch s/ms): ${r.error}` });
    return undefined;
  }
  if (!isPlausibleTime(r.ms)) {
    issues.push({ file, where, message: `timestamp ${new Date(r.ms).toISOString()} is outside the plausible years ${PLAUSIBLE_TIME.years}` });
    return undefined;
  }
  return r.ms;
}

/** A value as an issue shows it: numbers and short strings as JSON, containers by kind (a nested array could overflow JSON.stringify's stack). */
export function shownValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Throw the collected issues as one ValidationError (a series loads whole or not at all). */
export function throwIssues(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError([...issues]);
}
