import { SOURCES } from '../energy/sources';
import type { SessionState } from '../engine/types';
import { csvDocument } from './csvField';

/** The session facts the CSV holds (an engine SessionState fits). */
export type SessionCsvRow = Pick<
  SessionState,
  'id' | 'evseId' | 'arrivalMs' | 'departureMs' | 'requestedKWh' | 'deliveredKWh' | 'greenKWh' | 'bySourceKWh' | 'co2G' | 'cost' | 'status'
> &
  Partial<Pick<SessionState, 'finishReason' | 'onSitePvKWh' | 'preference'>>;

/**
 * CSV of sessions, one row each: times as ISO 8601 UTC, energy in kWh, green share, CO2 in g, cost,
 * and kWh per source (`<source>_kwh` for every GreenSlot source, in SOURCES order).
 */
export function writeSessionsCsv({ sessions }: { sessions: readonly SessionCsvRow[] }): string {
  const header = [
    'session_id',
    'evse_id',
    'arrival_utc',
    'departure_utc',
    'preference',
    'status',
    'finish_reason',
    'requested_kwh',
    'delivered_kwh',
    'shortfall_kwh',
    'green_kwh',
    'green_share',
    'on_site_pv_kwh',
    'co2_g',
    'co2_g_per_kwh',
    'cost',
    ...SOURCES.map((s) => `${s}_kwh`)
  ];
  const rows = sessions.map((s) => [
    s.id,
    s.evseId,
    new Date(s.arrivalMs).toISOString(),
    new Date(s.departureMs).toISOString(),
    s.preference,
    s.status,
    s.finishReason,
    s.requestedKWh,
    s.deliveredKWh,
    Math.max(0, s.requestedKWh - s.deliveredKWh),
    s.greenKWh,
    s.deliveredKWh > 0 ? s.greenKWh / s.deliveredKWh : 0,
    s.onSitePvKWh,
    s.co2G,
    s.deliveredKWh > 0 ? s.co2G / s.deliveredKWh : 0,
    s.cost,
    ...SOURCES.map((src) => s.bySourceKWh[src] ?? 0)
  ]);
  return csvDocument({ header, rows });
}
