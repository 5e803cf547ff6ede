import type { ValidationIssue } from '../errors';
import type { Evse, PhaseConnection, Site } from '../grid/site';
import { connectorPowerKw, PHASES_BY_POWER_TYPE } from './connectorPowerKw';
import { dropNulls, importIssues, jsonPath, parseJsonText, settleIssues, type ImportMode } from './importIssues';
import {
  ocpiDateMs,
  ocpiEnergyMixSchema,
  ocpiEvseSchema,
  ocpiLocationSchema,
  type OcpiEvse,
  type OcpiEvseStatus
} from './ocpiLocationSchema';
import { ocpiSourceMix, type OcpiSourceMixResult } from './ocpiSourceMix';
import { unwrapOcpiPayload } from './unwrapOcpiPayload';

/** Last known status of one EVSE (keyed by OCPI `uid` in EvseStatusState). */
export type EvseStatusEntry = { status: OcpiEvseStatus; lastUpdatedMs: number };

/** Live status of a site's EVSEs by OCPI EVSE uid (= GreenSlot Evse.id). */
export type EvseStatusState = Record<string, EvseStatusEntry>;

/** Descriptive facts of an OCPI Location (display only; the optimizer never reads them). */
export type OcpiLocationFacts = {
  id: string;
  countryCode?: string;
  partyId?: string;
  name?: string;
  address?: string;
  city?: string;
  country?: string;
  latitude?: number;
  longitude?: number;
  operatorName?: string;
  publish?: boolean;
  lastUpdatedMs: number;
};

/** One imported OCPI Location. */
export type OcpiLocationImport = {
  /** The site: one connection node, the non-REMOVED EVSEs, and the energy mix as grid-mix default. */
  site: Site;
  /** Status of every EVSE in the file (REMOVED ones included, so later patches order correctly). */
  status: EvseStatusState;
  /** The Location's energy_mix in GreenSlot terms, when it has one. */
  energy?: OcpiSourceMixResult;
  /** Descriptive facts kept for display (not used by the optimizer). */
  location: OcpiLocationFacts;
};

/** Parameters of parseOcpiLocations. */
export type ParseOcpiLocationsParams = {
  /** JSON text, or an already-parsed value: a Location, an array, or an OCPI response envelope. */
  input: unknown;
  /** Name used in issues. */
  file?: string;
  mode?: ImportMode;
  /** IANA zone used when a Location has none or an invalid one. */
  defaultTimezone?: string;
  /** kW limit of the site's connection point; default: sum of EVSE maxima (OCPI says nothing about the grid). */
  connectionLimitKw?: number;
  /** Minimum AC charging current, A (IEC 61851: 6 A); sets Evse.minKw. DC EVSEs get 0. */
  acMinCurrentA?: number;
  /** Line-to-neutral voltage used when no AC connector states one, V. */
  defaultVoltageV?: number;
};

/** Result of parseOcpiLocations. */
export type ParseOcpiLocationsResult = {
  locations: OcpiLocationImport[];
  /** What was left out (partial mode; in `all` mode any issue throws instead). */
  leftOut: ValidationIssue[];
  /** Things accepted with a default (e.g. an unknown time zone); never cause a rejection. */
  warnings: ValidationIssue[];
};

/**
 * OCPI 2.2.1 (and 2.1.1) Locations → GreenSlot sites, EVSE status and energy mix.
 * All-or-nothing by default: any invalid Location, EVSE or energy_mix throws a ValidationError
 * listing every problem; `mode: 'partial'` keeps the valid Locations/EVSEs and reports the rest.
 */
export function parseOcpiLocations({
  input,
  file = 'input',
  mode = 'all',
  defaultTimezone = 'UTC',
  connectionLimitKw,
  acMinCurrentA = 6,
  defaultVoltageV = 230
}: ParseOcpiLocationsParams): ParseOcpiLocationsResult {
  const json = typeof input === 'string' ? parseJsonText({ text: input, file }) : input;
  const { items, issues } = unwrapOcpiPayload({ json: dropNulls(json), file });
  const warnings: ValidationIssue[] = [];
  const locations: OcpiLocationImport[] = [];

  for (const { value, path } of items) {
    const parsed = ocpiLocationSchema.safeParse(value);
    if (!parsed.success) {
      issues.push(...importIssues({ error: parsed.error, input: value, file, basePath: path }));
      continue;
    }
    const loc = parsed.data;
    const evses: OcpiEvse[] = [];
    // OCPI addresses an EVSE by location + uid: two EVSEs of one Location with one uid cannot both be stored.
    const uidAt = new Map<string, string>();
    (loc.evses ?? []).forEach((raw, i) => {
      const e = ocpiEvseSchema.safeParse(raw);
      if (!e.success) return void issues.push(...importIssues({ error: e.error, input: raw, file, basePath: [...path, 'evses', i] }));
      const where = jsonPath([...path, 'evses', i, 'uid']);
      const first = uidAt.get(e.data.uid);
      if (first !== undefined) return void issues.push({ file, where, message: `duplicate EVSE uid "${e.data.uid}" in this Location (already at ${first}): expected each EVSE of a Location to have its own uid` });
      uidAt.set(e.data.uid, where);
      evses.push(e.data);
    });
    let energy: OcpiSourceMixResult | undefined;
    if (loc.energy_mix !== undefined) {
      const m = ocpiEnergyMixSchema.safeParse(loc.energy_mix);
      if (m.success) energy = ocpiSourceMix({ energyMix: m.data });
      else issues.push(...importIssues({ error: m.error, input: loc.energy_mix, file, basePath: [...path, 'energy_mix'] }));
    }
    let timezone = defaultTimezone;
    if (loc.time_zone !== undefined) {
      if (isIanaZone(loc.time_zone)) timezone = loc.time_zone;
      else
        warnings.push({
          file,
          where: jsonPath([...path, 'time_zone']),
          message: `"${loc.time_zone}" is not an IANA time zone; using ${defaultTimezone}`
        });
    }
    locations.push(
      toImport({ loc, evses, energy, timezone, connectionLimitKw, acMinCurrentA, defaultVoltageV })
    );
  }
  return { locations, leftOut: settleIssues({ issues, mode }), warnings };
}

