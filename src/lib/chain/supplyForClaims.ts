import type { GreenSupplySlot } from './registerGreenSupply';
import { greenSupplyFromSlotRecord } from './greenSupplyFromSlotRecord';
import { slotSupplyEvidence, type SlotSupplyEvidence } from './slotSupplyEvidence';

/** Parameters of {@link supplyForClaims}. */
export type SupplyForClaimsParameters = {
  /** The receipt's green claims (only their slots matter). */
  claims: readonly { slot: number }[];
  /** Stored slot rows of the receipt's site (any order, extra slots ignored, fields possibly missing). */
  rows: readonly (Partial<SlotSupplyEvidence> | undefined)[];
  slotMinutes: number;
};

/** The operator's supply for a receipt's claimed slots, and the slots whose supply record is missing. */
export type SupplyForClaims = { supply: GreenSupplySlot[]; missingSlots: number[] };

/**
 * Green supply of exactly the slots a receipt claims, from the stored engine slot rows. A slot
 * without a row, or with a row from a build that did not store the supply fields, is listed in
 * `missingSlots` (the ledger would refuse its claim unless the operator registered it already).
 * @example supplyForClaims({ claims: receipt.claims, rows: await db.slotResults.where('siteId').equals(siteId).toArray(), slotMinutes: 15 })
 */
export function supplyForClaims({ claims, rows, slotMinutes }: SupplyForClaimsParameters): SupplyForClaims {
  const bySlot = new Map<number, Partial<SlotSupplyEvidence>>();
  for (const row of rows) if (row?.slot !== undefined) bySlot.set(row.slot, row);
  const supply: GreenSupplySlot[] = [];
  const missingSlots: number[] = [];
  for (const slot of [...new Set(claims.map((c) => c.slot))].sort((a, b) => a - b)) {
    const row = bySlot.get(slot);
    const evidence = row ? slotSupplyEvidence({ record: row }) : undefined;
    if (evidence) supply.push(greenSupplyFromSlotRecord({ record: evidence, slotMinutes }));
    else missingSlots.push(slot);
  }
  return { supply, missingSlots };
}
