import { SOURCES, type Source, type SourceMix } from '../../src/lib/core/energy/sources';
import { ValidationError, type ValidationIssue } from '../../src/lib/core/errors';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { alignSeries, parseTimestamp, type SeriesPoint } from './align-series';
import { parseJsonText } from './read-json-file';
import { readTextFile } from './read-text-file';
import { splitCsv } from './split-csv';

const TIME_COLUMNS = ['timestamp', 'time', 'datetime', 'date'];

/** Normalise one row of non-negative magnitudes to shares; null when it sums to 0. */
function toShares(values: Partial<Record<Source, number>>): SourceMix | null {
  const total = SOURCES.reduce((sum, s) => sum + (values[s] ?? 0), 0);
  if (!(total > 0)) return null;
  const mix: SourceMix = {};
  for (const s of SOURCES) if (values[s]) mix[s] = (values[s] as number) / total;
  return mix;
}

function fromJson(json: unknown, file: string, issues: ValidationIssue[]): SeriesPoint<SourceMix>[] {
  if (!Array.isArray(json) || json.length === 0) {
    issues.push({ file, where: '$', message: 'expected a non-empty JSON array of mixes like {"solar": 0.2, "wind": 0.3, …}' });
    return [];
  }
  const points: SeriesPoint<SourceMix>[] = [];
  json.forEach((row: unknown, i) => {
    const where = `$[${i}]`;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      issues.push({ file, where, message: 'expected an object of source shares' });
      return;
    }
    const values: Partial<Record<Source, number>> = {};
    let ms: number | undefined;
    for (const [key, v] of Object.entries(row)) {
      if (key === 'timestamp' || key === 'time') {
        ms = typeof v === 'number' ? (v < 1e11 ? v * 1000 : v) : typeof v === 'string' ? parseTimestamp(v) : undefined;
        if (ms === undefined) issues.push({ file, where: `${where}.${key}`, message: 'expected an ISO 8601 time or epoch number' });
      } else if (!(SOURCES as readonly string[]).includes(key)) {
        issues.push({ file, where: `${where}.${key}`, message: `unknown source; expected one of ${SOURCES.join(', ')}` });
      } else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        issues.push({ file, where: `${where}.${key}`, message: 'expected a finite number ≥ 0' });
      } else values[key as Source] = v;
    }
    const mix = toShares(values);
    if (!mix) issues.push({ file, where, message: 'expected at least one source with a share > 0' });
    else points.push({ ms, value: mix });
  });
  return points;
}

function fromCsv(text: string, file: string, issues: ValidationIssue[]): SeriesPoint<SourceMix>[] {
  const { header, rows } = splitCsv({ text });
  const timeCol = header.findIndex((h) => TIME_COLUMNS.includes(h));
  const sourceCols: { index: number; source: Source }[] = [];
  header.forEach((h, index) => {
    if (index === timeCol) return;
    if ((SOURCES as readonly string[]).includes(h)) sourceCols.push({ index, source: h as Source });
    else issues.push({ file, where: 'line 1', message: `unknown column "${h}"; expected timestamp and source columns (${SOURCES.join(', ')})` });
  });
  if (sourceCols.length === 0) issues.push({ file, where: 'line 1', message: `expected a header with source columns (${SOURCES.join(', ')})` });
  const points: SeriesPoint<SourceMix>[] = [];
  for (const { line, cells } of rows) {
    let ms: number | undefined;
    if (timeCol >= 0) {
      ms = parseTimestamp(cells[timeCol] ?? '');
      if (ms === undefined) {
        issues.push({ file, where: `line ${line}`, message: `expected a timestamp in column "${header[timeCol]}", got "${cells[timeCol] ?? ''}"` });
        continue;
      }
    }
    const values: Partial<Record<Source, number>> = {};
    let bad = false;
    for (const { index, source } of sourceCols) {
      const cell = (cells[index] ?? '').trim();
      const v = cell === '' ? 0 : Number(cell);
      if (!Number.isFinite(v) || v < 0) {
        issues.push({ file, where: `line ${line}`, message: `expected a number ≥ 0 in column "${source}", got "${cell}"` });
        bad = true;
      } else values[source] = v;
    }
    if (bad) continue;
    const mix = toShares(values);
    if (!mix) issues.push({ file, where: `line ${line}`, message: 'expected at least one source > 0' });
    else points.push({ ms, value: mix });
  }
  return points;
}

export type LoadMixParams = { path: string; timeline: Timeline };

/**
 * Load a per-slot grid mix (--mix): a JSON array of mixes, or a CSV with an optional
 * `timestamp` column and one column per source. Values are magnitudes in any one unit (shares or
 * MW of generation): each row is normalised to shares. Any bad row fails the whole file, naming
 * it, since a hole in a mix series would silently skew green shares.
 */
export function loadMix({ path, timeline }: LoadMixParams): SourceMix[] {
  const text = readTextFile({ path });
  const issues: ValidationIssue[] = [];
  const isJson = /^\s*[[{]/.test(text);
  const points = isJson ? fromJson(parseJsonText({ text, file: path }), path, issues) : fromCsv(text, path, issues);
  if (issues.length === 0 && points.length === 0) issues.push({ file: path, where: '$', message: 'expected at least one mix row' });
  if (issues.length > 0) throw new ValidationError(issues);
  return alignSeries({ points, timeline });
}
