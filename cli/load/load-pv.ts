import type { ValidationIssue } from '../../src/lib/core/errors';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { alignSeries, type SeriesPoint } from './align-series';
import { readSeriesFile, seriesTime, throwIssues, TIME_COLUMNS } from './read-series-file';

const KW_COLUMNS = ['kw', 'pv_kw', 'pvkw', 'pv'];
/** Largest plausible PV output, kW (1 GW: more than any single plant behind one connection). */
export const MAX_PV_KW = 1_000_000;

function kwValue({ value, file, where, issues }: { value: unknown; file: string; where: string; issues: ValidationIssue[] }): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_PV_KW) {
    issues.push({ file, where, message: `expected a kW number from 0 to ${MAX_PV_KW}, got ${JSON.stringify(value)}` });
    return undefined;
  }
  return n;
}

export type LoadPvParams = { path: string; timeline: Timeline; /** Last slot of the run (later rows are dropped). */ lastSlot: number };

/**
 * Load per-slot on-site PV output (--pv), kW: a JSON array of numbers, or a CSV with a `kw`
 * column (or a single value column) and an optional timestamp column. Rows align to slots as in
 * alignSeries. Any bad value fails the whole file, naming it and the JSON index or CSV line.
 */
export function loadPv({ path, timeline, lastSlot }: LoadPvParams): number[] {
  const file = readSeriesFile({ path });
  const issues: ValidationIssue[] = [];
  const points: SeriesPoint<number>[] = [];
  if (file.kind === 'json') {
    if (!Array.isArray(file.json) || file.json.length === 0) {
      issues.push({ file: path, where: '$', message: `expected a non-empty JSON array of kW numbers, got ${Array.isArray(file.json) ? 'an empty array' : file.json === null ? 'null' : `a JSON ${typeof file.json === 'object' ? 'object' : typeof file.json}`}` });
    } else {
      file.json.forEach((v: unknown, i) => {
        const kw = kwValue({ value: v, file: path, where: `$[${i}]`, issues });
        if (kw !== undefined) points.push({ value: kw });
      });
    }
  } else {
    const { header, rows } = file.table;
    const timeCol = header.findIndex((h) => TIME_COLUMNS.includes(h));
    let kwCol = header.findIndex((h) => KW_COLUMNS.includes(h));
    if (kwCol < 0 && header.length - (timeCol >= 0 ? 1 : 0) === 1) kwCol = timeCol === 0 ? 1 : 0;
    if (kwCol < 0) issues.push({ file: path, where: 'line 1', message: `expected a header with a kW column (${KW_COLUMNS.join(' or ')}) and optionally a timestamp column` });
    else {
      for (const { line, cells } of rows) {
        const where = `line ${line}`;
        const ms = timeCol >= 0 ? seriesTime({ value: cells[timeCol] ?? '', file: path, where: `${where} column "${header[timeCol]}"`, issues }) : undefined;
        const kw = kwValue({ value: (cells[kwCol] ?? '').trim(), file: path, where: `${where} column "${header[kwCol]}"`, issues });
        if (kw !== undefined && (timeCol < 0 || ms !== undefined)) points.push({ ms, value: kw });
      }
    }
  }
  if (issues.length === 0 && points.length === 0) issues.push({ file: path, where: '$', message: 'expected at least one kW value' });
  throwIssues(issues);
  return alignSeries({ points, timeline, lastSlot });
}
