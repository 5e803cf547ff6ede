import { ValidationError, type ValidationIssue } from '../../src/lib/core/errors';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { alignSeries, parseTimestamp, type SeriesPoint } from './align-series';
import { parseJsonText } from './read-json-file';
import { readTextFile } from './read-text-file';
import { splitCsv } from './split-csv';

const TIME_COLUMNS = ['timestamp', 'time', 'datetime', 'date'];
const KW_COLUMNS = ['kw', 'pv_kw', 'pvkw', 'pv'];

function fromJson(json: unknown, file: string, issues: ValidationIssue[]): SeriesPoint<number>[] {
  if (!Array.isArray(json) || json.length === 0) {
    issues.push({ file, where: '$', message: 'expected a non-empty JSON array of kW numbers' });
    return [];
  }
  const points: SeriesPoint<number>[] = [];
  json.forEach((v: unknown, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) issues.push({ file, where: `$[${i}]`, message: `expected a finite kW number ≥ 0, got ${JSON.stringify(v)}` });
    else points.push({ value: v });
  });
  return points;
}

function fromCsv(text: string, file: string, issues: ValidationIssue[]): SeriesPoint<number>[] {
  const { header, rows } = splitCsv({ text });
  const timeCol = header.findIndex((h) => TIME_COLUMNS.includes(h));
  let kwCol = header.findIndex((h) => KW_COLUMNS.includes(h));
  if (kwCol < 0 && header.length - (timeCol >= 0 ? 1 : 0) === 1) kwCol = timeCol === 0 ? 1 : 0;
  if (kwCol < 0) {
    issues.push({ file, where: 'line 1', message: `expected a header with a kW column (${KW_COLUMNS.join(' or ')}) and optionally a timestamp column` });
    return [];
  }
  const points: SeriesPoint<number>[] = [];
  for (const { line, cells } of rows) {
    const ms = timeCol >= 0 ? parseTimestamp(cells[timeCol] ?? '') : undefined;
    if (timeCol >= 0 && ms === undefined) {
      issues.push({ file, where: `line ${line}`, message: `expected a timestamp in column "${header[timeCol]}", got "${cells[timeCol] ?? ''}"` });
      continue;
    }
    const cell = (cells[kwCol] ?? '').trim();
    const v = cell === '' ? NaN : Number(cell);
    if (!Number.isFinite(v) || v < 0) issues.push({ file, where: `line ${line}`, message: `expected a kW number ≥ 0 in column "${header[kwCol]}", got "${cell}"` });
    else points.push({ ms, value: v });
  }
  return points;
}

export type LoadPvParams = { path: string; timeline: Timeline };

/**
 * Load per-slot on-site PV output (--pv), kW: a JSON array of numbers, or a CSV with a `kw`
 * column and an optional `timestamp` column. Rows align to slots as in alignSeries.
 */
export function loadPv({ path, timeline }: LoadPvParams): number[] {
  const text = readTextFile({ path });
  const issues: ValidationIssue[] = [];
  const points = /^\s*\[/.test(text) ? fromJson(parseJsonText({ text, file: path }), path, issues) : fromCsv(text, path, issues);
  if (issues.length === 0 && points.length === 0) issues.push({ file: path, where: '$', message: 'expected at least one kW value' });
  if (issues.length > 0) throw new ValidationError(issues);
  return alignSeries({ points, timeline });
}
