import type { ValidationIssue } from '../errors';
import { dropNulls, importIssues, jsonPath, settleIssues, type ImportMode, type ImportReport } from './importIssues';
import { ocpiCdrSchema, ocpiSessionSchema, type OcpiChargingPeriod } from './ocpiSessionSchema';
import { unwrapOcpiPayload } from './unwrapOcpiPayload';

/** A live OCPI Session as GreenSlot stores it: times in epoch ms, periods as the backend sent them. */
export type LiveSession = {
  /** `country_code*party_id*id`: OCPI ids are unique per CPO only. */
  key: string;
  countryCode: string;
  partyId: string;
  id: string;
  status: 'ACTIVE' | 'COMPLETED' | 'INVALID' | 'PENDING' | 'RESERVATION';
  startMs: number;
  endMs?: number;
  /** Energy charged so far, kWh (`kwh`). */
  kwh: number;
  locationId: string;
  evseUid: string;
  connectorId: string;
  /** The reference the app gave when it started or authorised the session (links it to a GreenSlot request). */
  authorizationReference?: string;
  currency: string;
  totalCostExclVat?: number;
  periods: OcpiChargingPeriod[];
  /** OCPI `last_updated`, epoch ms. */
  lastUpdatedMs: number;
};

/** A CDR (the final, signed-off figures of a session) as GreenSlot stores it. */
export type LiveCdr = {
  /** `country_code*party_id*id`. */
  key: string;
  countryCode: string;
  partyId: string;
  id: string;
  /** Key of the Session this CDR closes (same CPO), when `session_id` is given. */
  sessionKey?: string;
  authorizationReference?: string;
  startMs: number;
  endMs: number;
  /** `total_energy`, kWh. */
  totalEnergyKWh: number;
  /** `total_time`, h. */
  totalTimeH: number;
  locationId: string;
  evseUid: string;
  connectorId: string;
  currency: string;
  totalCostExclVat: number;
  periods: OcpiChargingPeriod[];
  lastUpdatedMs: number;
};

/** What {@link parseOcpiLive} returns. */
export type ParseOcpiLiveResult = ImportReport & { sessions: LiveSession[]; cdrs: LiveCdr[] };

/** Parameters of {@link parseOcpiLive}. */
export type ParseOcpiLiveParameters = {
  /** Parsed JSON: one Session/CDR, a list, or an OCPI response envelope around either. */
  json: unknown;
  file?: string;
  mode?: ImportMode;
  /** Which module the objects came from; `auto` tells a CDR by `cdr_location`/`total_energy`. */
  kind?: 'session' | 'cdr' | 'auto';
};

/** `country_code*party_id*id`: the key of a Session or CDR. */
export function liveKey({ countryCode, partyId, id }: { countryCode: string; partyId: string; id: string }): string {
  return `${countryCode}*${partyId}*${id}`;
}

