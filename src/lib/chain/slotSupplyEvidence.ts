import { keccak256, stringToBytes, type Hex } from 'viem';
import type { SlotRecord } from '../core/engine/types';
import { canonicalJson } from './receipt';

/**
 * The part of the engine's slot record that green supply is computed from and that its evidence
 * hash covers. The app persists exactly these fields on its slot rows (SlotResultRow), so anyone
 * holding the row (or a backup) can recompute both the supply and the hash.
 */
export type SlotSupplyEvidence = Pick<SlotRecord, 'slot' | 'startMs' | 'evKw' | 'evEnergyKWh' | 'greenKWh' | 'baseLoadKw' | 'pvKw' | 'gridMix'>;

/** The keys of {@link SlotSupplyEvidence}, in one place (picking and completeness checks use it). */
export const SLOT_SUPPLY_EVIDENCE_KEYS = ['slot', 'startMs', 'evKw', 'evEnergyKWh', 'greenKWh', 'baseLoadKw', 'pvKw', 'gridMix'] as const satisfies readonly (keyof SlotSupplyEvidence)[];

/** Parameters of {@link slotSupplyEvidence}. */
export type SlotSupplyEvidenceParameters = { record: Partial<SlotSupplyEvidence> };

/**
 * Picks the evidence fields from a slot record or a stored slot row; undefined when any is missing
 * (rows written by builds before the supply fields were stored).
 * @example slotSupplyEvidence({ record: slotRow }) ?? 'supply record missing'
 */
export function slotSupplyEvidence({ record }: SlotSupplyEvidenceParameters): SlotSupplyEvidence | undefined {
  const out: Record<string, unknown> = {};
  for (const key of SLOT_SUPPLY_EVIDENCE_KEYS) {
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    out[key] = key === 'gridMix' ? { ...(value as object) } : value;
  }
  return out as SlotSupplyEvidence;
}

/** Parameters of {@link slotEvidenceHash}. */
export type SlotEvidenceHashParameters = { evidence: SlotSupplyEvidence };

/** keccak256 of the evidence's canonical JSON (UTF-8): the `evidenceHash` registered on chain. */
export function slotEvidenceHash({ evidence }: SlotEvidenceHashParameters): Hex {
  // Re-pick, so a caller passing a whole SlotRecord still hashes exactly the persisted fields.
  const picked = slotSupplyEvidence({ record: evidence }) ?? evidence;
  return keccak256(stringToBytes(canonicalJson({ value: picked })));
}
