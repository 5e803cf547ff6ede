import { getAddress, isAddress, isHex, type Address, type Hex } from 'viem';
import { z } from 'zod';
import { ValidationError } from '../core/errors';
import { meteredReceiptFromJson, meteredReceiptJsonSchema, meteredReceiptToJson } from './meteredReceiptJson';
import type { MeteredReceipt } from './meteredReceiptTypedData';
import { canonicalJson, parseReceipt, type Receipt } from './receipt';
import { parseJsonInput } from '../core/io/parse-json-input';
import { jsonPath } from '../core/ocpi/importIssues';

/** Schema tag of the "receipt with proof" file the receipt page exports and /verify reads. */
export const CLAIM_PROOF_SCHEMA = 'greenslot.claim-proof/1';

const bytes32 = z.string().refine((s) => isHex(s, { strict: true }) && s.length === 66, { message: 'expected a 0x-prefixed 32-byte hex value' });

const claimProofSchema = z.object({
  schema: z.literal(CLAIM_PROOF_SCHEMA),
  chainId: z.number().int().positive(),
  ledger: z.string().refine((s) => isAddress(s, { strict: false }), { message: 'expected a 0x-prefixed 20-byte address' }),
  receipt: z.unknown(),
  metered: meteredReceiptJsonSchema,
  siteSignature: z.string().refine((s) => isHex(s, { strict: true }) && s.length >= 132, { message: 'expected a 0x-prefixed 65-byte signature' }).optional(),
  anchor: z.object({ root: bytes32, proof: z.array(bytes32).max(64) }).optional()
});

/**
 * A receipt with everything needed to check its green claim without the app's database: the signed
 * metered receipt, the chain and ledger it is bound to (EIP-712 domain), and the site's signature
 * and/or the anchored Merkle root with this receipt's proof.
 */
export type ClaimProof = {
  chainId: number;
  ledger: Address;
  receipt: Receipt;
  metered: MeteredReceipt;
  siteSignature?: Hex;
  anchor?: { root: Hex; proof: Hex[] };
};

/** The file's JSON text (canonical: sorted keys), what "Download receipt with proof" saves. */
export function claimProofToJson(p: ClaimProof): string {
  return canonicalJson({
    value: {
      schema: CLAIM_PROOF_SCHEMA,
      chainId: p.chainId,
      ledger: p.ledger,
      receipt: p.receipt,
      metered: meteredReceiptToJson(p.metered),
      siteSignature: p.siteSignature,
      anchor: p.anchor
    }
  });
}

/** Is this (already JSON-parsed) value meant to be a claim-proof file (it names the schema)? */
export const looksLikeClaimProof = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === CLAIM_PROOF_SCHEMA;

/** Parameters of {@link parseClaimProof}. */
export type ParseClaimProofParameters = { json: string | unknown; file?: string };

/** Parses a "receipt with proof" file; every problem names its field ($.metered.claims[0].wh …). */
export function parseClaimProof({ json, file = 'receipt with proof' }: ParseClaimProofParameters): ClaimProof {
  const parsed = claimProofSchema.safeParse(parseJsonInput({ json, file }));
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ file, where: jsonPath(i.path), message: i.message })));
  const p = parsed.data;
  let receipt: Receipt;
  try {
    receipt = parseReceipt({ json: p.receipt, file });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.issues.map((i) => ({ ...i, where: i.where.replace(/^\$/, '$.receipt') })));
  }
  return {
    chainId: p.chainId,
    ledger: getAddress(p.ledger),
    receipt,
    metered: meteredReceiptFromJson(p.metered),
    siteSignature: p.siteSignature as Hex | undefined,
    anchor: p.anchor ? { root: p.anchor.root.toLowerCase() as Hex, proof: p.anchor.proof.map((x) => x.toLowerCase() as Hex) } : undefined
  };
}
