/**
 * Proof-of-concept tests of the issue-9 audit of GreenClaimLedger v2: each finding's test failed on the contract
 * before its fix (fixes named in the commit messages and in contracts/README.md, section Audit); tests of
 * properties that held already say "Regression".
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, stringToBytes, zeroAddress, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedgerFixture, DAY0, expectRevert, greenClaim, ROLE, SITE, SITE_B, slotAt, type LedgerFixture } from './ledgerFixture';

type Wh4 = readonly [bigint, bigint, bigint, bigint];
/** Largest green Wh one (slot, source) can hold: 10^12 Wh = 1 TWh in at most one hour. */
const MAX_SOURCE_WH = 10n ** 12n;

describe('GreenClaimLedger audit findings', () => {
  let f: LedgerFixture;
  beforeAll(async () => {
    f = await createLedgerFixture();
  });

  it('test_RevertWhen_RegistrarOfOneSiteBurnsTheGlobalWhIdSpaceWithAbsurdSupply', async () => {
    // Wh ids are one global 88-bit counter for all sites. Before the fix one registration of 4 x (2^64 - 1) Wh
    // burnt 2^66 ids, and every lower-then-raise amendment pair burnt another 2^64 per source, so a malicious
    // registrar of site B could exhaust the counter in ~2^22 transactions; after that every registerSupply,
    // raising amendment and revoke (which re-issues) of EVERY site reverted. Now a (slot, source) holds <= 1 TWh.
    const absurd = 2n ** 64n - 1n;
    const huge = { ...slotAt(0, 60, [0, 0, 0, 0]), sourceWh: [absurd, absurd, absurd, absurd] as Wh4 };
    expect(await expectRevert(f.write('operatorB', 'registerSupply', [SITE_B, [huge]]), 'WhOverflow(uint256)')).toEqual([absurd]);
    const justOver = { ...slotAt(0, 60, [0, 0, 0, 0]), sourceWh: [0n, 0n, 0n, MAX_SOURCE_WH + 1n] as Wh4 };
    expect(await expectRevert(f.write('operatorB', 'registerSupply', [SITE_B, [justOver]]), 'WhOverflow(uint256)')).toEqual([MAX_SOURCE_WH + 1n]);

    // 1 TWh per source is accepted (no real interval comes near), and amendments are held to the same bound.
    const before = await f.read<bigint>('nextWhId');
    await f.write('operatorB', 'registerSupply', [SITE_B, [{ ...slotAt(0, 60, [0, 0, 0, 0]), sourceWh: [MAX_SOURCE_WH, 0n, 0n, 0n] as Wh4 }]]);
    expect((await f.read<bigint>('nextWhId')) - before).toBe(MAX_SOURCE_WH);
    const amend = (wh: bigint) => f.write('operatorB', 'amendSupply', [SITE_B, DAY0, 60, [wh, 0n, 0n, 0n], keccak256(stringToBytes('evidence'))]);
    expect(await expectRevert(amend(absurd), 'WhOverflow(uint256)')).toEqual([absurd]);
    await amend(MAX_SOURCE_WH - 1n);
    await amend(MAX_SOURCE_WH);
    expect((await f.read<{ registeredWh: Wh4 }>('getSlot', [SITE_B, DAY0, 60])).registeredWh).toEqual([MAX_SOURCE_WH, 0n, 0n, 0n]);
  });

  it('test_RevertWhen_RegistryAdminGrantsSiteRolesThroughTheLedgerWideAccessControl', async () => {
    // The inherited OpenZeppelin grantRole let the registry admin write METERING_SIGNER / SITE_ADMIN into the
    // ledger-wide role table: hasRole(METERING_SIGNER, x) became true and RoleGranted was emitted although x can
    // sign nothing, which misleads anyone reconstructing who may vouch for receipts from the events.
    for (const role of [ROLE.METERING_SIGNER, ROLE.SITE_ADMIN, ROLE.SUPPLY_REGISTRAR, keccak256(stringToBytes('OPERATOR_ROLE'))] as Hex[]) {
      expect(await expectRevert(f.write('registryAdmin', 'grantRole', [role, f.accounts.stranger.address]), 'InvalidSiteRole(bytes32)')).toEqual([role]);
      expect(await f.read<boolean>('hasRole', [role, f.accounts.stranger.address])).toBe(false);
    }
    // The registry admin's own role keeps OpenZeppelin's two-step rule.
    await expectRevert(f.write('registryAdmin', 'grantRole', [`0x${'00'.repeat(32)}`, f.accounts.stranger.address]), 'AccessControlEnforcedDefaultAdminRules()');
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.signer.address])).toBe(true);
  });

  it('test_RevertWhen_SupplyNamesNoProductionDeviceOrNoEvidence', async () => {
    // A bundle without a device is no granular certificate, and supply without an evidence hash has no
    // measurement behind it; both were accepted (zero hashes) before the fix, also by amendments.
    const zero = `0x${'00'.repeat(32)}` as Hex;
    const noDevice = { ...slotAt(600, 15, [500, 0, 0, 0]), deviceId: zero };
    const noEvidence = { ...slotAt(600, 15, [500, 0, 0, 0]), evidenceHash: zero };
    expect(await expectRevert(f.write('registrar', 'registerSupply', [SITE, [noDevice]]), 'ZeroValue(string)')).toEqual(['deviceId']);
    expect(await expectRevert(f.write('registrar', 'registerSupply', [SITE, [noEvidence]]), 'ZeroValue(string)')).toEqual(['evidenceHash']);
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(600, 15, [500, 0, 0, 0])]]);
    expect(await expectRevert(f.write('registrar', 'amendSupply', [SITE, DAY0 + 600n, 15, [400n, 0n, 0n, 0n], zero]), 'ZeroValue(string)')).toEqual(['evidenceHash']);
  });

  it('test_RevertWhen_SiteOrBeneficiarySignatureIsMalleatedToHighS', async () => {
    // Regression (reviewed, holds): the (r, n - s, v ^ 1) twin of a valid signature is refused for both parties,
    // so a copied transaction cannot be resubmitted with a "different" signature (digests are single-use anyway).
    const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const twin = (sig: Hex): Hex => {
      const s = BigInt(`0x${sig.slice(66, 130)}`);
      const v = parseInt(sig.slice(130, 132), 16);
      return `${sig.slice(0, 66)}${(N - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
    };
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(900, 15, [500, 0, 0, 0])]]);
    const r = await f.receipt({ claims: [greenClaim(900, 15, 0, 100)], from: 900, to: 915 });
    const siteSig = await f.sign(r, 'signer');
    const driverSig = await f.sign(r, 'driver');
    expect(await expectRevert(f.write('stranger', 'claim', [r, twin(siteSig), driverSig]), 'InvalidSiteSignature(bytes32,address)')).toEqual([SITE, zeroAddress]);
    expect(await expectRevert(f.write('stranger', 'claim', [r, siteSig, twin(driverSig)]), 'InvalidBeneficiarySignature(address)')).toEqual([r.beneficiary]);
    await f.write('stranger', 'claim', [r, siteSig, driverSig]);
  });

  it('test_RevertWhen_ClaimRevivedWithAReceiptSignedBeforeTheRevoke', async () => {
    // Before the fix a revoke (e.g. for fraud) was not final: any other unused receipt of the session that the site
    // had signed or anchored earlier (the pre-correction receipt, a second copy with another hash) claimed the
    // released Wh again. Now every receipt carries the session's revision and a revoke moves it on.
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(1200, 15, [800, 0, 0, 0])]]);
    const session = 'revoked-for-fraud';
    const original = await f.receipt({ session, claims: [greenClaim(1200, 15, 0, 500)], from: 1200, to: 1215 });
    const signedEarlier = await f.receipt({ session, claims: [greenClaim(1200, 15, 0, 600)], from: 1200, to: 1215 });
    const anchoredEarlier = await f.receipt({ session, claims: [greenClaim(1200, 15, 0, 700)], from: 1200, to: 1215 });
    const tree = StandardMerkleTree.of([[f.digest(anchoredEarlier)]], ['bytes32']);
    await f.write('signer', 'anchor', [SITE, tree.root as Hex, DAY0, 1440, 1]);
    await f.claim(original);
    await f.write('siteAdmin', 'revoke', [SITE, original.sessionId, 4]);
    expect(await f.read('receiptRevision', [SITE, original.sessionId])).toBe(1);

    const stale = [SITE, original.sessionId, 0, 1];
    expect(await expectRevert(f.claim(signedEarlier), 'StaleReceiptRevision(bytes32,bytes32,uint32,uint32)')).toEqual(stale);
    const proof = tree.getProof([f.digest(anchoredEarlier)]) as Hex[];
    const byProof = f.write('driver', 'claimWithProof', [anchoredEarlier, tree.root, proof, '0x']);
    expect(await expectRevert(byProof, 'StaleReceiptRevision(bytes32,bytes32,uint32,uint32)')).toEqual(stale);
    // A receipt for a revision not reached yet is refused too (a site cannot pre-sign past the next revoke).
    const ahead = await f.receipt({ session, claims: [greenClaim(1200, 15, 0, 100)], from: 1200, to: 1215, revision: 2 });
    expect(await expectRevert(f.claim(ahead), 'StaleReceiptRevision(bytes32,bytes32,uint32,uint32)')).toEqual([SITE, original.sessionId, 2, 1]);
    expect((await f.read<{ claimedWh: Wh4 }>('getSlot', [SITE, DAY0 + 1200n, 15])).claimedWh).toEqual([0n, 0n, 0n, 0n]);
  });

  it('test_ReceiptSignedAtTheNewRevisionAfterARevokeIsAccepted', async () => {
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(1260, 15, [800, 0, 0, 0])]]);
    const session = 'corrected-after-revoke';
    const first = await f.receipt({ session, claims: [greenClaim(1260, 15, 0, 500)], from: 1260, to: 1275 });
    await f.claim(first);
    await f.write('registrar', 'revoke', [SITE, first.sessionId, 1]);
    const corrected = await f.receipt({ session, claims: [greenClaim(1260, 15, 0, 450)], from: 1260, to: 1275, revision: 1 });
    await f.claim(corrected);
    expect(await f.read('getClaim', [SITE, first.sessionId])).toMatchObject({ status: 1, revision: 1, greenWh: 450n, receiptDigest: f.digest(corrected) });
    // Revoked again: revision 2, and the revision-1 receipt is used and stale.
    await f.write('registrar', 'revoke', [SITE, first.sessionId, 1]);
    expect(await f.read('receiptRevision', [SITE, first.sessionId])).toBe(2);
    await expectRevert(f.claim(corrected), 'ReceiptAlreadyUsed(bytes32)');
    await f.claim(await f.receipt({ session, claims: [greenClaim(1260, 15, 0, 400)], from: 1260, to: 1275, revision: 2 }));
    expect((await f.read<{ claimedWh: Wh4 }>('getSlot', [SITE, DAY0 + 1260n, 15])).claimedWh).toEqual([400n, 0n, 0n, 0n]);
  });
});
