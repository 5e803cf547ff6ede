import { SOURCES, type Source, type SourceMix } from '../../src/lib/core/energy/sources';
import type { ValidationIssue } from '../../src/lib/core/errors';
import { parseGenerationCsv } from '../../src/lib/core/generation/parseGenerationCsv';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { alignSeries, type SeriesPoint } from './align-series';
import { readSeriesFile, seriesTime, shownValue, throwIssues, TIME_COLUMNS } from './read-series-file';

/** Largest magnitude of one source in a mix row (shares, or MW: 1e7 MW is three times the world's generation). */
export const MAX_MIX_MAGNITUDE = 1e7;

/** Normalise one row of non-negative magnitudes to shares; null when it sums to 0. */
function toShares(values: Partial<Record<Source, number>>): SourceMix | null {
  const total = SOURCES.reduce((sum, s) => sum + (values[s] ?? 0), 0);
  if (!(total > 0)) return null;
  const mix: SourceMix = {};
  for (const s of SOURCES) if (values[s]) mix[s] = (values[s] as number) / total;
  return mix;
}

function magnitude({ value, file, where, issues }: { value: unknown; file: string; where: string; issues: ValidationIssue[] }): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_MIX_MAGNITUDE) {
    issues.push({ file, where, message: `expected a share or MW from 0 to ${MAX_MIX_MAGNITUDE}, got ${shownValue(value)}` });
    return undefined;
  }
  return n;
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
    let bad = false;
    for (const [key, v] of Object.entries(row)) {
      if (key === 'timestamp' || key === 'time') {
        ms = seriesTime({ value: v, file, where: `${where}.${key}`, issues });
        bad ||= ms === undefined;
      } else if (!(SOURCES as readonly string[]).includes(key)) {
        issues.push({ file, where: `${where}.${key}`, message: `unknown source; expected one of ${SOURCES.join(', ')}` });
        bad = true;
      } else {
        const m = typeof v === 'number' ? magnitude({ value: v, file, where: `${where}.${key}`, issues }) : undefined;
        if (typeof v !== 'number') issues.push({ file, where: `${where}.${key}`, message: `expected a number, got ${shownValue(v)}` });
        if (m === undefined) bad = true;
        else values[key as Source] = m;
      }
    }
    if (bad) return;
    const mix = toShares(values);
    if (!mix) issues.push({ file, where, message: 'expected at least one source with a share > 0' });
    else points.push({ ms, value: mix });
  });
  return points;
}

/** A CSV without a time column: row i is slot i (periodic), every column a source. */
function fromPeriodicCsv(header: string[], rows: { line: number; cells: string[] }[], file: string, issues: ValidationIssue[]): SeriesPoint<SourceMix>[] {
  header.forEach((h) => {
    if (!(SOURCES as readonly string[]).includes(h)) issues.push({ file, where: 'line 1', message: `unknown column "${h}"; expected a timestamp column and source columns (${SOURCES.join(', ')})` });
  });
  if (issues.length > 0) return [];
  const points: SeriesPoint<SourceMix>[] = [];
  for (const { line, cells } of rows) {
    const values: Partial<Record<Source, number>> = {};
    let bad = false;
    header.forEach((source, index) => {
      const cell = (cells[index] ?? '').trim();
      const v = cell === '' ? 0 : magnitude({ value: cell, file, where: `line ${line} column "${source}"`, issues });
      if (v === undefined) bad = true;
      else values[source as Source] = v;
    });
    if (bad) continue;
    const mix = toShares(values);
    if (!mix) issues.push({ file, where: `line ${line}`, message: 'expected at least one source > 0' });
    else points.push({ value: mix });
  }
  return points;
}

export type LoadMixParams = { path: string; timeline: Timeline; /** Last slot of the run (later rows are dropped). */ lastSlot: number };

/**
 * Load a per-slot grid mix (--mix). A CSV with a time column goes through core's generation
 * importer (`parseGenerationCsv`, as the app's import: ENTSO-E, SMARD or timestamp + source
 * columns, MW resampled to slots); a CSV without one is periodic (row i = slot i); a JSON array
 * holds mix objects (optional `timestamp`). Values are magnitudes in any one unit, normalised to
 * shares per row. Any bad row or unknown column fails the whole file, naming it and the line or
 * JSON path, since a hole in a mix series would silently skew green shares.
 */
export function loadMix({ path, timeline, lastSlot }: LoadMixParams): SourceMix[] {
  const file = readSeriesFile({ path });
  const issues: ValidationIssue[] = [];
  let points: SeriesPoint<SourceMix>[];
  if (file.kind === 'json') points = fromJson(file.json, path, issues);
  else if (file.table.header.some((h) => TIME_COLUMNS.includes(h))) {
    const imported = parseGenerationCsv({ text: file.text, file: path, slotMinutes: timeline.slotMinutes });
    // The app may ignore a column it does not know; on the command line a misspelt source is an error.
    throwIssues(imported.warnings);
    const slotMs = imported.timeline.slotMinutes * 60_000;
    points = imported.mixes.map((value, i) => ({ ms: imported.timeline.startMs + i * slotMs, value }));
  } else points = fromPeriodicCsv(file.table.header, file.table.rows, path, issues);
  if (issues.length === 0 && points.length === 0) issues.push({ file: path, where: '$', message: 'expected at least one mix row' });
  throwIssues(issues);
  return alignSeries({ points, timeline, lastSlot });
}
