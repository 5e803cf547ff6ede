import type { Address, Client, Hex } from 'viem';
import { readContract } from 'viem/actions';
import { compareSupply, type OnChainSupply, type SupplyState } from './compareSupply';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import type { GreenSupplySlot } from './registerGreenSupply';
import { toBytes32Id } from './toBytes32Id';
import { ledgerSlot } from './ledgerSlot';

/** Parameters of {@link readSlotSupply}. */
export type ReadSlotSupplyParameters = { client: Client; ledgerAddress: Address; siteId: Hex; startMinute: number; lengthMinutes: number };

/** Registered and claimed green Wh of one (site, start minute, length) slot; version 0 = never registered. */
export async function readSlotSupply({ client, ledgerAddress, siteId, startMinute, lengthMinutes }: ReadSlotSupplyParameters): Promise<OnChainSupply> {
  const s = await readContract(client, { address: ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'getSlot', args: [siteId, BigInt(startMinute), lengthMinutes] });
  const sourceWh = s.registeredWh.map(Number);
  return {
    version: s.version,
    greenWh: sourceWh.reduce((a, b) => a + b, 0),
    claimedWh: s.claimedWh.reduce((a, b) => a + Number(b), 0),
    sourceWh,
    evidenceHash: s.evidenceHash,
    bundleIds: s.activeBundleId.filter((id) => id > 0n)
  };
}

/** Parameters of {@link readSupplyStates}. */
export type ReadSupplyStatesParameters = { client: Client; ledgerAddress: Address; siteId: string; supply: readonly GreenSupplySlot[] };

/** Reads the ledger's supply for each slot and compares it with the engine's (same order as `supply`). */
export async function readSupplyStates({ client, ledgerAddress, siteId, supply }: ReadSupplyStatesParameters): Promise<SupplyState[]> {
  const site = toBytes32Id({ id: siteId });
  return Promise.all(
    supply.map(async (engine) =>
      compareSupply({ engine, onChain: await readSlotSupply({ client, ledgerAddress, siteId: site, startMinute: ledgerSlot({ startMs: engine.startMs }), lengthMinutes: engine.lengthMinutes }) })
    )
  );
}
