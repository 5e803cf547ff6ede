import type { Address, Client } from 'viem';
import { compareSupply, type SupplyState } from './compareSupply';
import { readGreenSupply } from './readAttestation';
import type { GreenSupplySlot } from './registerGreenSupply';
import { toBytes32Id } from './toBytes32Id';
import { ledgerSlot } from './ledgerSlot';

/** Parameters of {@link readSupplyStates}. */
export type ReadSupplyStatesParameters = { client: Client; ledgerAddress: Address; siteId: string; supply: readonly GreenSupplySlot[] };

/** Reads the ledger's supply for each slot and compares it with the engine's (same order as `supply`). */
export async function readSupplyStates({ client, ledgerAddress, siteId, supply }: ReadSupplyStatesParameters): Promise<SupplyState[]> {
  const site = toBytes32Id({ id: siteId });
  return Promise.all(supply.map(async (engine) => compareSupply({ engine, onChain: await readGreenSupply({ client, ledgerAddress, siteId: site, slot: ledgerSlot({ startMs: engine.startMs }) }) })));
}
