import type { Account, Address, Hex } from 'viem';
import type { ClaimRecordRow, ClaimsDb } from './claimStore';
import { receiptMerkleTree } from './receiptMerkleTree';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';

/** Parameters of {@link anchorReceipts}. */
export type AnchorReceiptsParameters = {
  db: ClaimsDb;
  /** The site's metering signer (embedded demo operator, or a browser wallet holding that role). */
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  siteId: string;
  /** The claim records to anchor (one ledger, one site; each receipt once). */
  rows: readonly ClaimRecordRow[];
  /** The period the root covers (e.g. the UTC day the sessions finished), minutes since the epoch. */
  periodStartMinute: number;
  periodLengthMinutes: number;
  onStatus?: (status: TxStatus) => void;
};

/**
 * One transaction for many receipts: builds the Merkle tree of the receipts' EIP-712 digests, anchors
 * its root for the site, and — once confirmed — stores the root (with its leaves) and each receipt's
 * proof, so the driver can claim by proof and /verify can check the receipt offline.
 */
export async function anchorReceipts({ db, client, account = client.account, ledgerAddress, siteId, rows, periodStartMinute, periodLengthMinutes, onStatus }: AnchorReceiptsParameters): Promise<TxOutcome & { root?: Hex }> {
  const tree = receiptMerkleTree({ digests: rows.map((r) => r.digest) });
  const outcome = await sendLedgerTransaction({
    client,
    account,
    ledgerAddress,
    functionName: 'anchor',
    args: [toBytes32Id({ id: siteId }), tree.root, BigInt(periodStartMinute), periodLengthMinutes, rows.length],
    onStatus
  });
  if (outcome.state !== 'confirmed') return outcome;
  const signer = (typeof account === 'string' ? account : account?.address) as Address;
  await db.transaction('rw', db.claims, db.anchors, async () => {
    await db.anchors.put({
      root: tree.root,
      ledgerKey: rows[0].ledgerKey,
      siteId,
      periodStartMinute,
      periodLengthMinutes,
      receiptCount: rows.length,
      blockNumber: Number(outcome.blockNumber),
      signer,
      digests: rows.map((r) => r.digest)
    });
    for (const r of rows) await db.claims.put({ ...r, anchor: { root: tree.root, proof: tree.proofOf(r.digest) } });
  });
  return { ...outcome, root: tree.root };
}
