import type { Address } from 'viem';
import { ValidationError } from '../core/errors';
import { OCPI_TO_SOURCE } from '../core/energy/ocpi-sources';
import { LEDGER_SOURCE_CATEGORIES, type LedgerSupplyWh } from './ledgerSupplyWh';
import { receiptLedgerSlot } from './ledgerSlot';
import type { GreenClaim, MeteredReceipt } from './meteredReceiptTypedData';
import { receiptHash, type Receipt } from './receipt';
import { toBytes32Id } from './toBytes32Id';

/** How long a site-signed receipt can be claimed: 30 days (s). */
export const CLAIM_WINDOW_SEC = 30 * 24 * 3600;

/** Longest ledger slot (EnergyTag: a production interval is at most one hour), minutes. */
export const MAX_SLOT_MINUTES = 60;

/** Parameters of {@link meteredReceiptFromReceipt}. */
export type MeteredReceiptFromReceiptParameters = {
  receipt: Receipt;
  /** The wallet the driver gave: the only account that can claim this receipt's green Wh. */
  beneficiary: Address;
  /** Unix seconds after which the ledger refuses the claim. */
  deadlineSec: number;
  /** The ledger's receiptRevision(site, session): how often the session's claim was revoked (default 0). */
  revision?: number;
  /**
   * Registered supply of the receipt's slots (ledgerSupplyWh, by the receipt's day-relative slot number):
   * a slot's green Wh are split by sourceWh / max(greenWh, claimableWh). Slots not listed are split by
   * the receipt's own delivered Wh per source.
   */
  supplyWhBySlot?: ReadonlyMap<number, Pick<LedgerSupplyWh, 'sourceWh' | 'claimableWh'>>;
};

/**
 * A receipt as the metered receipt its site signs: ids hashed, the charging window in minutes since the
 * epoch, one claim per (slot, source) strictly ascending. A slot's green Wh are split over the sources
 * pro rata and rounded **down** per source; with supply, the denominator is what all the slot's receipts
 * can claim together (claimableWh ≥ the registered sum, which rounds down per source), so the claims of
 * any number of sessions sharing a slot never exceed what was registered per source (a few Wh per slot
 * stay unclaimed).
 */
export function meteredReceiptFromReceipt({ receipt, beneficiary, deadlineSec, revision = 0, supplyWhBySlot }: MeteredReceiptFromReceiptParameters): MeteredReceipt {
  if (receipt.slotMinutes > MAX_SLOT_MINUTES) {
    throw new ValidationError([{ file: 'receipt', where: '$.slotMinutes', message: `expected a slot of at most ${MAX_SLOT_MINUTES} minutes (a granular certificate's production interval), got ${receipt.slotMinutes}` }]);
  }
  if (!Number.isSafeInteger(deadlineSec) || deadlineSec <= 0) {
    throw new ValidationError([{ file: 'receipt', where: 'deadlineSec', message: `expected Unix seconds > 0, got ${deadlineSec}` }]);
  }
  if (!Number.isInteger(revision) || revision < 0 || revision > 0xffff_ffff) {
    throw new ValidationError([{ file: 'receipt', where: 'revision', message: `expected a whole number in [0, 2^32), got ${revision}` }]);
  }
  const receiptWeights = LEDGER_SOURCE_CATEGORIES.map((c) => receipt.sourcesWh[OCPI_TO_SOURCE[c] as keyof Receipt['sourcesWh']] ?? 0);
  const claims: GreenClaim[] = [];
  for (const c of receipt.claims) {
    const supplied = supplyWhBySlot?.get(c.slot);
    // Known supply decides alone: a slot that registers no whole Wh (its green energy rounded down to
    // 0) gets no claim, even when this receipt's own rounding kept 1 Wh (the ledger would refuse it).
    const fromSupply = !!supplied;
    const weights = fromSupply ? supplied.sourceWh : receiptWeights.some((w) => w > 0) ? receiptWeights : [0, 0, 0, 1];
    const sum = weights.reduce((a, b) => a + b, 0);
    if (sum === 0) continue;
    // Σ over sessions of floor(green) ≤ claimableWh, so Σ floor(green · w / claimable) ≤ w per source.
    const total = fromSupply ? Math.max(sum, supplied.claimableWh) : sum;
    const startMinute = BigInt(receiptLedgerSlot({ receipt, slot: c.slot }));
    weights.forEach((w, source) => {
      // Integer arithmetic (BigInt): no float error can round a share up.
      const wh = (BigInt(c.greenWh) * BigInt(Math.round(w))) / BigInt(Math.round(total));
      if (wh > 0n) claims.push({ startMinute, lengthMinutes: receipt.slotMinutes, source, wh });
    });
  }
  return {
    siteId: toBytes32Id({ id: receipt.siteId }),
    sessionId: toBytes32Id({ id: receipt.sessionId }),
    stationId: toBytes32Id({ id: receipt.stationId }),
    beneficiary,
    startMinute: BigInt(receiptLedgerSlot({ receipt, slot: receipt.firstSlot })),
    endMinute: BigInt(receiptLedgerSlot({ receipt, slot: receipt.lastSlot + 1 })),
    deliveredWh: BigInt(receipt.deliveredWh),
    claims,
    receiptHash: receiptHash({ receipt }),
    revision,
    deadline: BigInt(deadlineSec)
  };
}
