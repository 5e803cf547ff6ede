import type { ValidationIssue } from '../errors';
import type { Source } from '../energy/sources';
import { settleIssues, type ImportMode } from '../ocpi/importIssues';
import { createCsvRecordReader } from '../io/csv-records';
import { parseTimestamp } from '../time/parse-timestamp';
import { isPlausibleTime, PLAUSIBLE_TIME } from '../time/plausible-time';
import { fuelSource } from './fuelSource';
import { MAX_GENERATION_SPAN_MS, resampleMixToSlots, type GenerationSeries, type SlotMixSeries } from './resampleMixToSlots';

/** Which layout the header revealed. */
export type GenerationCsvLayout = 'entsoe-wide' | 'entsoe-long' | 'smard' | 'simple';

/** Options shared by parseGenerationCsv and createGenerationCsvParser. */
export type GenerationCsvOptions = {
  file?: string;
  mode?: ImportMode;
  slotMinutes?: number;
  /** Zone of timestamps without offset. Default: Europe/Berlin for ENTSO-E "(CET/CEST)" and SMARD, else UTC. */
  timeZone?: string;
  /** Field delimiter; default: guessed from the header (`;`, `,` or tab). */
  delimiter?: string;
  /** Decimal mark; default `,` for `;`-separated files (`.` is then a thousands mark), else `.`. */
  decimal?: '.' | ',';
};

/** Result of a generation CSV import. */
export type GenerationCsvImport = SlotMixSeries & {
  layout: GenerationCsvLayout;
  /** Columns (or ENTSO-E production types) that fed each Source. */
  columnsBySource: Partial<Record<Source, string[]>>;
  ignoredColumns: string[];
  rowCount: number;
  leftOut: ValidationIssue[];
  warnings: ValidationIssue[];
};

/** A push parser: feed chunks, then finish. */
export type GenerationCsvParser = { push(chunk: string): void; finish(): GenerationCsvImport };


/** Largest plausible generation in one cell, MW (three times the world's). */
const MAX_MW = 1e7;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const MISSING = new Set(['', '-', 'n/e', 'n/a', 'na', 'nan', 'null']);

/**
 * ENTSO-E "actual generation per production type" CSV (wide: one `… - Actual Aggregated [MW]`
 * column per type, or long: `Production Type` + value column), SMARD CSV (`Datum;Anfang;Ende;…`
 * or `Datum von;Datum bis;…`, MWh per interval, decimal commas), or a simple CSV (a timestamp column
 * plus one column per source) → per-slot SourceMix. Missing cells (`-`, `n/e`, `N/A`, empty) count
 * as 0. All-or-nothing by default; `mode: 'partial'` drops bad rows and reports them by line.
 */
export function parseGenerationCsv({ text, ...options }: GenerationCsvOptions & { text: string }): GenerationCsvImport {
  const parser = createGenerationCsvParser(options);
  parser.push(text);
  return parser.finish();
}

type TimeLayout =
  | { kind: 'range'; col: number }
  | { kind: 'date-start'; date: number; start: number; end?: number }
  | { kind: 'from-to'; from: number; to?: number };

