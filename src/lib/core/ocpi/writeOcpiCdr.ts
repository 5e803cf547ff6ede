import { SOURCES, type Source, type SourceKWh } from '../energy/sources';
import { GREEN_SOURCES } from '../energy/sources';
import type { SessionState } from '../engine/types';
import type { Timeline } from '../time/timeline';

/** GreenSlot Source → OCPI EnergySourceCategory (the inverse of energy/ocpi-sources; `other` is booked as GENERAL_FOSSIL). */
export const SOURCE_TO_OCPI: Readonly<Record<Source, string>> = {
  solar: 'SOLAR',
  wind: 'WIND',
  hydro: 'WATER',
  biomass: 'GENERAL_GREEN',
  nuclear: 'NUCLEAR',
  gas: 'GAS',
  coal: 'COAL',
  other: 'GENERAL_FOSSIL'
};

/** The session facts a CDR needs (an engine SessionState fits). */
export type CdrSession = Pick<
  SessionState,
  'id' | 'evseId' | 'arrivalMs' | 'departureMs' | 'startSlot' | 'deliveredKWh' | 'greenKWh' | 'bySourceKWh' | 'co2G' | 'cost' | 'kwBySlot'
>;

/** Where the session took place, as OCPI's CdrLocation wants it (defaults fill a demo site). */
export type CdrPlace = {
  locationId: string;
  name?: string;
  address?: string;
  city?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-3. */
  country?: string;
  latitude?: number;
  longitude?: number;
  /** OCPI EVSE uid; default: the session's evseId. */
  evseUid?: string;
  /** eMI3 EVSE id; default: the EVSE uid. */
  evseId?: string;
  connectorId?: string;
  connectorStandard?: string;
  connectorFormat?: 'SOCKET' | 'CABLE';
  connectorPowerType?: 'AC_1_PHASE' | 'AC_2_PHASE' | 'AC_2_PHASE_SPLIT' | 'AC_3_PHASE' | 'DC';
};

/** Parameters of writeOcpiCdr. */
export type WriteOcpiCdrParams = {
  session: CdrSession;
  timeline: Timeline;
  place: CdrPlace;
  countryCode?: string;
  partyId?: string;
  currency?: string;
  /** Stamp for last_updated, UTC ms (default: the departure). */
  lastUpdatedMs?: number;
};

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * An OCPI 2.2.1 CDR-like object for a finished session. Standard CDR fields are filled from the
 * session; charging periods are runs of equal power (ENERGY kWh, POWER kW, TIME h) and idle
 * plugged-in runs (PARKING_TIME h). Non-standard addition: `energy_mix`, in OCPI's EnergyMix format,
 * holds the mix actually supplied (from bySourceKWh), its CO2 intensity, and is_green_energy when
 * every kWh was green. The token is an APP_USER placeholder: GreenSlot has no driver contract ids.
 */
export function writeOcpiCdr({
  session,
  timeline,
  place,
  countryCode = 'DE',
  partyId = 'GSL',
  currency = 'EUR',
  lastUpdatedMs
}: WriteOcpiCdrParams): Record<string, unknown> {
  const slotMs = timeline.slotMinutes * 60_000;
  const slotH = slotMs / 3_600_000;
  const periods: Record<string, unknown>[] = [];
  let i = 0;
  const kw = session.kwBySlot;
  while (i < kw.length) {
    let j = i + 1;
    while (j < kw.length && Math.abs(kw[j] - kw[i]) < 1e-9) j++;
    const startMs = timeline.startMs + (session.startSlot + i) * slotMs;
    const hours = (j - i) * slotH;
    periods.push({
      start_date_time: iso(startMs),
      dimensions:
        kw[i] > 0
          ? [
              { type: 'ENERGY', volume: r3(kw[i] * hours) },
              { type: 'POWER', volume: r3(kw[i]) },
              { type: 'TIME', volume: r3(hours) }
            ]
          : [{ type: 'PARKING_TIME', volume: r3(hours) }]
    });
    i = j;
  }
  if (periods.length === 0) periods.push({ start_date_time: iso(session.arrivalMs), dimensions: [{ type: 'ENERGY', volume: r3(session.deliveredKWh) }] });
  const totalHours = (session.departureMs - session.arrivalMs) / 3_600_000;
  const chargingHours = kw.filter((v) => v > 0).length * slotH;
  const evseUid = place.evseUid ?? session.evseId;
  return {
    country_code: countryCode,
    party_id: partyId,
    id: `CDR-${session.id}`,
    start_date_time: iso(session.arrivalMs),
    end_date_time: iso(session.departureMs),
    session_id: session.id,
    cdr_token: { country_code: countryCode, party_id: partyId, uid: session.id, type: 'APP_USER', contract_id: `${countryCode}-${partyId}-${session.id}` },
    auth_method: 'COMMAND',
    cdr_location: {
      id: place.locationId,
      ...(place.name ? { name: place.name } : {}),
      address: place.address ?? '',
      city: place.city ?? '',
      ...(place.postalCode ? { postal_code: place.postalCode } : {}),
      country: place.country ?? '',
      coordinates: { latitude: (place.latitude ?? 0).toFixed(6), longitude: (place.longitude ?? 0).toFixed(6) },
      evse_uid: evseUid,
      evse_id: place.evseId ?? evseUid,
      connector_id: place.connectorId ?? '1',
      connector_standard: place.connectorStandard ?? 'IEC_62196_T2',
      connector_format: place.connectorFormat ?? 'SOCKET',
      connector_power_type: place.connectorPowerType ?? 'AC_3_PHASE'
    },
    currency,
    charging_periods: periods,
    total_cost: { excl_vat: Math.round(session.cost * 100) / 100 },
    total_energy: r3(session.deliveredKWh),
    total_time: r3(totalHours),
    total_parking_time: r3(Math.max(0, totalHours - chargingHours)),
    energy_mix: suppliedEnergyMix({ bySourceKWh: session.bySourceKWh, co2G: session.co2G, deliveredKWh: session.deliveredKWh, greenKWh: session.greenKWh }),
    last_updated: iso(lastUpdatedMs ?? session.departureMs)
  };
}

/** OCPI EnergyMix of energy actually supplied: percentages per category, CO2 g/kWh. */
export function suppliedEnergyMix({
  bySourceKWh,
  co2G,
  deliveredKWh,
  greenKWh
}: {
  bySourceKWh: SourceKWh;
  co2G: number;
  deliveredKWh: number;
  greenKWh: number;
}): Record<string, unknown> {
  const total = SOURCES.reduce((s, src) => s + (bySourceKWh[src] ?? 0), 0);
  const energySources = SOURCES.filter((s) => (bySourceKWh[s] ?? 0) > 0).map((s) => ({
    source: SOURCE_TO_OCPI[s],
    percentage: Math.round(((bySourceKWh[s] ?? 0) / total) * 10_000) / 100
  }));
  const green = GREEN_SOURCES.reduce((s, src) => s + (bySourceKWh[src] ?? 0), 0);
  return {
    is_green_energy: total > 0 && green >= total - 1e-9 && greenKWh >= deliveredKWh - 1e-9,
    energy_sources: energySources,
    environ_impact: deliveredKWh > 0 ? [{ category: 'CARBON_DIOXIDE', amount: Math.round((co2G / deliveredKWh) * 10) / 10 }] : [],
    supplier_name: 'GreenSlot (energy actually supplied)'
  };
}
