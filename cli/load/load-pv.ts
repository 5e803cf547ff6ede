import type { ValidationIssue } from '../../src/lib/core/errors';
import { resampleMixToSlots } from '../../src/lib/core/generation/resampleMixToSlots';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { alignSeries, type SeriesPoint } from './align-series';
import { readSeriesFile, seriesTime, shownValue, throwIssues, TIME_COLUMNS } from './read-series-file';

const KW_COLUMNS = ['kw', 'pv_kw', 'pvkw', 'pv'];
/** Largest plausible PV output, kW (1 GW: more than any single plant behind one connection). */
export const MAX_PV_KW = 1_000_000;

function kwValue({ value, file, where, issues }: { value: unknown; file: string; where: string; issues: ValidationIssue[] }): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_PV_KW) {
    issues.push({ file, where, message: `expected a kW number from 0 to ${MAX_PV_KW}, got ${shownValue(value)}` });
    return undefined;
  }
  return n;
}

export type LoadPvParams = { path: string; timeline: Timeline; /** Last slot of the run (later rows are dropped). */ lastSlot: number };

/**
 * Load per-slot on-site PV output (--pv), kW: a JSON array of numbers, or a CSV with a `kw`
 * column (or a single value column) and an optional timestamp column. Without timestamps row i is
 * slot i (periodic); with them the rows go through core's generation resampler. Any bad value fails
 * the whole file, naming it and the JSON index or CSV line.
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
  if (points[0].ms === undefined) return alignSeries({ points, timeline, lastSlot });
  return resampleKw({ points: points as Required<SeriesPoint<number>>[], timeline, lastSlot });
}

/**
 * Timestamped kW rows → slots through core's generation resampler (energy-weighted: hourly rows
 * held over four 15-min slots, 5-min rows averaged into one): each row holds for the median step
 * (at most until the next row); slots without data, before the first row or in a hole, are 0 kW.
 */
function resampleKw({ points, timeline, lastSlot }: { points: Required<SeriesPoint<number>>[]; timeline: Timeline; lastSlot: number }): number[] {
  const sorted = [...points].sort((a, b) => a.ms - b.ms);
  // Two rows for one instant: the later row of the file wins, as a correction would.
  const rows = sorted.filter((p, i) => i + 1 === sorted.length || sorted[i + 1].ms !== p.ms);
  const steps = rows.slice(1).map((p, i) => p.ms - rows[i].ms).sort((a, b) => a - b);
  const stepMs = steps.length ? steps[Math.floor((steps.length - 1) / 2)] : timeline.slotMinutes * 60_000;
  const series = {
    startsMs: rows.map((p) => p.ms),
    endsMs: rows.map((p, i) => Math.min(i + 1 < rows.length ? rows[i + 1].ms : Infinity, p.ms + stepMs)),
    mwBySource: { solar: rows.map((p) => p.value) }
  };
  const slotMs = timeline.slotMinutes * 60_000;
  const endMs = Math.min(series.endsMs[series.endsMs.length - 1], timeline.startMs + (lastSlot + 1) * slotMs);
  if (endMs <= timeline.startMs) return [rows[rows.length - 1].value];
  return resampleMixToSlots({ series, slotMinutes: timeline.slotMinutes, startMs: timeline.startMs, endMs }).generationMw;
}
