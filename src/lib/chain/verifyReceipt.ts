import { isHex, type Address, type Client, type Hex } from 'viem';
import { readContract } from 'viem/actions';
import { ValidationError } from '../core/errors';
import { checkClaimProof, type ClaimProofCheck, type FigureDifference } from './checkClaimProof';
import { looksLikeClaimProof, parseClaimProof, type ClaimProof } from './claimProofFile';
import { ledgerKeyOf, type ClaimsDb } from './claimStore';
import { decodeChainError } from './decodeChainError';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { meteredReceiptFromJson } from './meteredReceiptJson';
import { readClaim, type ClaimView } from './readClaim';
import { parseReceipt, receiptHash, type Receipt } from './receipt';
import { SITE_ROLES } from './registerSite';
import { toBytes32Id } from './toBytes32Id';

export type { FigureDifference } from './checkClaimProof';

/** An anchored root as /verify reports it. */
export type AnchorFacts = { root: Hex; blockNumber: number; receiptCount: number; periodStartMinute: number; periodLengthMinutes: number; signer: Address };

/** How a valid receipt is vouched for. */
export type ValidBy =
  | 'anchor-offline' // its proof leads to a root this device saw anchored: no chain access at all
  | 'anchor' // its proof leads to a root the ledger says is anchored (a read, no transaction)
  | 'site-signature' // signed by an account the ledger lists as the site's metering signer (a read)
  | 'claim'; // the ledger holds a live claim with this receipt's fingerprint

/** Outcome of a verification: a value for every case the /verify page shows. */
export type VerifyResult =
  | { status: 'invalid-input'; message: string }
  | {
      status: 'valid' | 'figures-differ' | 'proof-invalid' | 'not-claimed' | 'revoked';
      /** The session id as given (or its bytes32 when only that was pasted). */
      sessionId: string;
      siteId?: string;
      by?: ValidBy;
      /** True when no chain was needed for the verdict. */
      offline: boolean;
      /** False when only a session id was given (nothing to compare). */
      receiptChecked: boolean;
      differences: FigureDifference[];
      check?: ClaimProofCheck;
      anchor?: AnchorFacts;
      /** The ledger's claim record and its bundle ranges (when the chain could be read). */
      claim?: ClaimView;
      /** Why the chain could not be read (the offline verdict stands). */
      chainError?: string;
      /** Why the proof or signature does not hold. */
      reason?: string;
    };

/** What the pasted text is. */
type Input = { kind: 'proof'; proof: ClaimProof } | { kind: 'receipt'; receipt: Receipt } | { kind: 'session'; sessionId: string; sessionHash: Hex };

const SESSION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Parameters of {@link parseVerifyInput}. */
export type ParseVerifyInputParameters = { text: string };

/** Reads the pasted text: a receipt-with-proof file, a receipt, a session id, or a named error (never a guess). */
export function parseVerifyInput({ text }: ParseVerifyInputParameters): Input | { kind: 'invalid'; message: string } {
  const t = text.trim();
  if (t === '') return { kind: 'invalid', message: 'Paste a receipt (JSON), a receipt with proof (JSON) or a session id.' };
  try {
    if (t.startsWith('{') || t.startsWith('[')) {
      let value: unknown;
      try {
        value = JSON.parse(t);
      } catch (cause) {
        return { kind: 'invalid', message: `input $: expected JSON, got a parse error (${(cause as Error).message})` };
      }
      return looksLikeClaimProof(value) ? { kind: 'proof', proof: parseClaimProof({ json: value }) } : { kind: 'receipt', receipt: parseReceipt({ json: value }) };
    }
  } catch (error) {
    if (error instanceof ValidationError) return { kind: 'invalid', message: error.message };
    throw error;
  }
  if (isHex(t, { strict: true }) && t.length === 66) return { kind: 'session', sessionId: t, sessionHash: t.toLowerCase() as Hex };
  if (SESSION_ID.test(t)) return { kind: 'session', sessionId: t, sessionHash: toBytes32Id({ id: t }) };
  const shown = t.length > 40 ? `${t.slice(0, 40)}…` : t;
  return {
    kind: 'invalid',
    message: `input: expected a receipt (JSON), a receipt with proof (JSON) or a session id (letters, digits and . _ : -, at most 64 characters), got “${shown}”`
  };
}

