import { ValidationError, type ValidationIssue } from '../errors';
import type { Site } from '../grid/site';
import type { ChargingRequest, Preference } from '../model/charging-request';
import { buildReplayRequest, dropDuplicateIds } from './build-replay-request';
import { issueAt, readFiniteNumber, readTimestamp } from './field-readers';
import { parseJsonInput } from './parse-json-input';
import type { ReplayParseResult } from './parse-acn-sessions';

/** Vehicle power assumed when an OCPI session's EVSE is not in the site (11 kW, 16 A three-phase AC), kW. */
export const OCPI_DEFAULT_VEHICLE_MAX_KW = 11;

/** Parameters of {@link parseOcpiSessions}. */
export type ParseOcpiSessionsParameters = {
  /** OCPI 2.2.1 Session or CDR objects: a list, one object, or a response envelope `{ data, status_code }`. */
  json: unknown;
  file?: string;
  /** `session`, `cdr`, or `auto` (default: CDR when an object has `cdr_location` or `total_energy`). */
  kind?: 'session' | 'cdr' | 'auto';
  /** When given, a session at a known EVSE (evse_uid) gets that EVSE's maxKw as vehicle power. */
  site?: Site;
  /** Vehicle power when the EVSE is unknown, kW. */
  vehicleMaxKw?: number;
  preference?: Preference;
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads OCPI 2.2.1 Sessions (`kwh`, `evse_uid`, `start_date_time`, `end_date_time`) or CDRs
 * (`total_energy`, `cdr_location.evse_uid`, `start_date_time`, `end_date_time`) into
 * ChargingRequests; request time = arrival = start. OCPI times are UTC (a missing zone means UTC).
 * A bad session is reported and skipped; a document that is not OCPI throws ValidationError.
 */
export function parseOcpiSessions({
  json,
  file = 'input',
  kind = 'auto',
  site,
  vehicleMaxKw = OCPI_DEFAULT_VEHICLE_MAX_KW,
  preference = 'balanced'
}: ParseOcpiSessionsParameters): ReplayParseResult {
  const doc = parseJsonInput({ json, file });
  let items: unknown[];
  let pathOf: (i: number) => string;
  if (isObj(doc) && 'data' in doc && 'status_code' in doc) {
    const data = doc.data;
    items = Array.isArray(data) ? data : [data];
    pathOf = Array.isArray(data) ? (i) => `$.data[${i}]` : () => '$.data';
  } else if (Array.isArray(doc)) {
    items = doc;
    pathOf = (i) => `$[${i}]`;
  } else if (isObj(doc)) {
    items = [doc];
    pathOf = () => '$';
  } else {
    throw new ValidationError([issueAt(file, '$', 'expected OCPI 2.2.1 Session or CDR objects (a list, one object, or a { data, status_code } envelope)')]);
  }
  if (items.length > 0 && !items.some((it) => isObj(it) && 'start_date_time' in it && ('kwh' in it || 'total_energy' in it))) {
    throw new ValidationError([issueAt(file, pathOf(0), 'expected OCPI Sessions (start_date_time, kwh) or CDRs (start_date_time, total_energy)')]);
  }
  const evseMax = new Map((site?.evses ?? []).map((e) => [e.id, e.maxKw]));
  const issues: ValidationIssue[] = [];
  const entries: { where: string; request: ChargingRequest }[] = [];
  items.forEach((item, i) => {
    const where = pathOf(i);
    if (!isObj(item)) {
      issues.push(issueAt(file, where, 'expected a Session or CDR object'));
      return;
    }
    const isCdr = kind === 'cdr' || (kind === 'auto' && ('cdr_location' in item || 'total_energy' in item));
    const loc = isCdr && isObj(item.cdr_location) ? item.cdr_location : undefined;
    const evseRaw = isCdr ? loc?.evse_uid : item.evse_uid;
    const evseId = typeof evseRaw === 'string' && evseRaw.trim() !== '' ? evseRaw.trim() : null;
    const energyKWh = readFiniteNumber(isCdr ? item.total_energy : item.kwh);
    // OCPI DateTime is UTC; a value without zone is read as UTC.
    const start = readTimestamp(item.start_date_time, { epoch: 'none' });
    const end = readTimestamp(item.end_date_time, { epoch: 'none' });
    const built = buildReplayRequest({
      file,
      where,
      fields: {
        id: typeof item.id === 'string' && item.id !== '' ? item.id : undefined,
        arrivalMs: start.ms,
        departureMs: end.ms,
        energyKWh,
        vehicleMaxKw: (evseId !== null ? evseMax.get(evseId) : undefined) ?? vehicleMaxKw,
        evseId,
        loggedKWh: energyKWh,
        preference,
        origin: 'ocpi',
        problems: { arrivalMs: start.problem, departureMs: end.problem }
      },
      sources: {
        id: 'id',
        arrivalMs: 'start_date_time',
        departureMs: 'end_date_time',
        energyKWh: isCdr ? 'total_energy' : 'kwh',
        loggedKWh: isCdr ? 'total_energy' : 'kwh'
      }
    });
    if (built.request) entries.push({ where, request: built.request });
    else issues.push(...built.issues);
  });
  const unique = dropDuplicateIds({ file, entries });
  return { requests: unique.requests, issues: [...issues, ...unique.issues] };
}
