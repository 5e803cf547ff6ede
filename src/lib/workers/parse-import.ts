import { ValidationError, type ValidationIssue } from '$lib/core/errors';
import type { Site } from '$lib/core/grid/site';
import type { SourceMix } from '$lib/core/energy/sources';
import type { GridMixSeries } from '$lib/core/grid/site';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import type { ImportMode } from '$lib/core/ocpi/importIssues';
import { parseOcpiLocations, type OcpiLocationImport } from '$lib/core/ocpi/parseOcpiLocations';
import { parseEvseStatusPatches, type EvsePatchTarget } from '$lib/core/ocpi/parseEvseStatusPatches';
import { parseOcpiTariffs, type OcpiTariffPrice } from '$lib/core/ocpi/parseOcpiTariffs';
import type { EvseStatusPatch } from '$lib/core/ocpi/applyEvseStatusPatches';
import { parseOcpiSessions } from '$lib/core/io/parse-ocpi-sessions';
import { parseAcnSessions } from '$lib/core/io/parse-acn-sessions';
import { parseCsvSessions, type CsvColumnMapping } from '$lib/core/io/parse-csv-sessions';
import { parseEnergyChartsJson } from '$lib/core/generation/parseEnergyChartsJson';
import { createGenerationCsvParser } from '$lib/core/generation/parseGenerationCsv';
import type { SlotMixSeries } from '$lib/core/generation/resampleMixToSlots';
import type { ImportKindName } from '$lib/data/db';
import { mixDayProfile } from '$lib/data/mix-day-profile';

/** Options of one parse (what the import page collected besides the file). */
export type ParseImportOptions = {
  /** Column mapping of a session CSV (required for `csv-sessions`). */
  csvMapping?: CsvColumnMapping;
  /** The current site: vehicle power of sessions at known EVSEs, and the zone of the mix day. */
  site?: Site;
  /** Generation mix: local day (`YYYY-MM-DD`) to use as the site's grid mix; default the first whole 24-hour day. */
  mixDay?: string;
  /** Generation CSV: zone of local timestamps (default by layout). */
  timeZone?: string;
  /** Slot length of the demo's timeline, minutes (a tariff becomes a price per slot of the day; default 15). */
  slotMinutes?: number;
  /** Status patches: the EVSE that bare PATCH bodies (the spec's example: no evse_uid, no url) are for. */
  patchTarget?: EvsePatchTarget;
};

/** Parsed, validated content of one file, ready to be written (plain, structured-cloneable data). */
export type ParsedImport =
  | { kind: 'ocpi-locations'; locations: OcpiLocationImport[] }
  | { kind: 'ocpi-patches'; patches: EvseStatusPatch[] }
  | { kind: 'ocpi-tariffs'; tariff: OcpiTariffPrice }
  | {
      kind: 'ocpi-sessions' | 'acn-sessions' | 'csv-sessions';
      requests: ChargingRequest[];
      /** The log's own zone (CSV: its mapping's; ACN-Data: Los Angeles), kept apart from the demo site's. */
      logTimezone?: string;
    }
  | {
      kind: 'generation-json' | 'generation-csv';
      /** The chosen local day's mixes (the site's periodic grid mix: the fallback outside `series`). */
      mixes: SourceMix[];
      /** The whole file at its absolute times (at most MAX_MIX_SERIES_DAYS from its start). */
      series: GridMixSeries;
      day: string;
      days: string[];
      /** Slots in the whole file, and how many had no data. */
      totalSlots: number;
      gapSlots: number;
      /** Day-ahead price of the chosen day, per kWh (Energy-Charts files with a price series). */
      pricePerKWh?: number[];
    };

/**
 * Longest grid-mix series stored with a site, days: a year of quarter hours (35,136 mixes) is what
 * a replay can use; the site row travels to the solver worker at every gate, so decades would not.
 */
export const MAX_MIX_SERIES_DAYS = 366;

/** ACN-Data's sites (Caltech, JPL, Office001) are all in Pasadena. */
const ACN_TIMEZONE = 'America/Los_Angeles';

/** What a parse ended with: the data plus left-out and warnings, or the reasons it was rejected. */
export type ParseImportResult =
  | { ok: true; parsed: ParsedImport; leftOut: ValidationIssue[]; warnings: ValidationIssue[] }
  | { ok: false; issues: ValidationIssue[] };

/** Parameters of `createImportParser`. */
export type CreateImportParserParameters = {
  kind: ImportKindName;
  file?: string;
  /** `all` (default): any problem rejects the file; `partial`: keep the valid part, report the rest. */
  mode?: ImportMode;
  options?: ParseImportOptions;
};

/** A push parser: text chunks in (a worker feeds a File stream), one result out. */
export type ImportParser = { push(chunk: string): void; finish(): ParseImportResult };

/**
 * A parser for one import kind. Generation CSV is parsed while it streams (a 50 MB file never sits
 * in memory as one string); the JSON kinds and session CSV collect the text and parse at the end.
 * Rejections are values (`ok: false` with every issue), never exceptions.
 */
export function createImportParser({ kind, file = 'input', mode = 'all', options = {} }: CreateImportParserParameters): ImportParser {
  if (kind === 'generation-csv') {
    const csv = createGenerationCsvParser({ file, mode, timeZone: options.timeZone });
    // A fatal header problem throws on the first chunk; it is reported once, from finish.
    let failure: unknown;
    return {
      push(chunk) {
        if (failure) return;
        try {
          csv.push(chunk);
        } catch (e) {
          failure = e;
        }
      },
      finish: () =>
        settle(() => {
          if (failure) throw failure;
          return mixResult({ kind, file, series: csv.finish(), options });
        })
    };
  }
  const chunks: string[] = [];
  return {
    push: (chunk) => void chunks.push(chunk),
    finish: () => settle(() => parseText({ kind, text: chunks.join(''), file, mode, options }))
  };
}

