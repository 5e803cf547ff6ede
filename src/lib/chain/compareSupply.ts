import type { Hex } from 'viem';
import type { GreenSupplySlot } from './registerGreenSupply';
import { ledgerSupplyWh, type LedgerSupplyWh } from './ledgerSupplyWh';

/** What the ledger holds for one (site, slot), as readGreenSupply returns it. */
export type OnChainSupply = {
  version: number;
  greenWh: number;
  claimedWh: number;
  sourceWh: readonly number[];
  evidenceHash: Hex;
  /** The slot's active granular-certificate bundle ids (non-zero only), one per source with unclaimed Wh. */
  bundleIds?: readonly bigint[];
};

/** On-chain state of one slot's supply compared with the engine's figures. */
export type SupplyState =
  | { state: 'not-registered'; slot: number; engine: LedgerSupplyWh }
  | { state: 'registered'; slot: number; engine: LedgerSupplyWh; claimedWh: number; version: number; bundleIds: readonly bigint[] }
  | {
      state: 'differs';
      slot: number;
      engine: LedgerSupplyWh;
      onChain: Pick<LedgerSupplyWh, 'greenWh' | 'sourceWh'>;
      claimedWh: number;
      /** What differs: the total, the split by category, the evidence hash. */
      differences: ('greenWh' | 'sourceWh' | 'evidenceHash')[];
    };

/** Parameters of {@link compareSupply}. */
export type CompareSupplyParameters = { engine: GreenSupplySlot; onChain: OnChainSupply };

/**
 * Compares the supply the engine's figures call for with what the ledger holds: not registered
 * (nothing stored), registered (same Wh per category and evidence), or registered with different
 * figures (which ones). A slot is registered once its version is > 0 (a 0-Wh registration counts:
 * it blocks the interval until amended).
 */
export function compareSupply({ engine, onChain }: CompareSupplyParameters): SupplyState {
  const want = ledgerSupplyWh({ greenKWhBySource: engine.greenKWhBySource });
  if (onChain.version === 0) return { state: 'not-registered', slot: engine.slot, engine: want };
  const have: Pick<LedgerSupplyWh, 'greenWh' | 'sourceWh'> = { greenWh: onChain.greenWh, sourceWh: [0, 1, 2, 3].map((i) => Number(onChain.sourceWh[i] ?? 0)) as LedgerSupplyWh['sourceWh'] };
  const differences: ('greenWh' | 'sourceWh' | 'evidenceHash')[] = [];
  if (have.greenWh !== want.greenWh) differences.push('greenWh');
  if (have.sourceWh.some((wh, i) => wh !== want.sourceWh[i])) differences.push('sourceWh');
  if (onChain.evidenceHash.toLowerCase() !== engine.evidenceHash.toLowerCase()) differences.push('evidenceHash');
  if (differences.length === 0) return { state: 'registered', slot: engine.slot, engine: want, claimedWh: onChain.claimedWh, version: onChain.version, bundleIds: onChain.bundleIds ?? [] };
  return { state: 'differs', slot: engine.slot, engine: want, onChain: have, claimedWh: onChain.claimedWh, differences };
}
