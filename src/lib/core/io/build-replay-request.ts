import type { ValidationIssue } from '../errors';
import type { ChargingRequest, Preference, RequestOrigin } from '../model/charging-request';
import { issueAt } from './field-readers';
import { SESSION_LIMITS } from './session-limits';
import { PLAUSIBLE_TIME } from '../time/plausible-time';

/** Fields a replay parser has read for one session (undefined = missing or unreadable). */
export type ReplayFields = {
  id: string | undefined;
  requestMs?: number;
  arrivalMs: number | undefined;
  departureMs: number | undefined;
  energyKWh: number | undefined;
  vehicleMaxKw: number | undefined;
  evseId: string | null;
  loggedKWh?: number;
  preference: Preference;
  origin: RequestOrigin;
  /** Why a time field could not be read (the timestamp parser's reason), to put in its issue. */
  problems?: Partial<Record<'requestMs' | 'arrivalMs' | 'departureMs', string>>;
};

/** Parameters of {@link buildReplayRequest}. */
export type BuildReplayRequestParameters = {
  file: string;
  /** JSON path of the session (`$._items[3]`) or its CSV line (`line 14`). */
  where: string;
  fields: ReplayFields;
  /** Source field (JSON key path or CSV column) of each value, to name it in issues. */
  sources?: Partial<Record<keyof ReplayFields, string>>;
  /** `json`: issues point at `where.<source>`; `csv`: at `where`, naming the column. */
  style?: 'json' | 'csv';
};

/** Result of {@link buildReplayRequest}: the request, or the issues that make it unusable. */
export type BuildReplayRequestReturnType = { request: ChargingRequest; issues: [] } | { request: undefined; issues: ValidationIssue[] };

/**
 * Checks one replayed session's invariants (finite times, arrival < departure, request ≤ arrival,
 * energy > 0, vehicle power > 0) and builds the ChargingRequest; every failing field is an issue
 * at `where` (JSON path or `line N`), so the caller can skip just this session.
 */
export function buildReplayRequest({ file, where, fields, sources = {}, style = 'json' }: BuildReplayRequestParameters): BuildReplayRequestReturnType {
  const { id, arrivalMs, departureMs, energyKWh, vehicleMaxKw } = fields;
  const issues: ValidationIssue[] = [];
  const bad = (key: keyof ReplayFields, message: string) => {
    const src = sources[key];
    if (!src) issues.push(issueAt(file, where, message));
    else if (style === 'json') issues.push(issueAt(file, `${where}.${src}`, message));
    else issues.push(issueAt(file, where, `column ${src}: ${message}`));
  };
  const because = (key: 'requestMs' | 'arrivalMs' | 'departureMs') => (fields.problems?.[key] ? `: ${fields.problems[key]}` : '');
  const { earliestMs, latestMs, maxStayHours, maxEnergyKWh, maxVehicleKw } = SESSION_LIMITS;
  const iso = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));
  const plausible = (key: 'requestMs' | 'arrivalMs' | 'departureMs', ms: number, what: string) => {
    const ok = ms >= earliestMs && ms < latestMs;
    if (!ok) bad(key, `${what} ${iso(ms)} is outside the plausible years ${PLAUSIBLE_TIME.years} (a clock or unit error?)`);
    return ok;
  };
  let timesPlausible = true;
  if (!id) bad('id', 'expected a non-empty session id');
  if (arrivalMs === undefined || !Number.isFinite(arrivalMs)) bad('arrivalMs', `expected a valid arrival (plug-in) time${because('arrivalMs')}`);
  else timesPlausible = plausible('arrivalMs', arrivalMs, 'arrival');
  if (departureMs === undefined || !Number.isFinite(departureMs)) bad('departureMs', `expected a valid departure (plug-out) time${because('departureMs')}`);
  else timesPlausible = plausible('departureMs', departureMs, 'departure') && timesPlausible;
  if (arrivalMs !== undefined && departureMs !== undefined && Number.isFinite(arrivalMs) && Number.isFinite(departureMs)) {
    if (!(departureMs > arrivalMs)) bad('departureMs', `expected departure after arrival (got ${iso(departureMs)} ≤ ${iso(arrivalMs)})`);
    else if (timesPlausible && departureMs - arrivalMs > maxStayHours * 3_600_000) {
      bad('departureMs', `a stay of ${((departureMs - arrivalMs) / 86_400_000).toFixed(1)} days is longer than the plausible ${maxStayHours / 24} days`);
    }
  }
  if (energyKWh === undefined || !Number.isFinite(energyKWh)) bad('energyKWh', 'expected the session energy as a finite number of kWh');
  else if (!(energyKWh > 0)) bad('energyKWh', `expected energy > 0 kWh (got ${energyKWh})`);
  else if (energyKWh > maxEnergyKWh) bad('energyKWh', `expected at most ${maxEnergyKWh} kWh for one session (got ${energyKWh}; Wh read as kWh?)`);
  if (vehicleMaxKw === undefined || !Number.isFinite(vehicleMaxKw) || !(vehicleMaxKw > 0)) bad('vehicleMaxKw', 'expected a vehicle maximum power > 0 kW');
  else if (vehicleMaxKw > maxVehicleKw) bad('vehicleMaxKw', `expected a vehicle power of at most ${maxVehicleKw} kW (got ${vehicleMaxKw})`);
  const requestMs = fields.requestMs ?? arrivalMs;
  // Without its own request time a session's request is its arrival, already checked above.
  if (fields.requestMs !== undefined && !Number.isFinite(fields.requestMs)) bad('requestMs', `expected a valid request time${because('requestMs')}`);
  else if (fields.requestMs !== undefined && Number.isFinite(fields.requestMs)) {
    if (arrivalMs !== undefined && fields.requestMs > arrivalMs) bad('requestMs', 'expected the request time at or before arrival');
    else if (arrivalMs !== undefined && arrivalMs - fields.requestMs > maxStayHours * 3_600_000) bad('requestMs', `expected the request at most ${maxStayHours / 24} days before arrival`);
  }
  if (fields.loggedKWh !== undefined && !(Number.isFinite(fields.loggedKWh) && fields.loggedKWh >= 0)) bad('loggedKWh', 'expected delivered kWh ≥ 0');
  if (issues.length > 0) return { request: undefined, issues };
  const request: ChargingRequest = {
    id: id as string,
    requestMs: requestMs as number,
    arrivalMs: arrivalMs as number,
    departureMs: departureMs as number,
    energyKWh: energyKWh as number,
    vehicleMaxKw: vehicleMaxKw as number,
    evseId: fields.evseId,
    preference: fields.preference,
    origin: fields.origin
  };
  if (fields.loggedKWh !== undefined) request.loggedKWh = fields.loggedKWh;
  return { request, issues: [] };
}

/** Drops requests whose id was already seen, reporting each duplicate. */
export function dropDuplicateIds({ file, entries }: { file: string; entries: { where: string; request: ChargingRequest }[] }): { requests: ChargingRequest[]; issues: ValidationIssue[] } {
  const seen = new Set<string>();
  const requests: ChargingRequest[] = [];
  const issues: ValidationIssue[] = [];
  for (const { where, request } of entries) {
    if (seen.has(request.id)) issues.push(issueAt(file, where, `expected a unique session id (${request.id} appears earlier)`));
    else {
      seen.add(request.id);
      requests.push(request);
    }
  }
  return { requests, issues };
}
