import type { Account, Address } from 'viem';
import { OCPI_TO_SOURCE } from '../core/energy/ocpi-sources';
import type { SourceKWh } from '../core/energy/sources';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';

/** Green supply of one finished slot, from the engine's results (kWh, by core source). */
export type GreenSupplySlot = {
  slot: number;
  /** Green kWh per source (only solar, wind, hydro and biomass count as green). */
  greenKWhBySource: SourceKWh;
  /** Hash of the evidence (meter export or certificate), 0x-bytes32. */
  evidenceHash: `0x${string}`;
};

/** The ledger's `sourceWh[4]` order: OCPI's green categories (see IGreenClaimLedger.SupplyEntry). */
export const LEDGER_SOURCE_CATEGORIES = ['SOLAR', 'WIND', 'WATER', 'GENERAL_GREEN'] as const;

/** Parameters of {@link registerGreenSupply}. */
export type RegisterGreenSupplyParameters = {
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  siteId: string;
  slots: GreenSupplySlot[];
  onStatus?: (status: TxStatus) => void;
};

/**
 * Operator: registers the green Wh available per finished slot in one transaction. The ledger's
 * categories are OCPI's green ones, mapped as core/energy/ocpi-sources does (WATER = hydro,
 * GENERAL_GREEN = biomass).
 */
export async function registerGreenSupply({ client, account, ledgerAddress, siteId, slots, onStatus }: RegisterGreenSupplyParameters): Promise<TxOutcome> {
  const site = toBytes32Id({ id: siteId });
  // Supply rounds up and receipt claims round down (receipt.ts), so the engine's own split always fits.
  const wh = (kWh: number | undefined) => BigInt(Math.max(0, Math.ceil((kWh ?? 0) * 1000 - 1e-6)));
  const entries = slots.map(({ slot, greenKWhBySource: g, evidenceHash }) => {
    const [solar, wind, water, general] = LEDGER_SOURCE_CATEGORIES.map((c) => wh(g[OCPI_TO_SOURCE[c]]));
    const sourceWh = [solar, wind, water, general] as const;
    return { siteId: site, slot: BigInt(slot), greenWh: sourceWh.reduce((a, b) => a + b, 0n), sourceWh, evidenceHash };
  });
  return sendLedgerTransaction({ client, account, ledgerAddress, functionName: 'registerGreenSupply', args: [entries], onStatus });
}
