import { OCPI_TO_SOURCE } from '../core/energy/ocpi-sources';
import type { SourceKWh } from '../core/energy/sources';

/** The ledger's `sourceWh[4]` order: OCPI's green categories (see IGreenClaimLedger.SupplyEntry). */
export const LEDGER_SOURCE_CATEGORIES = ['SOLAR', 'WIND', 'WATER', 'GENERAL_GREEN'] as const;

/**
 * The word a person reads for a ledger source index: the app's own source name (the receipt's source
 * table says the same), e.g. 2 (WATER) → "hydro", 3 (GENERAL_GREEN) → "biomass".
 */
export function ledgerSourceWord(source: number): string {
  const category = LEDGER_SOURCE_CATEGORIES[source];
  return category ? OCPI_TO_SOURCE[category] : `source ${source}`;
}

/**
 * A slot's green supply as the ledger stores it: whole Wh, total and per ledger category; and claimableWh,
 * the most the slot's receipts can claim together (floor of the unrounded total, so up to 3 Wh above greenWh).
 */
export type LedgerSupplyWh = { greenWh: number; sourceWh: [number, number, number, number]; claimableWh: number };

/** Parameters of {@link ledgerSupplyWh}. */
export type LedgerSupplyWhParameters = { greenKWhBySource: SourceKWh };

/**
 * Green kWh by core source → the Wh the ledger registers: each category rounds **down**, so no Wh is
 * registered without production behind it. Receipts claim per session `floor(kWh·1000)` in total, which
 * over a slot can reach claimableWh (≤ greenWh + 3); meteredReceiptFromReceipt therefore splits a claim by
 * sourceWh / max(greenWh, claimableWh), so the claims of any number of sessions still fit per source.
 * Categories map as core/energy/ocpi-sources does (WATER = hydro, GENERAL_GREEN = biomass).
 * @example ledgerSupplyWh({ greenKWhBySource: { solar: 1.2345, wind: 0.5 } }) // { greenWh: 1734, sourceWh: [1234, 500, 0, 0], claimableWh: 1734 }
 */
export function ledgerSupplyWh({ greenKWhBySource }: LedgerSupplyWhParameters): LedgerSupplyWh {
  // The 1e-6 Wh tolerance keeps float noise (0.29999999999999998 kWh) from losing a Wh.
  const wh = (kWh: number | undefined) => Math.max(0, Math.floor((kWh ?? 0) * 1000 + 1e-6));
  const kWh = LEDGER_SOURCE_CATEGORIES.map((c) => Math.max(0, greenKWhBySource[OCPI_TO_SOURCE[c]] ?? 0));
  const [solar, wind, water, general] = kWh.map(wh);
  const greenWh = solar + wind + water + general;
  // Generous tolerance (1e-3 Wh): a larger claimableWh only makes the split more conservative.
  const claimableWh = Math.max(greenWh, Math.floor(kWh.reduce((a, b) => a + b, 0) * 1000 + 1e-3));
  return { greenWh, sourceWh: [solar, wind, water, general], claimableWh };
}
