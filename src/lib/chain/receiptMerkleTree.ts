import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { isHex, type Hex } from 'viem';
import { ValidationError } from '../core/errors';

/** Leaf encoding of an anchored receipt: its EIP-712 digest (so a leaf is bound to chain and ledger). */
export const RECEIPT_LEAF_ENCODING = ['bytes32'];

/** A built tree of receipt digests: its root, and a proof per digest. */
export type ReceiptMerkleTree = {
  root: Hex;
  /** Number of receipts (leaves). */
  count: number;
  /** The inclusion proof of one digest; throws when the digest is not in the tree. */
  proofOf: (digest: Hex) => Hex[];
};

/** Parameters of {@link receiptMerkleTree}. */
export type ReceiptMerkleTreeParameters = { digests: readonly Hex[] };

const isDigest = (d: unknown): d is Hex => typeof d === 'string' && isHex(d, { strict: true }) && d.length === 66;

/**
 * OpenZeppelin StandardMerkleTree over `["bytes32"]` receipt digests (leaf =
 * keccak256(bytes.concat(keccak256(abi.encode(digest)))), what the ledger's MerkleProof checks).
 * Digests must be distinct: one receipt, one leaf.
 */
export function receiptMerkleTree({ digests }: ReceiptMerkleTreeParameters): ReceiptMerkleTree {
  if (digests.length === 0) throw new ValidationError([{ file: 'anchor', where: 'digests', message: 'expected at least one receipt digest, got none' }]);
  const seen = new Set<string>();
  digests.forEach((d, i) => {
    if (!isDigest(d)) throw new ValidationError([{ file: 'anchor', where: `digests[${i}]`, message: `expected a 0x-prefixed 32-byte hex digest, got ${JSON.stringify(d)}` }]);
    if (seen.has(d.toLowerCase())) throw new ValidationError([{ file: 'anchor', where: `digests[${i}]`, message: `expected distinct receipts, got ${d} twice` }]);
    seen.add(d.toLowerCase());
  });
  const tree = StandardMerkleTree.of(digests.map((d) => [d.toLowerCase()]), RECEIPT_LEAF_ENCODING);
  return {
    root: tree.root as Hex,
    count: tree.length,
    proofOf: (digest) => tree.getProof([digest.toLowerCase()]) as Hex[]
  };
}

/** Parameters of {@link verifyReceiptProof}. */
export type VerifyReceiptProofParameters = { root: Hex; digest: Hex; proof: readonly Hex[] };

/** Offline: is the digest a leaf of the tree with this root (false for a wrong proof, never throws on bad hex)? */
export function verifyReceiptProof({ root, digest, proof }: VerifyReceiptProofParameters): boolean {
  if (!isDigest(root) || !isDigest(digest) || !proof.every(isDigest)) return false;
  return StandardMerkleTree.verify(root, RECEIPT_LEAF_ENCODING, [digest.toLowerCase()], [...proof]);
}
