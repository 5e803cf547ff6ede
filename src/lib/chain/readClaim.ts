import type { Address, Client, Hex } from 'viem';
import { readContract } from 'viem/actions';
import type { CancelledRange } from './certificateCancellation';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';

/** Status of a (site, session) claim on the ledger. */
export type ClaimStatus = 'none' | 'live' | 'revoked';

/** A claim as the ledger holds it, with the Wh id ranges it cancelled (and each bundle's certificate fields). */
export type ClaimView = {
  status: ClaimStatus;
  revokeReason: number;
  beneficiary: Address;
  claimedBlock: bigint;
  deliveredWh: number;
  greenWh: number;
  byProof: boolean;
  receiptDigest: Hex;
  receiptHash: Hex;
  /** The revision the claimed receipt carried (the session's revocation count when it was claimed). */
  claimedRevision: number;
  /** The revision a new receipt of the session must carry now (receiptRevision: how often it was revoked). */
  revision: number;
  ranges: (CancelledRange & { status: 'claimed' | 'withdrawn' | 'active' | 'none' })[];
};

/** Parameters of {@link readClaim}. */
export type ReadClaimParameters = { client: Client; ledgerAddress: Address; siteId: Hex; sessionId: Hex };

const STATUS: ClaimStatus[] = ['none', 'live', 'revoked'];
const BUNDLE_STATUS = ['none', 'active', 'claimed', 'withdrawn'] as const;

/** Reads the claim of (site, session) and the bundle ranges it cancelled (status 'none' when never claimed). */
export async function readClaim({ client, ledgerAddress, siteId, sessionId }: ReadClaimParameters): Promise<ClaimView> {
  const read = { address: ledgerAddress, abi: greenClaimLedgerAbi } as const;
  const c = await readContract(client, { ...read, functionName: 'getClaim', args: [siteId, sessionId] });
  const status = STATUS[c.status] ?? 'none';
  const claimed = status === 'none' ? [] : await readContract(client, { ...read, functionName: 'claimRanges', args: [siteId, sessionId] });
  const ranges = await Promise.all(
    claimed.map(async (r) => {
      const b = await readContract(client, { ...read, functionName: 'bundle', args: [r.bundleId] });
      return {
        bundleId: r.bundleId,
        source: r.source,
        startMinute: r.startMinute,
        lengthMinutes: r.lengthMinutes,
        deviceId: b.deviceId,
        issuingBody: b.issuingBody,
        firstWhId: r.firstWhId,
        wh: r.wh,
        status: BUNDLE_STATUS[r.status] ?? 'none'
      };
    })
  );
  return {
    status,
    revokeReason: c.revokeReason,
    beneficiary: c.beneficiary,
    claimedBlock: c.claimedBlock,
    deliveredWh: Number(c.deliveredWh),
    greenWh: Number(c.greenWh),
    byProof: c.byProof,
    receiptDigest: c.receiptDigest,
    receiptHash: c.receiptHash,
    // A revoke counts one up after the claim, so a revoked claim's receipt carried one less.
    claimedRevision: status === 'revoked' ? c.revision - 1 : c.revision,
    revision: c.revision,
    ranges
  };
}
