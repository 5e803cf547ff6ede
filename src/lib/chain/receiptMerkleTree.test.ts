import fc from 'fast-check';
import { keccak256, toHex, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { receiptMerkleTree, verifyReceiptProof } from './receiptMerkleTree';

const digestOf = (i: number, salt: number) => keccak256(toHex(`receipt-${salt}-${i}`));
const flipBit = (hex: Hex, bit: number): Hex => {
  const bytes = Buffer.from(hex.slice(2), 'hex');
  bytes[Math.floor(bit / 8) % bytes.length] ^= 1 << bit % 8;
  return `0x${bytes.toString('hex')}`;
};

describe('receiptMerkleTree', () => {
  it('proves every receipt of random trees of 1–2,000 receipts, and a single flipped bit in digest, proof or root fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000 }), fc.integer(), fc.nat(), fc.nat(255), (n, salt, pick, bit) => {
        const digests = Array.from({ length: n }, (_, i) => digestOf(i, salt));
        const tree = receiptMerkleTree({ digests });
        expect(tree.count).toBe(n);
        const digest = digests[pick % n];
        const proof = tree.proofOf(digest);
        expect(verifyReceiptProof({ root: tree.root, digest, proof })).toBe(true);
        expect(verifyReceiptProof({ root: tree.root, digest: flipBit(digest, bit), proof })).toBe(false);
        expect(verifyReceiptProof({ root: flipBit(tree.root, bit), digest, proof })).toBe(false);
        if (proof.length > 0) {
          const at = pick % proof.length;
          expect(verifyReceiptProof({ root: tree.root, digest, proof: proof.map((p, i) => (i === at ? flipBit(p, bit) : p)) })).toBe(false);
        }
      }),
      { numRuns: 25 }
    );
  });

  it('matches the leaf the ledger checks: keccak256(bytes.concat(keccak256(abi.encode(digest)))) for a one-receipt tree', () => {
    const d = digestOf(1, 1);
    expect(receiptMerkleTree({ digests: [d] }).root).toBe(keccak256(keccak256(d)));
  });

  it('error: no receipts, a malformed digest or a receipt listed twice is refused by name; bad hex never verifies', () => {
    expect(() => receiptMerkleTree({ digests: [] })).toThrow('anchor digests: expected at least one receipt digest, got none');
    expect(() => receiptMerkleTree({ digests: ['0x12' as Hex] })).toThrow(/digests\[0\]: expected a 0x-prefixed 32-byte hex digest/);
    const d = digestOf(2, 2);
    expect(() => receiptMerkleTree({ digests: [d, d.toUpperCase().replace('0X', '0x') as Hex] })).toThrow(/digests\[1\]: expected distinct receipts/);
    expect(verifyReceiptProof({ root: 'garbage' as Hex, digest: d, proof: [] })).toBe(false);
  });
});
