import { ValidationError, type ValidationIssue } from '../errors';
import type { Site } from '../grid/site';
import type { ChargingRequest, Preference } from '../model/charging-request';
import { buildReplayRequest, dropDuplicateIds } from './build-replay-request';
import { readCsvTable } from './csv-table';
import { issueAt, readFiniteNumber, readTimestamp, type TimestampField } from './field-readers';
import type { ReplayParseResult } from './parse-acn-sessions';

/** How time cells are written: ISO 8601, epoch ms or s, or a local pattern such as `DD.MM.YYYY HH:mm`. */
export type CsvTimeFormat = 'iso' | 'epoch-ms' | 'epoch-s' | { pattern: string };

/** Which columns hold what in a session CSV, and how its cells are written. */
export type CsvColumnMapping = {
  /** Session id column; default `line-<N>`. */
  id?: string;
  /** Plug-in time column, or the date part of one column joined with the time-of-day part of another. */
  arrival: string | { date: string; time: string };
  /** Plug-out time column, or a duration column (minutes or hours) counted from arrival. */
  departure: string | { durationMinutes: string } | { durationHours: string };
  energyKWh: string;
  evseId?: string;
  /** Request time column; default = arrival. */
  requestTime?: string;
  vehicleMaxKw?: string;
  /** Default `iso`. */
  timeFormat?: CsvTimeFormat;
  /** IANA zone of times without a zone designator (patterns, zone-less ISO). Default UTC. */
  timezone?: string;
  /** Default `,`. */
  delimiter?: string;
  /** Numbers written `12,5` (Trondheim). */
  decimalComma?: boolean;
  /** Vehicle power when there is no column and the EVSE is not in the site, kW (default 7.4). */
  defaultVehicleMaxKw?: number;
};

/** Parameters of {@link parseCsvSessions}. */
export type ParseCsvSessionsParameters = {
  text: string;
  mapping: CsvColumnMapping;
  file?: string;
  /** When given, a session at a known EVSE gets that EVSE's maxKw as vehicle power (without a column). */
  site?: Site;
  /** Read only the first N data rows (a slice of a large log). */
  maxRows?: number;
  preference?: Preference;
};

/**
 * Reads a session log CSV through a column mapping into ChargingRequests (see
 * `CSV_MAPPINGS` for Trondheim and Boulder). A bad row is reported as `line N` with the column
 * and what was expected, and skipped; a missing mapped column throws ValidationError.
 * @example parseCsvSessions({ text, mapping: CSV_MAPPINGS.trondheim, file: 'trondheim.csv' })
 */