/** Streaming form of parseGenerationCsv (feed a File stream's text chunks from a worker). */
export function createGenerationCsvParser({
  file = 'input',
  mode = 'all',
  slotMinutes = 15,
  timeZone,
  delimiter,
  decimal
}: GenerationCsvOptions = {}): GenerationCsvParser {
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  let header: string[] | undefined;
  let layout: GenerationCsvLayout = 'simple';
  let time: TimeLayout | undefined;
  let delim = delimiter ?? ',';
  let dec: '.' | ',' = decimal ?? '.';
  let zone = timeZone ?? 'UTC';
  let perHour = false; // values are MWh per interval (SMARD): divide by hours to get MW
  const valueCols: { col: number; source: Source }[] = [];
  let longType = -1;
  let longValue = -1;
  const columnsBySource: Partial<Record<Source, string[]>> = {};
  const ignoredColumns: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const mw: Partial<Record<Source, number[]>> = {};
  const longIndex = new Map<number, number>();
  let rowCount = 0;
  let fatal = false;

  const issue = (line: number, message: string) => issues.push({ file, where: `line ${line}`, message });

  const readHeader = (cells: string[], lineNumber: number) => {
    delim = reader.delimiter;
    if (!decimal) dec = delim === ';' ? ',' : '.';
    header = cells;
    const lower = header.map((h) => h.toLowerCase());
    const find = (re: RegExp) => lower.findIndex((h) => re.test(h));
    const mtu = find(/^mtu\b|\bmtu\b/);
    const datumVon = find(/^datum von$|^datum$/);
    const anfang = find(/^anfang$|^uhrzeit$|^start time$/);
    const ende = find(/^ende$|^end time$/);
    const datumBis = find(/^datum bis$/);
    const single = find(/^(timestamp|time|datetime|date|start|from|zeit|zeitstempel|utc|datetime \(utc\))$/);
    const endCol = find(/^(end|to|until)$/);
    if (mtu !== -1) {
      time = { kind: 'range', col: mtu };
      layout = 'entsoe-wide';
      if (!timeZone && /cet|cest/.test(lower[mtu])) zone = 'Europe/Berlin';
      if (!timeZone && /\(utc\)/.test(lower[mtu])) zone = 'UTC';
    } else if (datumVon !== -1 && anfang !== -1) {
      time = { kind: 'date-start', date: datumVon, start: anfang, end: ende === -1 ? undefined : ende };
      layout = 'smard';
    } else if (datumVon !== -1) {
      time = { kind: 'from-to', from: datumVon, to: datumBis === -1 ? undefined : datumBis };
      layout = 'smard';
    } else if (single !== -1) {
      time = { kind: 'from-to', from: single, to: endCol === -1 ? undefined : endCol };
    } else {
      issue(lineNumber, 'no time column found (expected MTU, Datum/Anfang, Datum von, or timestamp)');
      fatal = true;
      return;
    }
    if (layout === 'smard' && !timeZone) zone = 'Europe/Berlin';
    const timeCols = new Set([mtu, datumVon, anfang, ende, datumBis, single, endCol].filter((c) => c !== -1));
    longType = find(/^production type$/);
    if (longType !== -1) {
      layout = 'entsoe-long';
      longValue = lower.findIndex((h, i) => i !== longType && !timeCols.has(i) && /generation|actual aggregated|\(mw\)|\[mw\]/.test(h));
      if (longValue === -1) {
        issue(lineNumber, 'a "Production Type" column needs a value column such as "Generation (MW)"');
        fatal = true;
      }
      return;
    }
    perHour = lower.some((h) => /\[mwh\]/.test(h));
    header.forEach((name, col) => {
      if (timeCols.has(col)) return;
      if (/^(area|bidding zone|country|region)$/i.test(name)) return;
      const source = fuelSource({ name });
      if (source === undefined) {
        warnings.push({ file, where: `line ${lineNumber}`, message: `column "${name}" is not a known fuel; ignored` });
        ignoredColumns.push(name);
      } else if (source === null) ignoredColumns.push(name);
      else {
        valueCols.push({ col, source });
        (columnsBySource[source] ??= []).push(name);
        mw[source] ??= [];
      }
    });
    if (valueCols.length === 0) {
      issue(lineNumber, 'no generation column found (expected fuel names such as Solar, Wind Onshore, Biomasse)');
      fatal = true;
    }
  };

  const num = (cell: string): number | null | undefined => {
    const c = cell.trim();
    if (MISSING.has(c.toLowerCase())) return null;
    const norm = dec === ',' ? c.replace(/\./g, '').replace(',', '.') : c.replace(/,/g, '');
    // Plain decimals only (Number() would read 0x10 as 16), within a plausible generation.
    if (!DECIMAL.test(norm)) return undefined;
    const v = Number(norm);
    return Number.isFinite(v) && Math.abs(v) <= MAX_MW ? v : undefined;
  };
  const notNumber = (cell: string) => `"${cell}" is not a number${DECIMAL.test(cell.trim()) ? ` from -${MAX_MW} to ${MAX_MW} MW` : ''}`;

  const lastStart = () => (starts.length ? starts[starts.length - 1] : -Infinity);

  const readTimes = (cells: string[], lineNumber: number): [number, number | undefined] | undefined => {
    const t = time!;
    // An interval end that falls in the skipped spring hour is the DST switch itself: take the next row's start.
    const at = (text: string, notBeforeMs: number, isEnd = false) => {
      const r = parseTimestamp({ text, timeZone: zone, notBeforeMs });
      if ('error' in r) return void issue(lineNumber, r.error);
      // A row cannot start at a time the clocks skip (its interval would not exist); an end there is
      // the switch itself and reads, by the one DST rule, as the first real time after it.
      if (r.dstGap && !isEnd) return void issue(lineNumber, `"${text.trim()}" does not exist in ${zone} (the clocks skip it: DST starts)`);
      // One stray year (1900, 2918) would stretch the slot series over centuries.
      if (!isPlausibleTime(r.ms)) return void issue(lineNumber, `"${text.trim()}" is outside the plausible years ${PLAUSIBLE_TIME.years}`);
      return r.ms;
    };
    if (t.kind === 'range') {
      const cell = cells[t.col] ?? '';
      const parts = cell.split(/\s+-\s+/);
      if (parts.length !== 2) {
        issue(lineNumber, `"${cell}" is not a time range like "01.07.2023 00:00 - 01.07.2023 01:00"`);
        return undefined;
      }
      const s = at(parts[0], lastStart());
      if (s === undefined) return undefined;
      const e = at(parts[1], s, true);
      return e === undefined ? undefined : [s, e];
    }
    if (t.kind === 'date-start') {
      const date = cells[t.date] ?? '';
      const s = at(`${date} ${cells[t.start] ?? ''}`, lastStart());
      if (s === undefined) return undefined;
      if (t.end === undefined) return [s, undefined];
      const endText = cells[t.end] ?? '';
      let e = at(`${date} ${endText}`, s, true);
      if (e === undefined) return undefined;
      // An end before the start (00:00) is on the next calendar day, which need not be 24 h later.
      if (e <= s) {
        const next = nextDay(date);
        if (next === undefined) return void issue(lineNumber, `"${date}" is not a date like 01.07.2023`);
        e = at(`${next} ${endText}`, s, true);
        if (e === undefined) return undefined;
      }
      return [s, e];
    }
    const s = at(cells[t.from] ?? '', lastStart());
    if (s === undefined) return undefined;
    if (t.to === undefined) return [s, undefined];
    const e = at(cells[t.to] ?? '', s, true);
    return e === undefined ? undefined : [s, e];
  };

  const onRecord = (raw: string[], lineNumber: number) => {
    if (fatal) return;
    const cells = raw.map((c) => c.trim());
    if (!header) return readHeader(cells, lineNumber);
    const times = readTimes(cells, lineNumber);
    if (!times) return;
    const [s, e] = times;
    if (starts.length > 0 && s - starts[0] > MAX_GENERATION_SPAN_MS) return void issue(lineNumber, `time ${new Date(s).toISOString()} is more than ${MAX_GENERATION_SPAN_MS / 86_400_000} days after the first row; split the file`);
    if (e !== undefined && e <= s) return void issue(lineNumber, 'interval end is not after its start');
    const end = e ?? NaN;
    if (layout === 'entsoe-long') {
      const type = cells[longType] ?? '';
      const source = fuelSource({ name: type });
      if (source === undefined || source === null) {
        if (source === undefined && !ignoredColumns.includes(type)) {
          warnings.push({ file, where: `line ${lineNumber}`, message: `production type "${type}" is not a known fuel; ignored` });
        }
        if (!ignoredColumns.includes(type)) ignoredColumns.push(type);
        return;
      }
      const v = num(cells[longValue] ?? '');
      if (v === undefined) return void issue(lineNumber, notNumber(cells[longValue] ?? ''));
      let row = longIndex.get(s);
      if (row === undefined) {
        if (s <= lastStart()) return void issue(lineNumber, 'rows must be in time order');
        row = starts.length;
        longIndex.set(s, row);
        starts.push(s);
        ends.push(end);
        rowCount++;
      }
      const col = (mw[source] ??= []);
      while (col.length <= row) col.push(0);
      if (v !== null && v > 0) col[row] += v;
      if (!(columnsBySource[source] ??= []).includes(type)) columnsBySource[source]!.push(type);
      return;
    }
    if (s <= lastStart()) return void issue(lineNumber, `time ${new Date(s).toISOString()} is not after the previous row`);
    const values: number[] = new Array(valueCols.length);
    for (let k = 0; k < valueCols.length; k++) {
      const cell = cells[valueCols[k].col] ?? '';
      const v = num(cell);
      if (v === undefined) return void issue(lineNumber, `column "${header[valueCols[k].col]}": ${notNumber(cell)}`);
      values[k] = v === null || v < 0 ? 0 : v;
    }
    starts.push(s);
    ends.push(end);
    for (const src of Object.keys(mw) as Source[]) mw[src]!.push(0);
    const row = starts.length - 1;
    for (let k = 0; k < valueCols.length; k++) mw[valueCols[k].source]![row] += values[k];
    rowCount++;
  };

  const reader = createCsvRecordReader({ onRecord, delimiter });
  return {
    push: (chunk) => reader.push(chunk),
    finish() {
      reader.end();
      if (!header && !fatal) issue(1, 'the file is empty');
      if (fatal || !header) settleIssues({ issues, mode: 'all' });
      if (starts.length === 0) {
        issue(2, 'no data rows');
        settleIssues({ issues, mode: 'all' });
      }
      // Rows without an explicit end run to the next row (the last one: one median step).
      const steps: number[] = [];
      for (let i = 1; i < starts.length; i++) steps.push(starts[i] - starts[i - 1]);
      steps.sort((a, b) => a - b);
      const stepMs = steps.length ? steps[Math.floor(steps.length / 2)] : 3_600_000;
      // Explicit ends are clipped at the next start: a local "02:00 - 03:00" listed twice in October
      // reads as 2 h for its first copy until the second copy's start cuts it back to 1 h.
      for (let i = 0; i < starts.length; i++) {
        const next = i + 1 < starts.length ? starts[i + 1] : Infinity;
        if (Number.isNaN(ends[i])) ends[i] = Math.min(next, starts[i] + stepMs);
        else if (ends[i] > next) ends[i] = next;
      }
      for (const src of Object.keys(mw) as Source[]) {
        const col = mw[src]!;
        while (col.length < starts.length) col.push(0);
        if (perHour) for (let i = 0; i < col.length; i++) col[i] /= (ends[i] - starts[i]) / 3_600_000;
      }
      const leftOut = settleIssues({ issues, mode });
      const series: GenerationSeries = { startsMs: starts, endsMs: ends, mwBySource: mw };
      return { ...resampleMixToSlots({ series, slotMinutes }), layout, columnsBySource, ignoredColumns, rowCount, leftOut, warnings };
    }
  };
}

// The calendar day after a `dd.mm.yyyy` or `yyyy-mm-dd` date, as `yyyy-mm-dd`.
function nextDay(date: string): string | undefined {
  const m = /^(\d\d?)\.(\d\d?)\.(\d{4})$/.exec(date.trim()) ?? /^(\d{4})-(\d\d)-(\d\d)$/.exec(date.trim());
  if (!m) return undefined;
  const [y, mo, d] = m[1].length === 4 ? [+m[1], +m[2], +m[3]] : [+m[3], +m[2], +m[1]];
  return new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
}
