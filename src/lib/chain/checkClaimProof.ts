import { recoverTypedDataAddress, type Address, type Hex } from 'viem';
import type { ClaimProof } from './claimProofFile';
import { ledgerSlotLabel } from './ledgerSlot';
import { meteredReceiptDigest, meteredReceiptTypedData, type MeteredReceipt } from './meteredReceiptTypedData';
import { receiptLedgerSlot } from './ledgerSlot';
import { receiptHash, type Receipt } from './receipt';
import { verifyReceiptProof } from './receiptMerkleTree';
import { toBytes32Id } from './toBytes32Id';

/** One key figure where the receipt and what was signed (or stored on chain) disagree. */
export type FigureDifference = { field: string; receipt: string; chain: string };

/** Parameters of {@link meteredDifferences}. */
export type MeteredDifferencesParameters = { receipt: Receipt; metered: MeteredReceipt };

/**
 * Where a metered receipt does not say what the receipt says: fingerprint, ids, window, delivered Wh,
 * and green Wh per slot (the signed claims may be below the receipt's by the per-source rounding, never above).
 */
export function meteredDifferences({ receipt, metered }: MeteredDifferencesParameters): FigureDifference[] {
  const diffs: FigureDifference[] = [];
  const check = (field: string, r: unknown, c: unknown) => {
    if (String(r).toLowerCase() !== String(c).toLowerCase()) diffs.push({ field, receipt: String(r), chain: String(c) });
  };
  check('receiptHash', receiptHash({ receipt }), metered.receiptHash);
  check('siteId', toBytes32Id({ id: receipt.siteId }), metered.siteId);
  check('sessionId', toBytes32Id({ id: receipt.sessionId }), metered.sessionId);
  check('stationId', toBytes32Id({ id: receipt.stationId }), metered.stationId);
  check('startMinute', ledgerSlotLabel({ slot: receiptLedgerSlot({ receipt, slot: receipt.firstSlot }) }), ledgerSlotLabel({ slot: metered.startMinute }));
  check('endMinute', ledgerSlotLabel({ slot: receiptLedgerSlot({ receipt, slot: receipt.lastSlot + 1 }) }), ledgerSlotLabel({ slot: metered.endMinute }));
  check('deliveredWh', receipt.deliveredWh, metered.deliveredWh);
  const receiptBySlot = new Map(receipt.claims.map((c) => [BigInt(receiptLedgerSlot({ receipt, slot: c.slot })), c.greenWh]));
  const signedBySlot = new Map<bigint, bigint>();
  for (const c of metered.claims) signedBySlot.set(c.startMinute, (signedBySlot.get(c.startMinute) ?? 0n) + c.wh);
  const over = [...signedBySlot].filter(([slot, wh]) => wh > BigInt(receiptBySlot.get(slot) ?? 0) || metered.claims.some((c) => c.startMinute === slot && c.lengthMinutes !== receipt.slotMinutes));
  if (over.length > 0) {
    const fmt = (m: Map<bigint, bigint | number>) => [...m].map(([slot, wh]) => `${ledgerSlotLabel({ slot })}: ${wh} Wh`).join(', ');
    diffs.push({ field: 'claims', receipt: fmt(receiptBySlot), chain: fmt(signedBySlot) });
  }
  return diffs;
}

/** What a claim-proof file proves by itself, with no chain at all. */
export type ClaimProofCheck = {
  /** The EIP-712 digest (chain + ledger bound): the Merkle leaf and what both parties signed. */
  digest: Hex;
  differences: FigureDifference[];
  /** Inclusion of the digest under `anchor.root` (undefined when the file has no anchor). */
  proofValid?: boolean;
  /** Who signed as the site (recovered; whether that account is the site's metering signer is the ledger's to say). */
  siteSigner?: Address;
  /** Why the site signature could not be recovered. */
  siteSignatureError?: string;
};

/** Parameters of {@link checkClaimProof}. */
export type CheckClaimProofParameters = { proof: ClaimProof };

/** Checks a claim-proof file offline: figures vs. receipt, Merkle inclusion, the site signature's signer. */
export async function checkClaimProof({ proof }: CheckClaimProofParameters): Promise<ClaimProofCheck> {
  const domain = { metered: proof.metered, chainId: proof.chainId, verifyingContract: proof.ledger };
  const digest = meteredReceiptDigest(domain);
  const check: ClaimProofCheck = { digest, differences: meteredDifferences({ receipt: proof.receipt, metered: proof.metered }) };
  if (proof.anchor) check.proofValid = verifyReceiptProof({ root: proof.anchor.root, digest, proof: proof.anchor.proof });
  if (proof.siteSignature) {
    try {
      check.siteSigner = await recoverTypedDataAddress({ ...meteredReceiptTypedData(domain), signature: proof.siteSignature });
    } catch (error) {
      check.siteSignatureError = `the site signature cannot be read (${(error as Error).message.split('\n')[0]})`;
    }
  }
  return check;
}