export function parseCsvSessions({ text, mapping, file = 'input', site, maxRows, preference = 'balanced' }: ParseCsvSessionsParameters): ReplayParseResult {
  const { header, rows } = readCsvTable({ text, delimiter: mapping.delimiter ?? ',', file, maxRows });
  const index = new Map(header.map((h, i) => [h, i]));
  const columnsNeeded: [string, string][] = [];
  const need = (path: string, col: string | undefined) => {
    if (col !== undefined) columnsNeeded.push([path, col]);
  };
  need('$.id', mapping.id);
  if (typeof mapping.arrival === 'string') need('$.arrival', mapping.arrival);
  else {
    need('$.arrival.date', mapping.arrival.date);
    need('$.arrival.time', mapping.arrival.time);
  }
  if (typeof mapping.departure === 'string') need('$.departure', mapping.departure);
  else if ('durationMinutes' in mapping.departure) need('$.departure.durationMinutes', mapping.departure.durationMinutes);
  else need('$.departure.durationHours', mapping.departure.durationHours);
  need('$.energyKWh', mapping.energyKWh);
  need('$.evseId', mapping.evseId);
  need('$.requestTime', mapping.requestTime);
  need('$.vehicleMaxKw', mapping.vehicleMaxKw);
  const missing = columnsNeeded.filter(([, col]) => !index.has(col));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map(([path, col]) => issueAt(file, 'line 1', `expected a column "${col}" (mapping ${path}); the header has ${header.map((h) => JSON.stringify(h)).join(', ')}`))
    );
  }
  const timezone = mapping.timezone ?? 'UTC';
  const readTime = timeReader(mapping.timeFormat ?? 'iso', timezone);
  const decimalComma = mapping.decimalComma ?? false;
  const evseMax = new Map((site?.evses ?? []).map((e) => [e.id, e.maxKw]));
  const issues: ValidationIssue[] = [];
  const entries: { where: string; request: ChargingRequest }[] = [];
  for (const { line, cells } of rows) {
    const where = `line ${line}`;
    const cell = (col: string | undefined) => (col === undefined ? undefined : (cells[index.get(col) as number] ?? '').trim());
    if (cells.length !== header.length) {
      issues.push(issueAt(file, where, `expected ${header.length} fields like the header (got ${cells.length})`));
      continue;
    }
    let arrival: TimestampField;
    if (typeof mapping.arrival === 'string') arrival = readTime(cell(mapping.arrival));
    else {
      const datePart = cell(mapping.arrival.date)?.split(/[T ]/)[0];
      const timePart = cell(mapping.arrival.time)?.split(/[T ]/).slice(1).join(' ');
      arrival = datePart && timePart ? readTime(`${datePart} ${timePart}`) : { ms: undefined, problem: 'expected a date and a time of day' };
    }
    const arrivalMs = arrival.ms;
    let departureMs: number | undefined;
    let departure: TimestampField | undefined;
    if (typeof mapping.departure === 'string') departureMs = (departure = readTime(cell(mapping.departure))).ms;
    else {
      const minutes =
        'durationMinutes' in mapping.departure
          ? readFiniteNumber(cell(mapping.departure.durationMinutes), { decimalComma })
          : mulDefined(readFiniteNumber(cell(mapping.departure.durationHours), { decimalComma }), 60);
      departureMs = arrivalMs !== undefined && minutes !== undefined ? arrivalMs + Math.round(minutes * 60_000) : undefined;
    }
    const energyKWh = readFiniteNumber(cell(mapping.energyKWh), { decimalComma });
    const evseCell = cell(mapping.evseId);
    const evseId = evseCell ? evseCell : null;
    const vehicleCell = mapping.vehicleMaxKw !== undefined ? readFiniteNumber(cell(mapping.vehicleMaxKw), { decimalComma }) : undefined;
    const vehicleMaxKw = mapping.vehicleMaxKw !== undefined ? vehicleCell : ((evseId !== null ? evseMax.get(evseId) : undefined) ?? mapping.defaultVehicleMaxKw ?? 7.4);
    const request = mapping.requestTime !== undefined ? readTime(cell(mapping.requestTime)) : undefined;
    const departureColumn = typeof mapping.departure === 'string' ? mapping.departure : Object.values(mapping.departure)[0];
    const built = buildReplayRequest({
      file,
      where,
      style: 'csv',
      fields: {
        id: mapping.id !== undefined ? cell(mapping.id) : `line-${line}`,
        requestMs: request ? (request.ms ?? Number.NaN) : undefined,
        arrivalMs,
        departureMs,
        energyKWh,
        vehicleMaxKw,
        evseId,
        loggedKWh: energyKWh,
        preference,
        origin: 'csv',
        problems: { arrivalMs: arrival.problem, departureMs: departure?.problem, requestMs: request?.problem }
      },
      sources: {
        id: mapping.id,
        requestMs: mapping.requestTime,
        arrivalMs: typeof mapping.arrival === 'string' ? mapping.arrival : `${mapping.arrival.date}+${mapping.arrival.time}`,
        departureMs: departureColumn,
        energyKWh: mapping.energyKWh,
        vehicleMaxKw: mapping.vehicleMaxKw
      }
    });
    if (built.request) entries.push({ where, request: built.request });
    else issues.push(...built.issues);
  }
  const unique = dropDuplicateIds({ file, entries });
  return { requests: unique.requests, issues: [...issues, ...unique.issues] };
}

function mulDefined(x: number | undefined, k: number): number | undefined {
  return x === undefined ? undefined : x * k;
}

function timeReader(format: CsvTimeFormat, timeZone: string): (value: string | undefined) => TimestampField {
  if (format === 'iso') return (v) => readTimestamp(v, { timeZone, epoch: 'none' });
  if (format === 'epoch-ms' || format === 'epoch-s') {
    const epoch = format === 'epoch-ms' ? 'ms' : 's';
    return (v) =>
      v !== undefined && !/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)
        ? { ms: undefined, problem: `expected epoch ${epoch === 'ms' ? 'milliseconds' : 'seconds'}, got "${v}"` }
        : readTimestamp(v, { epoch });
  }
  return (v) => readTimestamp(v, { timeZone, pattern: format.pattern });
}