/** Parameters of {@link verifyReceipt}. */
export type VerifyReceiptParameters = {
  /** Text pasted on /verify. */
  input: string;
  /** The claim records and anchors this device has (offline verification). */
  db: ClaimsDb;
  /** The chain the app is set to (optional: without it only the offline checks run). */
  chain?: { client: Client; chainId: number; ledgerAddress: Address };
  /** Site of a bare session id when no local record names it (the app's current site). */
  defaultSiteId?: string;
};

/**
 * Verifies a receipt. A receipt with proof (or a receipt this device holds a claim record for) is checked
 * offline first: figures vs. the signed metered receipt, Merkle inclusion under an anchored root this
 * device saw confirmed (then "valid" needs no chain at all), the site signature's signer. The chain, when
 * reachable, adds what only it knows (reads, never a transaction): an anchor not seen here, whether the
 * signer is the site's metering signer, the live claim and the bundle ranges it cancelled.
 */
export async function verifyReceipt({ input, db, chain, defaultSiteId }: VerifyReceiptParameters): Promise<VerifyResult> {
  const parsed = parseVerifyInput({ text: input });
  if (parsed.kind === 'invalid') return { status: 'invalid-input', message: parsed.message };

  // Bare session id: the site comes from a local record, or the app's site.
  if (parsed.kind === 'session') {
    const local = chain ? (await db.claims.where('ledgerKey').equals(ledgerKeyOf({ chainId: chain.chainId, ledger: chain.ledgerAddress })).toArray()).find((r) => r.sessionId === parsed.sessionId) : undefined;
    const siteId = local?.siteId ?? defaultSiteId;
    const base = { sessionId: parsed.sessionId, siteId, offline: false, receiptChecked: false, differences: [] as FigureDifference[] };
    if (!chain || !siteId) return { ...base, status: 'not-claimed', chainError: chain ? 'no site known for this session id' : 'no chain chosen' };
    const claim = await readClaim({ client: chain.client, ledgerAddress: chain.ledgerAddress, siteId: toBytes32Id({ id: siteId }), sessionId: parsed.sessionHash });
    return { ...base, claim, status: claim.status === 'live' ? 'valid' : claim.status === 'revoked' ? 'revoked' : 'not-claimed', by: claim.status === 'live' ? 'claim' : undefined };
  }

  // A plain receipt: this device's claim record (same bytes) makes it a receipt with proof.
  let proof: ClaimProof | undefined = parsed.kind === 'proof' ? parsed.proof : undefined;
  const receipt = parsed.kind === 'proof' ? parsed.proof.receipt : parsed.receipt;
  if (!proof && chain) {
    const row = await db.claims.get([ledgerKeyOf({ chainId: chain.chainId, ledger: chain.ledgerAddress }), receipt.sessionId]);
    if (row && row.receiptHash === receiptHash({ receipt }) && (row.anchor || row.siteSignature)) {
      proof = { chainId: chain.chainId, ledger: chain.ledgerAddress, receipt, metered: meteredReceiptFromJson(row.metered), siteSignature: row.siteSignature, anchor: row.anchor };
    }
  }
  const siteHash = toBytes32Id({ id: receipt.siteId });
  const sessionHash = toBytes32Id({ id: receipt.sessionId });
  const result: Extract<VerifyResult, { sessionId: string }> = { status: 'not-claimed', sessionId: receipt.sessionId, siteId: receipt.siteId, offline: false, receiptChecked: true, differences: [] };
  // Chain reads only where the proof's domain is the chosen chain's ledger (another ledger's records say nothing).
  const sameLedger = !!chain && (!proof || (proof.chainId === chain.chainId && proof.ledger.toLowerCase() === chain.ledgerAddress.toLowerCase()));
  const read = async <T>(f: () => Promise<T>): Promise<T | undefined> => {
    if (!chain || !sameLedger) return undefined;
    try {
      return await f();
    } catch (error) {
      result.chainError = decodeChainError({ error }).message;
      return undefined;
    }
  };
  if (chain && !sameLedger && proof) result.chainError = `this proof is for the ledger ${proof.ledger} on chain ${proof.chainId}, not the chosen chain's`;

  if (proof) {
    const check = await checkClaimProof({ proof });
    result.check = check;
    result.differences = check.differences;
    if (check.differences.length > 0) result.status = 'figures-differ';
    else if (proof.anchor && check.proofValid === false) {
      result.status = 'proof-invalid';
      result.reason = 'the Merkle proof does not lead from this receipt to the root (the receipt, the signed figures or the proof were changed)';
    } else if (proof.anchor) {
      const key = ledgerKeyOf({ chainId: proof.chainId, ledger: proof.ledger });
      const known = await db.anchors.get(proof.anchor.root);
      if (known && known.ledgerKey === key && known.siteId === receipt.siteId) {
        result.status = 'valid';
        result.by = 'anchor-offline';
        result.offline = true;
        result.anchor = known;
      } else {
        const a = await read(() => readContract(chain!.client, { address: chain!.ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'anchorOf', args: [siteHash, proof!.anchor!.root] }));
        if (a && a.anchoredBlock > 0n && !a.revoked) {
          result.status = 'valid';
          result.by = 'anchor';
          result.anchor = { root: proof.anchor.root, blockNumber: Number(a.anchoredBlock), receiptCount: a.receiptCount, periodStartMinute: Number(a.periodStartMinute), periodLengthMinutes: a.periodLengthMinutes, signer: a.signer };
        } else if (a) {
          result.status = 'proof-invalid';
          result.reason = a.anchoredBlock === 0n ? `that root was never anchored for site ${receipt.siteId} on this ledger` : 'the site revoked that anchored root';
        }
      }
    }
    if (result.status === 'not-claimed' && proof.siteSignature && check.siteSignatureError) {
      result.status = 'proof-invalid';
      result.reason = check.siteSignatureError;
    }
    if (result.status === 'not-claimed' && proof.siteSignature && check.siteSigner) {
      const signer = check.siteSigner;
      const isSigner = await read(() => readContract(chain!.client, { address: chain!.ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'hasSiteRole', args: [siteHash, SITE_ROLES.METERING_SIGNER, signer] }));
      if (isSigner === true) {
        result.status = 'valid';
        result.by = 'site-signature';
      } else if (isSigner === false) {
        result.status = 'proof-invalid';
        result.reason = `the receipt was signed by ${signer}, who is not a metering signer of site ${receipt.siteId}`;
      }
    }
  }
  // What the ledger holds for (site, session): the claim, its ranges, whether it was revoked.
  const claim = await read(() => readClaim({ client: chain!.client, ledgerAddress: chain!.ledgerAddress, siteId: siteHash, sessionId: sessionHash }));
  if (claim && claim.status !== 'none') {
    result.claim = claim;
    if (claim.receiptHash.toLowerCase() !== receiptHash({ receipt }).toLowerCase()) {
      result.differences = [...result.differences, { field: 'receiptHash', receipt: receiptHash({ receipt }), chain: claim.receiptHash }];
      result.status = 'figures-differ';
    } else if (claim.status === 'revoked') result.status = 'revoked';
    else if (result.status === 'not-claimed') {
      result.status = 'valid';
      result.by = 'claim';
    }
  }
  return result;
}
