import { OCPI_TO_SOURCE } from '../core/energy/ocpi-sources';
import type { SourceKWh } from '../core/energy/sources';

/** The ledger's `sourceWh[4]` order: OCPI's green categories (see IGreenClaimLedger.SupplyEntry). */
export const LEDGER_SOURCE_CATEGORIES = ['SOLAR', 'WIND', 'WATER', 'GENERAL_GREEN'] as const;

/** A slot's green supply as the ledger stores it: whole Wh, total and per ledger category. */
export type LedgerSupplyWh = { greenWh: number; sourceWh: [number, number, number, number] };

/** Parameters of {@link ledgerSupplyWh}. */
export type LedgerSupplyWhParameters = { greenKWhBySource: SourceKWh };

/**
 * Green kWh by core source → the Wh the ledger registers: each category rounds **up** (receipt
 * claims round down), so the engine's own split of a slot among any number of sessions always fits.
 * Categories map as core/energy/ocpi-sources does (WATER = hydro, GENERAL_GREEN = biomass).
 * @example ledgerSupplyWh({ greenKWhBySource: { solar: 1.2345, wind: 0.5 } }) // { greenWh: 1735, sourceWh: [1235, 500, 0, 0] }
 */
export function ledgerSupplyWh({ greenKWhBySource }: LedgerSupplyWhParameters): LedgerSupplyWh {
  // The 1e-6 Wh tolerance keeps float noise (1.0000000000002 kWh) from adding a phantom Wh.
  const wh = (kWh: number | undefined) => Math.max(0, Math.ceil((kWh ?? 0) * 1000 - 1e-6));
  const [solar, wind, water, general] = LEDGER_SOURCE_CATEGORIES.map((c) => wh(greenKWhBySource[OCPI_TO_SOURCE[c]]));
  return { greenWh: solar + wind + water + general, sourceWh: [solar, wind, water, general] };
}
