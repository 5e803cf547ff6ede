import { keccak256, stringToBytes, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { createLedgerFixture, DAY0, expectRevert, greenClaim, ISSUER, ROLE, SITE, slotAt } from './ledgerFixture';

/**
 * Every state-changing function of the ledger, called by a stranger (an account with no role on any
 * site and no registry role), is refused with a named error — and leaves the ledger as it was.
 * Reads (views) are open to anyone by design: the ledger is a public record.
 */
describe('GreenClaimLedger against a stranger', () => {
  it('test_RevertWhen_AStrangerCallsAnyStateChangingFunction', async () => {
    const f = await createLedgerFixture();
    const stranger = f.accounts.stranger.address;
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [2000, 0, 0, 0])]]);
    const live = await f.receipt({ claims: [greenClaim(0, 15, 0, 500)], from: 0, to: 15 });
    await f.claim(live);
    const root = keccak256(stringToBytes('a root'));
    await f.write('signer', 'anchor', [SITE, root, DAY0, 15, 1]);
    await f.write('siteAdmin', 'beginSiteAdminTransfer', [SITE, f.accounts.newAdmin.address]);
    const siteAuth = 'SiteUnauthorizedAccount(bytes32,address,bytes32)';
    const registryAuth = 'AccessControlUnauthorizedAccount(address,bytes32)';
    const ownReceipt = await f.receipt({ claims: [greenClaim(0, 15, 0, 500)], from: 0, to: 15, beneficiary: 'stranger' });

    const cases: [string, readonly unknown[], string][] = [
      ['registerSite', [keccak256(stringToBytes('squatted')), stranger, ISSUER], registryAuth],
      ['grantSiteRole', [SITE, ROLE.METERING_SIGNER, stranger], siteAuth],
      ['revokeSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.signer.address], siteAuth],
      ['beginSiteAdminTransfer', [SITE, stranger], siteAuth],
      ['cancelSiteAdminTransfer', [SITE], siteAuth],
      ['acceptSiteAdminTransfer', [SITE], 'SiteAdminTransferNotPending(bytes32,address)'],
      ['registerSupply', [SITE, [slotAt(60, 15, [9000, 0, 0, 0])]], siteAuth],
      ['amendSupply', [SITE, DAY0, 15, [9_000_000n, 0n, 0n, 0n], keccak256(stringToBytes('forged'))], siteAuth],
      ['revoke', [SITE, live.sessionId, 4], siteAuth],
      ['anchor', [SITE, keccak256(stringToBytes('forged root')), DAY0, 15, 1], siteAuth],
      ['revokeAnchor', [SITE, root, 4], siteAuth],
      ['claim', [ownReceipt, await f.sign(ownReceipt, 'stranger'), '0x'], 'InvalidSiteSignature(bytes32,address)'],
      ['claimWithProof', [ownReceipt, root, [], '0x'], 'InvalidMerkleProof(bytes32,bytes32)'],
      // Inherited from OpenZeppelin AccessControlDefaultAdminRules: the registry admin's powers.
      ['grantRole', [zeroHash, stranger], 'AccessControlEnforcedDefaultAdminRules()'],
      ['revokeRole', [zeroHash, f.accounts.registryAdmin.address], 'AccessControlEnforcedDefaultAdminRules()'],
      ['beginDefaultAdminTransfer', [stranger], registryAuth],
      ['cancelDefaultAdminTransfer', [], registryAuth],
      ['acceptDefaultAdminTransfer', [], 'AccessControlInvalidDefaultAdmin(address)'],
      ['changeDefaultAdminDelay', [0], registryAuth],
      ['rollbackDefaultAdminDelay', [], registryAuth]
    ];
    for (const [fn, args, error] of cases) {
      await expectRevert(f.write('stranger', fn, args), error).catch((e: Error) => {
        throw new Error(`${fn} by a stranger: ${e.message}`);
      });
    }
    // Nothing moved: roles, the claim, the anchor and the pending transfer are as they were.
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.METERING_SIGNER, stranger])).toBe(false);
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.signer.address])).toBe(true);
    expect(await f.read<boolean>('isAnchored', [SITE, root])).toBe(true);
    expect((await f.read<{ pendingAdmin: string }>('siteOf', [SITE])).pendingAdmin).toBe(f.accounts.newAdmin.address);
    expect(await f.read<string>('defaultAdmin')).toBe(f.accounts.registryAdmin.address);
    expect(await f.read<boolean>('isReceiptUsed', [f.digest(live)])).toBe(true);
  });
});
