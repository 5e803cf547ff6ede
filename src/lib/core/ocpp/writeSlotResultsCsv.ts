import { SOURCES } from '../energy/sources';
import type { SlotRecord } from '../engine/types';
import { csvDocument } from './csvField';

/** The slot facts the CSV holds (an engine SlotRecord fits). */
export type SlotCsvRow = Pick<
  SlotRecord,
  | 'slot'
  | 'startMs'
  | 'evKw'
  | 'evEnergyKWh'
  | 'greenKWh'
  | 'greenShare'
  | 'baseLoadKw'
  | 'pvKw'
  | 'netLoadKw'
  | 'limitKw'
  | 'overKw'
  | 'gridMix'
  | 'co2GPerKWh'
  | 'pricePerKWh'
  | 'chargingSessions'
>;

/**
 * CSV of slot results, one row per executed slot: power in kW, energy in kWh, the grid mix as
 * `mix_<source>` shares (SOURCES order), CO2 intensity and price. Site-wide figures only; per-node
 * records stay in the JSON snapshot.
 */
export function writeSlotResultsCsv({ slots }: { slots: readonly SlotCsvRow[] }): string {
  const header = [
    'slot',
    'start_utc',
    'ev_kw',
    'ev_energy_kwh',
    'green_kwh',
    'green_share',
    'base_load_kw',
    'pv_kw',
    'net_load_kw',
    'limit_kw',
    'over_kw',
    'co2_g_per_kwh',
    'price_per_kwh',
    'charging_sessions',
    ...SOURCES.map((s) => `mix_${s}`)
  ];
  const rows = slots.map((r) => [
    r.slot,
    new Date(r.startMs).toISOString(),
    r.evKw,
    r.evEnergyKWh,
    r.greenKWh,
    r.greenShare,
    r.baseLoadKw,
    r.pvKw,
    r.netLoadKw,
    r.limitKw,
    r.overKw,
    r.co2GPerKWh,
    r.pricePerKWh,
    r.chargingSessions,
    ...SOURCES.map((s) => r.gridMix[s] ?? 0)
  ]);
  return csvDocument({ header, rows });
}