// OCPI DateTime without a zone means UTC.
const ms = (s: string) => Date.parse(/[Zz]$|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`);

/**
 * Reads live OCPI 2.2.1 Sessions and CDRs (polled pages or a dropped file), validated with zod;
 * every bad object is named by its JSON path (`$.data[3].charging_periods[1].dimensions[0].type`).
 * All-or-nothing by default; `mode: 'partial'` keeps the valid objects and lists the rest in `leftOut`.
 * @example parseOcpiLive({ json: await res.json() }).sessions
 */
export function parseOcpiLive({ json, file = 'input', mode = 'all', kind = 'auto' }: ParseOcpiLiveParameters): ParseOcpiLiveResult {
  const unwrapped = unwrapOcpiPayload({ json, file });
  const issues: ValidationIssue[] = [...unwrapped.issues];
  const sessions: LiveSession[] = [];
  const cdrs: LiveCdr[] = [];
  for (const { value, path } of unwrapped.items) {
    const item = dropNulls(value);
    const isObj = typeof item === 'object' && item !== null && !Array.isArray(item);
    const isCdr = kind === 'cdr' || (kind === 'auto' && isObj && ('cdr_location' in item || 'total_energy' in item));
    const before = issues.length;
    if (isCdr) {
      const r = ocpiCdrSchema.safeParse(item);
      if (!r.success) {
        issues.push(...importIssues({ error: r.error, input: item, file, basePath: path }));
        continue;
      }
      const c = r.data;
      const cdr: LiveCdr = {
        key: liveKey({ countryCode: c.country_code, partyId: c.party_id, id: c.id }),
        countryCode: c.country_code,
        partyId: c.party_id,
        id: c.id,
        startMs: ms(c.start_date_time),
        endMs: ms(c.end_date_time),
        totalEnergyKWh: c.total_energy,
        totalTimeH: c.total_time,
        locationId: c.cdr_location.id,
        evseUid: c.cdr_location.evse_uid,
        connectorId: c.cdr_location.connector_id,
        currency: c.currency,
        totalCostExclVat: c.total_cost.excl_vat,
        periods: c.charging_periods,
        lastUpdatedMs: ms(c.last_updated)
      };
      if (c.session_id) cdr.sessionKey = liveKey({ countryCode: c.country_code, partyId: c.party_id, id: c.session_id });
      if (c.authorization_reference) cdr.authorizationReference = c.authorization_reference;
      checkTimes({ startMs: cdr.startMs, endMs: cdr.endMs, periods: cdr.periods, file, path, issues });
      if (issues.length === before) cdrs.push(cdr);
    } else {
      const r = ocpiSessionSchema.safeParse(item);
      if (!r.success) {
        issues.push(...importIssues({ error: r.error, input: item, file, basePath: path }));
        continue;
      }
      const s = r.data;
      const session: LiveSession = {
        key: liveKey({ countryCode: s.country_code, partyId: s.party_id, id: s.id }),
        countryCode: s.country_code,
        partyId: s.party_id,
        id: s.id,
        status: s.status,
        startMs: ms(s.start_date_time),
        kwh: s.kwh,
        locationId: s.location_id,
        evseUid: s.evse_uid,
        connectorId: s.connector_id,
        currency: s.currency,
        periods: s.charging_periods ?? [],
        lastUpdatedMs: ms(s.last_updated)
      };
      if (s.end_date_time) session.endMs = ms(s.end_date_time);
      if (s.authorization_reference) session.authorizationReference = s.authorization_reference;
      if (s.total_cost) session.totalCostExclVat = s.total_cost.excl_vat;
      checkTimes({ startMs: session.startMs, endMs: session.endMs, periods: session.periods, file, path, issues });
      if (issues.length === before) sessions.push(session);
    }
  }
  return { sessions, cdrs, leftOut: settleIssues({ issues, mode }) };
}

// Periods must lie inside the session and move forward: the energy of a period is spread over
// [its start, the next period's start), which means nothing if they are out of order.
function checkTimes({
  startMs,
  endMs,
  periods,
  file,
  path,
  issues
}: {
  startMs: number;
  endMs: number | undefined;
  periods: OcpiChargingPeriod[];
  file: string;
  path: (string | number)[];
  issues: ValidationIssue[];
}): void {
  if (endMs !== undefined && endMs < startMs) {
    issues.push({ file, where: jsonPath([...path, 'end_date_time']), message: 'expected an end at or after start_date_time' });
  }
  let prev = -Infinity;
  periods.forEach((p, i) => {
    const t = ms(p.start_date_time);
    const where = jsonPath([...path, 'charging_periods', i, 'start_date_time']);
    if (t < startMs) issues.push({ file, where, message: 'expected a period starting at or after the session start_date_time' });
    else if (endMs !== undefined && t > endMs) issues.push({ file, where, message: 'expected a period starting at or before the session end_date_time' });
    else if (t < prev) issues.push({ file, where, message: 'expected charging periods in time order' });
    prev = t;
  });
}
