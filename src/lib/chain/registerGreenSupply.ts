import type { Account, Address } from 'viem';
import type { SourceKWh } from '../core/energy/sources';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';
import { ledgerSupplyWh } from './ledgerSupplyWh';
import { ledgerSlot } from './ledgerSlot';

/** Green supply of one finished slot, from the engine's results (kWh, by core source). */
export type GreenSupplySlot = {
  /** The app's slot number (day-relative, for display). */
  slot: number;
  /** Slot start, epoch ms: the ledger keys supply by it (ledgerSlot.ts). */
  startMs: number;
  /** Green kWh per source (only solar, wind, hydro and biomass count as green). */
  greenKWhBySource: SourceKWh;
  /** Hash of the evidence (meter export or certificate), 0x-bytes32. */
  evidenceHash: `0x${string}`;
};

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
 * Operator: registers the green Wh available per finished slot in one transaction (Wh and
 * categories as ledgerSupplyWh computes them).
 */
export async function registerGreenSupply({ client, account, ledgerAddress, siteId, slots, onStatus }: RegisterGreenSupplyParameters): Promise<TxOutcome> {
  const site = toBytes32Id({ id: siteId });
  const entries = slots.map(({ startMs, greenKWhBySource, evidenceHash }) => {
    const { greenWh, sourceWh } = ledgerSupplyWh({ greenKWhBySource });
    return { siteId: site, slot: BigInt(ledgerSlot({ startMs })), greenWh: BigInt(greenWh), sourceWh: sourceWh.map(BigInt) as [bigint, bigint, bigint, bigint], evidenceHash };
  });
  return sendLedgerTransaction({ client, account, ledgerAddress, functionName: 'registerGreenSupply', args: [entries], onStatus });
}
