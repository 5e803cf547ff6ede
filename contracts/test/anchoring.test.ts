import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import { keccak256, numberToHex, stringToBytes, zeroHash, type Address, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import type { MeteredReceipt } from '../../src/lib/chain/meteredReceiptTypedData';
import { createLedgerFixture, DAY0, expectRevert, greenClaim, receiptLeaf, ROLE, SITE, SITE_B, slotAt, type LedgerFixture } from './ledgerFixture';

type Anchor = { siteId: Hex; signer: Address; periodStartMinute: bigint; periodLengthMinutes: number; receiptCount: number; anchoredBlock: bigint; revoked: boolean };

/** A StandardMerkleTree over the receipts' EIP-712 digests, as the operator builds it off-chain. */
function treeOf(f: LedgerFixture, receipts: readonly MeteredReceipt[]) {
  const tree = StandardMerkleTree.of(
    receipts.map((r) => [f.digest(r)]),
    ['bytes32']
  );
  const proofOf = (r: MeteredReceipt) => tree.getProof([f.digest(r)]) as Hex[];
  return { tree, root: tree.root as Hex, proofOf };
}

/** Flips bit `bit` (0 = least significant) of a 32-byte hex word. */
const flipBit = (word: Hex, bit: number): Hex => numberToHex(BigInt(word) ^ (1n << BigInt(bit % 256)), { size: 32 });

describe('GreenClaimLedger anchoring and claims by Merkle proof', () => {
  let f: LedgerFixture;
  let gate: MeteredReceipt[];
  let anchored: ReturnType<typeof treeOf>;
  beforeAll(async () => {
    f = await createLedgerFixture();
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [5000, 0, 0, 0]), slotAt(15, 15, [0, 2000, 0, 0])]]);
    gate = [];
    for (const [i, who] of (['driver', 'driver2', 'stranger', 'driver'] as const).entries()) {
      gate.push(await f.receipt({ claims: [greenClaim(0, 15, 0, 500), greenClaim(15, 15, 1, 200)], from: 0, to: 30, beneficiary: who, session: `gate-${i}` }));
    }
    anchored = treeOf(f, gate);
    await f.write('signer', 'anchor', [SITE, anchored.root, DAY0, 30, gate.length]);
  });

  it('test_SignerAnchorsOneRootPerGateAndItIsStoredOnce', async () => {
    expect(await f.read<boolean>('isAnchored', [SITE, anchored.root])).toBe(true);
    expect(await f.read<boolean>('isAnchored', [SITE_B, anchored.root])).toBe(false);
    const a = await f.read<Anchor>('anchorOf', [SITE, anchored.root]);
    expect(a).toMatchObject({ siteId: SITE, signer: f.accounts.signer.address, periodStartMinute: DAY0, periodLengthMinutes: 30, receiptCount: 4, revoked: false });
    expect(a.anchoredBlock).toBeGreaterThan(0n);
    const [event] = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'ReceiptsAnchored', fromBlock: 0n });
    expect(event.args).toMatchObject({ siteId: SITE, root: anchored.root, signer: f.accounts.signer.address, receiptCount: 4 });
    expect(await expectRevert(f.write('signer', 'anchor', [SITE, anchored.root, DAY0, 30, 4]), 'RootAlreadyAnchored(bytes32)')).toEqual([anchored.root]);
  });

  it('test_AnotherSiteAnchoringTheSameRootFirstCannotBlockIt', async () => {
    // Site B's signer copies site A's root from the mempool and anchors it first: anchors are per site,
    // so A's anchor still goes through and B's copy vouches for nothing of A.
    const g = await createLedgerFixture();
    const r = await g.receipt({ from: 0, to: 15, session: 'front-run anchor' });
    const { root, proofOf } = treeOf(g, [r, await g.receipt({ from: 0, to: 15 })]);
    await g.write('operatorB', 'anchor', [SITE_B, root, DAY0, 15, 2]);
    await expectRevert(g.write('driver', 'claimWithProof', [r, root, proofOf(r), '0x']), 'RootNotAnchored(bytes32)');
    await g.write('signer', 'anchor', [SITE, root, DAY0, 15, 2]);
    expect((await g.read<Anchor>('anchorOf', [SITE, root])).signer).toBe(g.accounts.signer.address);
    expect((await g.read<Anchor>('anchorOf', [SITE_B, root])).signer).toBe(g.accounts.operatorB.address);
    await g.write('driver', 'claimWithProof', [r, root, proofOf(r), '0x']);
  });

  it('test_RevertWhen_AnchorIsMalformedOrNotByAMeteringSigner', async () => {
    const root = keccak256(stringToBytes('another gate'));
    expect(await expectRevert(f.write('signer', 'anchor', [SITE, zeroHash, DAY0, 30, 4]), 'ZeroValue(string)')).toEqual(['root']);
    expect(await expectRevert(f.write('signer', 'anchor', [SITE, root, DAY0, 0, 4]), 'ZeroValue(string)')).toEqual(['periodLengthMinutes']);
    expect(await expectRevert(f.write('signer', 'anchor', [SITE, root, DAY0, 30, 0]), 'ZeroValue(string)')).toEqual(['receiptCount']);
    for (const who of ['stranger', 'driver', 'siteAdmin', 'registrar', 'operatorB'] as const) {
      expect(await expectRevert(f.write(who, 'anchor', [SITE, root, DAY0, 30, 4]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)')).toEqual([SITE, f.accounts[who].address, ROLE.METERING_SIGNER]);
    }
  });

  it('test_DriverClaimsByMerkleProofWithoutASiteSignature', async () => {
    const r = gate[0];
    const proof = anchored.proofOf(r);
    expect(await f.read<boolean>('verifyAnchoredReceipt', [r, anchored.root, proof])).toBe(true);
    // The same check offline, with no chain at all: the JS library and the contract agree on the leaf.
    expect(StandardMerkleTree.verify(anchored.root, ['bytes32'], [f.digest(r)], proof)).toBe(true);
    expect(anchored.tree.leafHash([f.digest(r)])).toBe(receiptLeaf(f.digest(r)));
    const tx = await f.write('driver', 'claimWithProof', [r, anchored.root, proof, '0x']);
    const c = await f.read<{ status: number; byProof: boolean; greenWh: bigint }>('getClaim', [SITE, r.sessionId]);
    expect(c).toMatchObject({ status: 1, byProof: true, greenWh: 700n });
    const [event] = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'ReceiptClaimed', blockHash: tx.blockHash });
    expect(event.args.anchorRoot).toBe(anchored.root);
    // A relayer may submit the proof with the beneficiary's countersignature.
    await f.write('stranger', 'claimWithProof', [gate[1], anchored.root, anchored.proofOf(gate[1]), await f.sign(gate[1], 'driver2')]);
  });

  it('test_RevertWhen_ProofClaimIsSubmittedByAnotherWalletOrTwice', async () => {
    const r = gate[3];
    const proof = anchored.proofOf(r);
    expect(await expectRevert(f.write('driver2', 'claimWithProof', [r, anchored.root, proof, '0x']), 'InvalidBeneficiarySignature(address)')).toEqual([f.accounts.driver.address]);
    await expectRevert(f.write('driver2', 'claimWithProof', [r, anchored.root, proof, await f.sign(r, 'driver2')]), 'InvalidBeneficiarySignature(address)');
    // A copy naming the second wallet is not in the tree.
    const copy = { ...r, beneficiary: f.accounts.driver2.address };
    await expectRevert(f.write('driver2', 'claimWithProof', [copy, anchored.root, proof, '0x']), 'InvalidMerkleProof(bytes32,bytes32)');
    await f.write('driver', 'claimWithProof', [r, anchored.root, proof, '0x']);
    await expectRevert(f.write('driver', 'claimWithProof', [r, anchored.root, proof, '0x']), 'ClaimAlreadyLive(bytes32,bytes32)');
    // The site-signed path cannot replay the same receipt either.
    await f.write('registrar', 'revoke', [SITE, r.sessionId, 1]);
    expect(await expectRevert(f.claim(r), 'ReceiptAlreadyUsed(bytes32)')).toEqual([f.digest(r)]);
    await expectRevert(f.write('driver', 'claimWithProof', [r, anchored.root, proof, '0x']), 'ReceiptAlreadyUsed(bytes32)');
  });

  it('test_RevertWhen_RootIsUnknownOfAnotherSiteOrProofIsWrong', async () => {
    const r = gate[2];
    const unknown = keccak256(stringToBytes('never anchored'));
    expect(await expectRevert(f.write('stranger', 'claimWithProof', [r, unknown, [], '0x']), 'RootNotAnchored(bytes32)')).toEqual([unknown]);
    // Site B anchors a tree that contains a site-A receipt: B cannot vouch for A.
    const foreign = treeOf(f, [r, gate[0]]);
    await f.write('operatorB', 'anchor', [SITE_B, foreign.root, DAY0, 30, 2]);
    expect(await expectRevert(f.write('stranger', 'claimWithProof', [r, foreign.root, foreign.proofOf(r), '0x']), 'RootNotAnchored(bytes32)')).toEqual([foreign.root]);
    expect(await f.read<boolean>('verifyAnchoredReceipt', [r, foreign.root, foreign.proofOf(r)])).toBe(false);
    const bad = [...anchored.proofOf(r)];
    bad[0] = flipBit(bad[0], 7);
    const [root, leaf] = await expectRevert(f.write('stranger', 'claimWithProof', [r, anchored.root, bad, '0x']), 'InvalidMerkleProof(bytes32,bytes32)');
    expect([root, leaf]).toEqual([anchored.root, receiptLeaf(f.digest(r))]);
  });

  it('test_SiteAdminRevokesAnAnchorAndProofsAgainstItAreRefused', async () => {
    const g = await createLedgerFixture();
    const r = await g.receipt({ from: 0, to: 15, session: 'leaked-key' });
    const { root, proofOf } = treeOf(g, [r]);
    await g.write('signer', 'anchor', [SITE, root, DAY0, 15, 1]);
    for (const who of ['signer', 'registrar', 'stranger'] as const) {
      await expectRevert(g.write(who, 'revokeAnchor', [SITE, root, 4]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    }
    await expectRevert(g.write('operatorB', 'revokeAnchor', [SITE_B, root, 4]), 'RootNotAnchored(bytes32)');
    const unknown = keccak256(stringToBytes('x'));
    await expectRevert(g.write('siteAdmin', 'revokeAnchor', [SITE, unknown, 4]), 'RootNotAnchored(bytes32)');
    await g.write('siteAdmin', 'revokeAnchor', [SITE, root, 4]);
    expect(await g.read<boolean>('isAnchored', [SITE, root])).toBe(false);
    expect((await g.read<Anchor>('anchorOf', [SITE, root])).revoked).toBe(true);
    expect(await g.read<boolean>('verifyAnchoredReceipt', [r, root, proofOf(r)])).toBe(false);
    expect(await expectRevert(g.write('driver', 'claimWithProof', [r, root, proofOf(r), '0x']), 'AnchorRevoked(bytes32)')).toEqual([root]);
    await expectRevert(g.write('siteAdmin', 'revokeAnchor', [SITE, root, 4]), 'AnchorRevoked(bytes32)');
    // A revoked root cannot be anchored again either.
    await expectRevert(g.write('signer', 'anchor', [SITE, root, DAY0, 15, 1]), 'RootAlreadyAnchored(bytes32)');
  });

  it('testFuzz_MerkleProofsOfRandomTreesOf1To2000ReceiptsVerifyOnChainAndOneFlippedBitFails', async () => {
    const g = await createLedgerFixture();
    const beneficiaries = ['driver', 'driver2', 'stranger'] as const;
    let tree = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(),
        fc.nat({ max: 255 }),
        fc.constantFrom('proof', 'receipt', 'root'),
        async (size, pick, bit, where) => {
          tree += 1;
          const deadline = (await g.now()) + 86_400n;
          const receipts: MeteredReceipt[] = [];
          for (let i = 0; i < size; i++) {
            receipts.push({
              siteId: SITE,
              sessionId: keccak256(stringToBytes(`tree ${tree} session ${i}`)),
              stationId: keccak256(stringToBytes(`evse-${i % 7}`)),
              beneficiary: g.accounts[beneficiaries[i % 3]].address,
              startMinute: DAY0 + BigInt(i % 96) * 15n,
              endMinute: DAY0 + BigInt(i % 96) * 15n + 60n,
              deliveredWh: BigInt(1000 + i),
              claims: [],
              receiptHash: keccak256(stringToBytes(`receipt ${tree}/${i}`)),
              revision: 0,
              deadline
            });
          }
          const { root, proofOf } = treeOf(g, receipts);
          await g.write('signer', 'anchor', [SITE, root, DAY0, 1440, size]);
          const r = receipts[pick % size];
          const proof = proofOf(r);
          expect(await g.read<boolean>('verifyAnchoredReceipt', [r, root, proof])).toBe(true);
          expect(StandardMerkleTree.verify(root, ['bytes32'], [g.digest(r)], proof)).toBe(true);

          let badReceipt = r;
          const badProof = [...proof];
          let badRoot = root;
          if (where === 'proof' && proof.length > 0) badProof[bit % proof.length] = flipBit(proof[bit % proof.length], bit);
          else if (where === 'root') badRoot = flipBit(root, bit);
          else badReceipt = { ...r, deliveredWh: r.deliveredWh ^ (1n << BigInt(bit % 64)) };
          expect(await g.read<boolean>('verifyAnchoredReceipt', [badReceipt, badRoot, badProof])).toBe(false);
          expect(StandardMerkleTree.verify(badRoot, ['bytes32'], [g.digest(badReceipt)], badProof)).toBe(false);
          // And the genuine proof claims once on chain.
          await g.write(beneficiaries.find((b) => g.accounts[b].address === r.beneficiary)!, 'claimWithProof', [r, root, proof, '0x']);
          expect(await g.read<boolean>('isReceiptUsed', [g.digest(r)])).toBe(true);
        }
      ),
      {
        numRuns: 6,
        examples: [
          [1, 0, 0, 'receipt'],
          [2000, 1999, 255, 'proof'],
          [2, 1, 3, 'root']
        ]
      }
    );
  }, 120_000);
});
