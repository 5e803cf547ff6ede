import { decodeErrorResult, encodeDeployData, keccak256, stringToBytes, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../../src/lib/chain/generated/greenClaimLedgerBytecode';
import { createLedgerFixture, expectRevert, greenClaim, ISSUER, revertDataOf, ROLE, SITE, SITE_B, slotAt, type LedgerFixture } from './ledgerFixture';

type Site = { admin: Address; registered: boolean; pendingAdmin: Address; issuingBody: Hex };
const SITE_C = keccak256(stringToBytes('site-C'));

describe('GreenClaimLedger sites and roles', () => {
  let f: LedgerFixture;
  beforeAll(async () => {
    f = await createLedgerFixture();
  });

  it('test_DeploysWithRegistryAdminRoleConstantsAndEip712DomainVersion2', async () => {
    expect(await f.read<Address>('defaultAdmin')).toBe(f.accounts.registryAdmin.address);
    expect(await f.read<boolean>('hasRole', [zeroHash, f.accounts.registryAdmin.address])).toBe(true);
    expect(await f.read<Hex>('SITE_ADMIN')).toBe(ROLE.SITE_ADMIN);
    expect(await f.read<Hex>('SUPPLY_REGISTRAR')).toBe(ROLE.SUPPLY_REGISTRAR);
    expect(await f.read<Hex>('METERING_SIGNER')).toBe(ROLE.METERING_SIGNER);
    const [, name, version, chainId, verifyingContract] = await f.read<readonly [Hex, string, string, bigint, Address]>('eip712Domain');
    expect({ name, version, chainId, verifyingContract }).toEqual({ name: 'GreenSlot', version: '2', chainId: 31337n, verifyingContract: f.ledger });
  });

  it('test_RevertWhen_DeployedWithZeroAdmin', async () => {
    const data = encodeDeployData({ abi: greenClaimLedgerAbi, bytecode: greenClaimLedgerBytecode, args: [zeroAddress, 0] });
    const error = await f.client.call({ account: f.accounts.registryAdmin.address, data }).then(
      () => undefined,
      (e: unknown) => e
    );
    const raw = revertDataOf(error);
    expect(raw, 'deployment with admin 0 must revert with data').toBeDefined();
    const decoded = decodeErrorResult({ abi: greenClaimLedgerAbi, data: raw! });
    expect(decoded.errorName).toBe('AccessControlInvalidDefaultAdmin');
    expect(decoded.args).toEqual([zeroAddress]);
  });

  it('test_RegistersSiteWithAdminAndIssuingBodyAndEmitsRoleGrant', async () => {
    expect(await f.read<Site>('siteOf', [SITE])).toEqual({ admin: f.accounts.siteAdmin.address, registered: true, pendingAdmin: zeroAddress, issuingBody: ISSUER });
    expect(await f.read<Site>('siteOf', [SITE_C])).toEqual({ admin: zeroAddress, registered: false, pendingAdmin: zeroAddress, issuingBody: zeroHash });
    const registered = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'SiteRegistered', fromBlock: 0n });
    expect(registered.map((l) => [l.args.siteId, l.args.siteAdmin, l.args.by])).toEqual([
      [SITE, f.accounts.siteAdmin.address, f.accounts.registryAdmin.address],
      [SITE_B, f.accounts.operatorB.address, f.accounts.registryAdmin.address]
    ]);
    const grants = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'SiteRoleGranted', fromBlock: 0n, args: { siteId: SITE } });
    expect(grants.map((l) => [l.args.role, l.args.account])).toEqual([
      [ROLE.SITE_ADMIN, f.accounts.siteAdmin.address],
      [ROLE.SUPPLY_REGISTRAR, f.accounts.registrar.address],
      [ROLE.METERING_SIGNER, f.accounts.signer.address]
    ]);
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.SITE_ADMIN, f.accounts.siteAdmin.address])).toBe(true);
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.SITE_ADMIN, zeroAddress])).toBe(false);
    expect(await f.read<boolean>('hasSiteRole', [SITE_C, ROLE.SITE_ADMIN, zeroAddress])).toBe(false);
  });

  it('test_RevertWhen_AnyoneButTheRegistryAdminRegistersASite', async () => {
    // Site ids cannot be squatted: only the registry admin registers them.
    for (const who of ['stranger', 'siteAdmin', 'operatorB'] as const) {
      const [account, role] = await expectRevert(f.write(who, 'registerSite', [SITE_C, f.accounts[who].address, ISSUER]), 'AccessControlUnauthorizedAccount(address,bytes32)');
      expect([account, role]).toEqual([f.accounts[who].address, zeroHash]);
    }
  });

  it('test_RevertWhen_SiteRegisteredTwiceOrWithZeroFields', async () => {
    expect(await expectRevert(f.write('registryAdmin', 'registerSite', [SITE, f.accounts.stranger.address, ISSUER]), 'SiteAlreadyRegistered(bytes32)')).toEqual([SITE]);
    expect(await expectRevert(f.write('registryAdmin', 'registerSite', [zeroHash, f.accounts.stranger.address, ISSUER]), 'ZeroValue(string)')).toEqual(['siteId']);
    expect(await expectRevert(f.write('registryAdmin', 'registerSite', [SITE_C, zeroAddress, ISSUER]), 'ZeroAddress(string)')).toEqual(['siteAdmin']);
    expect(await expectRevert(f.write('registryAdmin', 'registerSite', [SITE_C, f.accounts.stranger.address, zeroHash]), 'ZeroValue(string)')).toEqual(['issuingBody']);
  });

  it('test_SiteAdminGrantsAndRevokesRolesOfItsOwnSiteOnly', async () => {
    await f.write('siteAdmin', 'grantSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.stranger.address]);
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.stranger.address])).toBe(true);
    expect(await f.read<boolean>('hasSiteRole', [SITE_B, ROLE.METERING_SIGNER, f.accounts.stranger.address])).toBe(false);
    const receipt = await f.write('siteAdmin', 'revokeSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.stranger.address]);
    expect(receipt.logs).toHaveLength(1);
    expect(await f.read<boolean>('hasSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.stranger.address])).toBe(false);
    // Idempotent: revoking again changes nothing and emits nothing.
    expect((await f.write('siteAdmin', 'revokeSiteRole', [SITE, ROLE.METERING_SIGNER, f.accounts.stranger.address])).logs).toHaveLength(0);
    const revoked = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'SiteRoleRevoked', fromBlock: 0n, args: { siteId: SITE } });
    expect(revoked.map((l) => [l.args.role, l.args.account, l.args.by])).toEqual([[ROLE.METERING_SIGNER, f.accounts.stranger.address, f.accounts.siteAdmin.address]]);
  });

  it('test_RevertWhen_RoleManagedByNonAdminOrOnAnotherSite', async () => {
    // site A's admin on site B, site B's operator on site A, and A's registrar/signer on A.
    const cases = [
      ['siteAdmin', SITE_B],
      ['operatorB', SITE],
      ['registrar', SITE],
      ['signer', SITE],
      ['registryAdmin', SITE]
    ] as const;
    for (const [who, site] of cases) {
      const args = await expectRevert(f.write(who, 'grantSiteRole', [site, ROLE.SUPPLY_REGISTRAR, f.accounts.stranger.address]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
      expect(args).toEqual([site, f.accounts[who].address, ROLE.SITE_ADMIN]);
      await expectRevert(f.write(who, 'revokeSiteRole', [site, ROLE.SUPPLY_REGISTRAR, f.accounts.registrar.address]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
      await expectRevert(f.write(who, 'beginSiteAdminTransfer', [site, f.accounts[who].address]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    }
    expect(await expectRevert(f.write('siteAdmin', 'grantSiteRole', [SITE_C, ROLE.SUPPLY_REGISTRAR, f.accounts.stranger.address]), 'UnknownSite(bytes32)')).toEqual([SITE_C]);
  });

  it('test_RevertWhen_GrantingSiteAdminOrAnUnknownRoleOrZeroAccount', async () => {
    for (const role of [ROLE.SITE_ADMIN, zeroHash, keccak256(stringToBytes('OPERATOR_ROLE'))]) {
      expect(await expectRevert(f.write('siteAdmin', 'grantSiteRole', [SITE, role, f.accounts.stranger.address]), 'InvalidSiteRole(bytes32)')).toEqual([role]);
    }
    expect(await expectRevert(f.write('siteAdmin', 'revokeSiteRole', [SITE, ROLE.SITE_ADMIN, f.accounts.siteAdmin.address]), 'InvalidSiteRole(bytes32)')).toEqual([ROLE.SITE_ADMIN]);
    expect(await expectRevert(f.write('siteAdmin', 'grantSiteRole', [SITE, ROLE.METERING_SIGNER, zeroAddress]), 'ZeroAddress(string)')).toEqual(['account']);
  });

  it('test_RevertWhen_OperatorOfSiteAActsOnSiteB', async () => {
    // Site A's registrar and signer hold roles on A; none of that counts on B.
    const slotB = slotAt(600, 15, [1000, 0, 0, 0]);
    await f.write('operatorB', 'registerSupply', [SITE_B, [slotB]]);
    let args = await expectRevert(f.write('registrar', 'registerSupply', [SITE_B, [slotAt(700, 15, [1, 0, 0, 0])]]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    expect(args).toEqual([SITE_B, f.accounts.registrar.address, ROLE.SUPPLY_REGISTRAR]);
    args = await expectRevert(f.write('registrar', 'amendSupply', [SITE_B, slotB.startMinute, 15, [0n, 0n, 0n, 0n], zeroHash]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    expect(args).toEqual([SITE_B, f.accounts.registrar.address, ROLE.SUPPLY_REGISTRAR]);
    args = await expectRevert(f.write('signer', 'anchor', [SITE_B, keccak256(stringToBytes('root')), 0n, 60, 1]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    expect(args).toEqual([SITE_B, f.accounts.signer.address, ROLE.METERING_SIGNER]);
    // A receipt of site B signed by site A's metering signer is not vouched for by B.
    const r = await f.receipt({ siteId: SITE_B, claims: [greenClaim(600, 15, 0, 100)], from: 600, to: 615 });
    args = await expectRevert(f.claim(r, { siteSigner: 'signer' }), 'InvalidSiteSignature(bytes32,address)');
    expect(args).toEqual([SITE_B, f.accounts.signer.address]);
    // B's own signer vouches; then A's admin and registrar cannot revoke it.
    await f.claim(r, { siteSigner: 'operatorB' });
    for (const who of ['siteAdmin', 'registrar'] as const) {
      args = await expectRevert(f.write(who, 'revoke', [SITE_B, r.sessionId, 1]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
      expect(args).toEqual([SITE_B, f.accounts[who].address, ROLE.SUPPLY_REGISTRAR]);
    }
    await f.write('operatorB', 'anchor', [SITE_B, keccak256(stringToBytes('root B')), 0n, 60, 1]);
    args = await expectRevert(f.write('siteAdmin', 'revokeAnchor', [SITE_B, keccak256(stringToBytes('root B')), 4]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    expect(args).toEqual([SITE_B, f.accounts.siteAdmin.address, ROLE.SITE_ADMIN]);
  });

  it('test_SiteAdminTransferIsTwoStepAndCancellable', async () => {
    const g = await createLedgerFixture();
    await g.write('siteAdmin', 'beginSiteAdminTransfer', [SITE, g.accounts.stranger.address]);
    await g.write('siteAdmin', 'cancelSiteAdminTransfer', [SITE]);
    expect((await g.read<Site>('siteOf', [SITE])).pendingAdmin).toBe(zeroAddress);
    expect(await expectRevert(g.write('stranger', 'acceptSiteAdminTransfer', [SITE]), 'SiteAdminTransferNotPending(bytes32,address)')).toEqual([SITE, g.accounts.stranger.address]);
    expect(await expectRevert(g.write('siteAdmin', 'cancelSiteAdminTransfer', [SITE]), 'SiteAdminTransferNotPending(bytes32,address)')).toEqual([SITE, zeroAddress]);
    expect(await expectRevert(g.write('siteAdmin', 'beginSiteAdminTransfer', [SITE, zeroAddress]), 'ZeroAddress(string)')).toEqual(['newAdmin']);

    await g.write('siteAdmin', 'beginSiteAdminTransfer', [SITE, g.accounts.newAdmin.address]);
    // Until accepted, the old admin still rules and the new one has nothing.
    expect(await g.read<boolean>('hasSiteRole', [SITE, ROLE.SITE_ADMIN, g.accounts.newAdmin.address])).toBe(false);
    await expectRevert(g.write('newAdmin', 'grantSiteRole', [SITE, ROLE.SUPPLY_REGISTRAR, g.accounts.stranger.address]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    await expectRevert(g.write('stranger', 'acceptSiteAdminTransfer', [SITE]), 'SiteAdminTransferNotPending(bytes32,address)');
    // A pending transfer of site A cannot be accepted on site B.
    await expectRevert(g.write('newAdmin', 'acceptSiteAdminTransfer', [SITE_B]), 'SiteAdminTransferNotPending(bytes32,address)');
    await g.write('newAdmin', 'acceptSiteAdminTransfer', [SITE]);
    expect(await g.read<Site>('siteOf', [SITE])).toMatchObject({ admin: g.accounts.newAdmin.address, pendingAdmin: zeroAddress });
    await expectRevert(g.write('siteAdmin', 'grantSiteRole', [SITE, ROLE.SUPPLY_REGISTRAR, g.accounts.stranger.address]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    await g.write('newAdmin', 'grantSiteRole', [SITE, ROLE.SUPPLY_REGISTRAR, g.accounts.stranger.address]);
    const moved = await g.client.getContractEvents({ address: g.ledger, abi: greenClaimLedgerAbi, eventName: 'SiteAdminTransferred', fromBlock: 0n });
    expect(moved.map((l) => [l.args.siteId, l.args.previousAdmin, l.args.newAdmin])).toEqual([[SITE, g.accounts.siteAdmin.address, g.accounts.newAdmin.address]]);
    const started = await g.client.getContractEvents({ address: g.ledger, abi: greenClaimLedgerAbi, eventName: 'SiteAdminTransferStarted', fromBlock: 0n });
    expect(started).toHaveLength(2);
    expect(await g.client.getContractEvents({ address: g.ledger, abi: greenClaimLedgerAbi, eventName: 'SiteAdminTransferCancelled', fromBlock: 0n })).toHaveLength(1);
  });

  it('test_RegistryAdminTransferIsTwoStep', async () => {
    const g = await createLedgerFixture({ staffSites: false });
    await g.write('registryAdmin', 'beginDefaultAdminTransfer', [g.accounts.newAdmin.address]);
    // Not yet: the old admin still registers sites, the pending one cannot.
    await expectRevert(g.write('newAdmin', 'registerSite', [SITE_C, g.accounts.newAdmin.address, ISSUER]), 'AccessControlUnauthorizedAccount(address,bytes32)');
    expect(await expectRevert(g.write('stranger', 'acceptDefaultAdminTransfer', []), 'AccessControlInvalidDefaultAdmin(address)')).toEqual([g.accounts.stranger.address]);
    await g.write('newAdmin', 'acceptDefaultAdminTransfer', []);
    expect(await g.read<Address>('defaultAdmin')).toBe(g.accounts.newAdmin.address);
    await expectRevert(g.write('registryAdmin', 'registerSite', [SITE_C, g.accounts.registryAdmin.address, ISSUER]), 'AccessControlUnauthorizedAccount(address,bytes32)');
    await g.write('newAdmin', 'registerSite', [SITE_C, g.accounts.newAdmin.address, ISSUER]);
    // The admin role cannot be handed over in one step.
    await expectRevert(g.write('newAdmin', 'grantRole', [zeroHash, g.accounts.stranger.address]), 'AccessControlEnforcedDefaultAdminRules()');
  });
});