function toImport({
  loc,
  evses,
  energy,
  timezone,
  connectionLimitKw,
  acMinCurrentA,
  defaultVoltageV
}: {
  loc: ReturnType<typeof ocpiLocationSchema.parse>;
  evses: OcpiEvse[];
  energy: OcpiSourceMixResult | undefined;
  timezone: string;
  connectionLimitKw: number | undefined;
  acMinCurrentA: number;
  defaultVoltageV: number;
}): OcpiLocationImport {
  const rootId = `${loc.id}:connection`;
  const status: EvseStatusState = {};
  const siteEvses: Evse[] = [];
  // Single- and two-phase EVSEs are spread over the lines in turn, as installers balance them.
  let oneIdx = 0;
  let twoIdx = 0;
  const acVoltages: number[] = [];
  for (const e of evses) {
    status[e.uid] = { status: e.status, lastUpdatedMs: ocpiDateMs(e.last_updated) };
    if (e.status === 'REMOVED') continue;
    // Connectors of one EVSE cannot charge at once: the EVSE is as strong as its strongest connector.
    let best = e.connectors[0];
    let bestKw = connectorPowerKw({ connector: best });
    for (const c of e.connectors.slice(1)) {
      const kw = connectorPowerKw({ connector: c });
      if (kw > bestKw) [best, bestKw] = [c, kw];
    }
    let phase: PhaseConnection = '3P';
    if (best.power_type === 'AC_1_PHASE') phase = (['L1', 'L2', 'L3'] as const)[oneIdx++ % 3];
    else if (best.power_type === 'AC_2_PHASE_SPLIT') phase = 'AB';
    else if (best.power_type === 'AC_2_PHASE') phase = (['AB', 'BC', 'CA'] as const)[twoIdx++ % 3];
    const isDc = best.power_type === 'DC';
    const lnVoltage = best.max_voltage >= 380 && best.power_type === 'AC_3_PHASE' ? best.max_voltage / Math.sqrt(3) : best.max_voltage;
    if (!isDc && best.power_type !== 'AC_2_PHASE_SPLIT') acVoltages.push(lnVoltage);
    const phases = PHASES_BY_POWER_TYPE[best.power_type];
    const minKw = isDc ? 0 : Math.min(bestKw, (acMinCurrentA * lnVoltage * phases) / 1000);
    const evse: Evse = {
      id: e.uid,
      nodeId: rootId,
      maxKw: round3(bestKw),
      minKw: round3(minKw),
      phase,
      connectors: [...new Set(e.connectors.map((c) => c.standard))]
    };
    const name = e.evse_id ?? e.physical_reference;
    if (name !== undefined) evse.name = name;
    siteEvses.push(evse);
  }
  const sumKw = siteEvses.reduce((s, e) => s + e.maxKw, 0);
  const site: Site = {
    id: loc.id,
    name: loc.name ?? loc.address ?? loc.id,
    timezone,
    voltageV: acVoltages.length ? round3(acVoltages[0]) : defaultVoltageV,
    nodes: [{ id: rootId, parentId: null, kind: 'connection', name: 'grid connection', limitKw: connectionLimitKw ?? round3(sumKw) }],
    evses: siteEvses
  };
  if (energy?.mix) site.energy = { gridMix: [energy.mix] };
  const lat = loc.coordinates ? Number(loc.coordinates.latitude) : NaN;
  const lon = loc.coordinates ? Number(loc.coordinates.longitude) : NaN;
  const location: OcpiLocationImport['location'] = { id: loc.id, lastUpdatedMs: ocpiDateMs(loc.last_updated) };
  if (loc.country_code) location.countryCode = loc.country_code;
  if (loc.party_id) location.partyId = loc.party_id;
  if (loc.name) location.name = loc.name;
  if (loc.address) location.address = loc.address;
  if (loc.city) location.city = loc.city;
  if (loc.country) location.country = loc.country;
  if (Number.isFinite(lat)) location.latitude = lat;
  if (Number.isFinite(lon)) location.longitude = lon;
  if (loc.operator?.name) location.operatorName = loc.operator.name;
  if (loc.publish !== undefined) location.publish = loc.publish;
  const out: OcpiLocationImport = { site, status, location };
  if (energy) out.energy = energy;
  return out;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function isIanaZone(zone: string): boolean {
  // A bare country code like "NL" is not a zone; Intl would reject it anyway, but be explicit.
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
