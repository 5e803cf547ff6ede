import { ValidationError, type ValidationIssue } from '../errors';
import type { Site } from '../grid/site';
import type { ChargingRequest, Preference } from '../model/charging-request';
import { buildReplayRequest, dropDuplicateIds } from './build-replay-request';
import { issueAt, readFiniteNumber, readTimestamp } from './field-readers';
import { parseJsonInput } from './parse-json-input';

/**
 * Caltech's common EVSE rating, 32 A × 208 V = 6.656 kW: the vehicle power assumed when the log
 * (which has none) cannot be matched to an EVSE of the site.
 */
export const ACN_DEFAULT_VEHICLE_MAX_KW = 6.656;

/** Parameters of {@link parseAcnSessions}. */
export type ParseAcnSessionsParameters = {
  /** ACN-Data API JSON (`{ _items: [...] }` or a bare array), as text or already parsed. */
  json: unknown;
  /** File name for issues. */
  file?: string;
  /**
   * `requested` (default): the driver's last `userInputs[].kWhRequested`, falling back to
   * `kWhDelivered` when the session has no user input (most do not); `delivered`: always `kWhDelivered`.
   */
  energy?: 'requested' | 'delivered';
  /**
   * `disconnect` (default): departure = `disconnectTime`; `requested`: the driver's
   * `requestedDeparture` (or connection + `minutesAvailable`), falling back to `disconnectTime`.
   */
  departure?: 'disconnect' | 'requested';
  /** When given, a session at a known EVSE (spaceID) gets that EVSE's maxKw as vehicle power. */
  site?: Site;
  /** Vehicle power when the EVSE is unknown, kW. */
  vehicleMaxKw?: number;
  preference?: Preference;
};

/** Result of a replay parser: usable requests plus one issue per skipped session. */
export type ReplayParseResult = { requests: ChargingRequest[]; issues: ValidationIssue[] };

/**
 * Reads ACN-Data sessions (Lee, Li & Low, e-Energy '19) into ChargingRequests: request time =
 * arrival = `connectionTime`, EVSE = `spaceID` (e.g. CA-496), `loggedKWh` = `kWhDelivered`.
 * A bad session is reported and skipped; a document that is not ACN-Data throws ValidationError.
 * @example parseAcnSessions({ json: text, file: 'acn.json', energy: 'delivered' })
 */
export function parseAcnSessions({
  json,
  file = 'input',
  energy = 'requested',
  departure = 'disconnect',
  site,
  vehicleMaxKw = ACN_DEFAULT_VEHICLE_MAX_KW,
  preference = 'balanced'
}: ParseAcnSessionsParameters): ReplayParseResult {
  const doc = parseJsonInput({ json, file });
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const items = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc._items) ? doc._items : undefined;
  const base = Array.isArray(doc) ? '$' : '$._items';
  if (!items) throw new ValidationError([issueAt(file, '$', 'expected ACN-Data JSON: an object with an `_items` array of sessions')]);
  if (items.length > 0 && !items.some((it) => isObj(it) && 'connectionTime' in it)) {
    throw new ValidationError([issueAt(file, `${base}[0]`, 'expected ACN-Data sessions (objects with connectionTime, disconnectTime, kWhDelivered)')]);
  }
  const evseMax = new Map((site?.evses ?? []).map((e) => [e.id, e.maxKw]));
  const issues: ValidationIssue[] = [];
  const entries: { where: string; request: ChargingRequest }[] = [];
  items.forEach((item, i) => {
    const where = `${base}[${i}]`;
    if (!isObj(item)) {
      issues.push(issueAt(file, where, 'expected a session object'));
      return;
    }
    const arrival = readTimestamp(item.connectionTime, { epoch: 'none', requireZone: true });
    const disconnect = readTimestamp(item.disconnectTime, { epoch: 'none', requireZone: true });
    const arrivalMs = arrival.ms;
    const disconnectMs = disconnect.ms;
    const delivered = readFiniteNumber(item.kWhDelivered);
    const inputs = Array.isArray(item.userInputs) ? item.userInputs.filter(isObj) : [];
    // ACN keeps every revision of the driver's input; the last one is what the driver finally asked for.
    const input = inputs[inputs.length - 1];
    const requestedKWh = input ? readFiniteNumber(input.kWhRequested) : undefined;
    let requestedDepartureMs = input ? readTimestamp(input.requestedDeparture, { epoch: 'none', requireZone: true }).ms : undefined;
    const minutes = input ? readFiniteNumber(input.minutesAvailable) : undefined;
    if (requestedDepartureMs === undefined && minutes !== undefined && arrivalMs !== undefined) requestedDepartureMs = arrivalMs + minutes * 60_000;
    const energyKWh = energy === 'requested' && requestedKWh !== undefined && requestedKWh > 0 ? requestedKWh : delivered;
    const departureMs = departure === 'requested' && requestedDepartureMs !== undefined && arrivalMs !== undefined && requestedDepartureMs > arrivalMs ? requestedDepartureMs : disconnectMs;
    const spaceId = typeof item.spaceID === 'string' && item.spaceID.trim() !== '' ? item.spaceID.trim() : null;
    const sessionId = typeof item.sessionID === 'string' ? item.sessionID : typeof item._id === 'string' ? item._id : undefined;
    const built = buildReplayRequest({
      file,
      where,
      fields: {
        id: sessionId,
        arrivalMs,
        departureMs,
        energyKWh,
        vehicleMaxKw: (spaceId !== null ? evseMax.get(spaceId) : undefined) ?? vehicleMaxKw,
        evseId: spaceId,
        loggedKWh: delivered,
        preference,
        origin: 'acn',
        problems: { arrivalMs: arrival.problem, departureMs: disconnect.problem }
      },
      sources: {
        id: 'sessionID',
        arrivalMs: 'connectionTime',
        departureMs: departure === 'requested' && requestedDepartureMs !== undefined ? 'userInputs' : 'disconnectTime',
        energyKWh: energyKWh === delivered ? 'kWhDelivered' : 'userInputs',
        loggedKWh: 'kWhDelivered'
      }
    });
    if (built.request) entries.push({ where, request: built.request });
    else issues.push(...built.issues);
  });
  const unique = dropDuplicateIds({ file, entries });
  return { requests: unique.requests, issues: [...issues, ...unique.issues] };
}