/** Parses a whole text at once (tests, pasted text). */
export function parseImport({ text, ...rest }: CreateImportParserParameters & { text: string }): ParseImportResult {
  const parser = createImportParser(rest);
  parser.push(text);
  return parser.finish();
}

function settle(fn: () => ParseImportResult): ParseImportResult {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, issues: e.issues };
    throw e;
  }
}

type ParseTextParameters = { kind: ImportKindName; text: string; file: string; mode: ImportMode; options: ParseImportOptions };

function parseText({ kind, text, file, mode, options }: ParseTextParameters): ParseImportResult {
  switch (kind) {
    case 'ocpi-locations': {
      const r = parseOcpiLocations({ input: text, file, mode, defaultTimezone: options.site?.timezone ?? 'UTC' });
      if (r.locations.length === 0) return { ok: false, issues: [...r.leftOut, { file, where: '$', message: 'no usable Location in the file' }] };
      return { ok: true, parsed: { kind, locations: r.locations }, leftOut: r.leftOut, warnings: r.warnings };
    }
    case 'ocpi-patches': {
      const r = parseEvseStatusPatches({ input: text, file, mode, target: options.patchTarget });
      return { ok: true, parsed: { kind, patches: r.patches }, leftOut: r.leftOut, warnings: [] };
    }
    case 'ocpi-tariffs': {
      const r = parseOcpiTariffs({ input: text, file, slotMinutes: options.slotMinutes });
      return { ok: true, parsed: { kind, tariff: r.tariff }, leftOut: [], warnings: r.warnings };
    }
    case 'ocpi-sessions':
    case 'acn-sessions':
    case 'csv-sessions': {
      const r =
        kind === 'ocpi-sessions'
          ? parseOcpiSessions({ json: text, file, site: options.site })
          : kind === 'acn-sessions'
            ? parseAcnSessions({ json: text, file, site: options.site })
            : parseCsvSessions({ text, file, site: options.site, mapping: requireMapping(options.csvMapping, file) });
      // The replay readers skip bad sessions and report them; all-or-nothing turns any report into a rejection.
      if (mode === 'all' && r.issues.length > 0) return { ok: false, issues: r.issues };
      if (r.requests.length === 0) return { ok: false, issues: [...r.issues, { file, where: '$', message: 'no usable session in the file' }] };
      const logTimezone = kind === 'csv-sessions' ? (options.csvMapping?.timezone ?? 'UTC') : kind === 'acn-sessions' ? ACN_TIMEZONE : undefined;
      return { ok: true, parsed: { kind, requests: r.requests, ...(logTimezone ? { logTimezone } : {}) }, leftOut: r.issues, warnings: [] };
    }
    case 'generation-json':
    case 'generation-csv':
      // generation-csv streams through createImportParser; a whole text lands here only as JSON.
      return mixResult({ kind: 'generation-json', file, series: parseEnergyChartsJson({ input: text, file, mode }), options });
  }
}

function requireMapping(mapping: CsvColumnMapping | undefined, file: string): CsvColumnMapping {
  if (!mapping) throw new ValidationError([{ file, where: 'line 1', message: 'map the CSV columns first (arrival, departure, energy)' }]);
  return mapping;
}

function mixResult({
  kind,
  file,
  series,
  options
}: {
  kind: 'generation-json' | 'generation-csv';
  file: string;
  series: SlotMixSeries & { leftOut: ValidationIssue[]; warnings: ValidationIssue[]; priceEurPerMWh?: number[] };
  options: ParseImportOptions;
}): ParseImportResult {
  const timeZone = options.site?.timezone ?? 'UTC';
  const day = mixDayProfile({ mixes: series.mixes, timeline: series.timeline, timeZone, day: options.mixDay });
  if (!day.ok) return { ok: false, issues: [...series.leftOut, { file, where: '$', message: `${day.message} (site time zone ${timeZone})` }] };
  const { startMs, slotMinutes } = series.timeline;
  const maxSlots = Math.round((MAX_MIX_SERIES_DAYS * 1440) / slotMinutes);
  const warnings = [...series.warnings];
  if (series.mixes.length > maxSlots) {
    const cutMs = startMs + maxSlots * slotMinutes * 60_000;
    warnings.push({ file, where: '$', message: `the grid mix from ${new Date(cutMs).toISOString()} on (${series.mixes.length - maxSlots} slots) is not stored with the site: at most ${MAX_MIX_SERIES_DAYS} days are kept` });
  }
  const stored: GridMixSeries = { startMs, slotMinutes, mixes: series.mixes.length > maxSlots ? series.mixes.slice(0, maxSlots) : series.mixes };
  const parsed: ParsedImport = {
    kind,
    mixes: day.mixes,
    series: stored,
    day: day.day,
    days: day.days,
    totalSlots: series.mixes.length,
    gapSlots: series.gapSlots.length
  };
  if (series.priceEurPerMWh) {
    const dayPrices = mixDayProfile({ mixes: series.priceEurPerMWh.map((p) => ({ other: p })), timeline: series.timeline, timeZone, day: day.day });
    if (dayPrices.ok) parsed.pricePerKWh = dayPrices.mixes.map((m) => Math.round((m.other ?? 0) * 1e3) / 1e6);
  }
  return { ok: true, parsed, leftOut: series.leftOut, warnings };
}
