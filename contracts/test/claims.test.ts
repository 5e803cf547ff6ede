import { join } from 'node:path';
import { encodeDeployData, getAddress, keccak256, stringToBytes, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { compileSolidity, contractsDir } from '../scripts/compile';
import { createLedgerFixture, DAY0, expectRevert, greenClaim, ROLE, SITE, slotAt, type LedgerFixture } from './ledgerFixture';
import type { MeteredReceipt } from '../../src/lib/chain/meteredReceiptTypedData';

type ClaimRecord = { status: number; revokeReason: number; beneficiary: Address; deliveredWh: bigint; greenWh: bigint; byProof: boolean; receiptDigest: Hex; receiptHash: Hex; bundleIds: readonly bigint[] };
type Range = { bundleId: bigint; startMinute: bigint; lengthMinutes: number; source: number; status: number; firstWhId: bigint; wh: bigint };
type Wh4 = readonly [bigint, bigint, bigint, bigint];
const LIVE = 1;
const REVOKED = 2;

describe('GreenClaimLedger claims of metered receipts', () => {
  let f: LedgerFixture;
  const claimed = async (minute: number, length = 15) => (await f.read<{ claimedWh: Wh4 }>('getSlot', [SITE, DAY0 + BigInt(minute), length])).claimedWh;
  beforeAll(async () => {
    f = await createLedgerFixture();
    // 00:00-00:15 SOLAR 5000 / WIND 1000; 00:15-00:30 SOLAR 2000; 00:30-00:35 WATER 300.
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [5000, 1000, 0, 0]), slotAt(15, 15, [2000, 0, 0, 0]), slotAt(30, 5, [0, 0, 300, 0])]]);
  });

  it('test_BeneficiaryClaimsSiteSignedReceiptAndGetsOneRangePerGreenClaim', async () => {
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 1200), greenClaim(0, 15, 1, 300), greenClaim(15, 15, 0, 500)], from: 0, to: 30, deliveredWh: 9000n });
    expect(await f.read<Hex>('receiptDigest', [r])).toBe(f.digest(r));
    const tx = await f.claim(r);
    const c = await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId]);
    expect(c).toMatchObject({ status: LIVE, revokeReason: 0, beneficiary: f.accounts.driver.address, deliveredWh: 9000n, greenWh: 2000n, byProof: false, receiptDigest: f.digest(r), receiptHash: r.receiptHash });
    const ranges = await f.read<readonly Range[]>('claimRanges', [SITE, r.sessionId]);
    expect(ranges.map((x) => [x.startMinute - DAY0, x.source, x.firstWhId, x.wh, x.status])).toEqual([
      [0n, 0, 1n, 1200n, 2],
      [0n, 1, 5001n, 300n, 2],
      [15n, 0, 6001n, 500n, 2]
    ]);
    expect(c.bundleIds).toEqual(ranges.map((x) => x.bundleId));
    expect(await claimed(0)).toEqual([1200n, 300n, 0n, 0n]);
    expect(await f.read<boolean>('isReceiptUsed', [f.digest(r)])).toBe(true);
    const events = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'BundleCancelled', blockHash: tx.blockHash });
    expect(events.map((l) => [l.args.sessionId, l.args.firstWhId, l.args.wh])).toEqual(ranges.map((x) => [r.sessionId, x.firstWhId, x.wh]));
    const [claimedEvent] = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'ReceiptClaimed', blockHash: tx.blockHash });
    expect(claimedEvent.args).toMatchObject({ siteId: SITE, sessionId: r.sessionId, beneficiary: r.beneficiary, receiptDigest: f.digest(r), greenWh: 2000n, anchorRoot: zeroHash });
  });

  it('test_RelayerSubmitsWithTheBeneficiaryCountersignature', async () => {
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 100)], from: 0, to: 15, beneficiary: 'driver2' });
    await f.claim(r, { by: 'stranger', countersigner: 'driver2' });
    expect((await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId])).beneficiary).toBe(f.accounts.driver2.address);
  });

  it('test_RevertWhen_StrangerSelfAttests', async () => {
    // The stranger writes its own receipt, names itself and signs both parts: no metering signer vouches for it.
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 3000)], from: 0, to: 15, beneficiary: 'stranger' });
    const args = await expectRevert(f.claim(r, { by: 'stranger', siteSigner: 'stranger' }), 'InvalidSiteSignature(bytes32,address)');
    expect(args).toEqual([SITE, f.accounts.stranger.address]);
    // Neither do the site's admin or registrar keys (only METERING_SIGNER counts), nor garbage.
    await expectRevert(f.claim(r, { by: 'stranger', siteSigner: 'registrar' }), 'InvalidSiteSignature(bytes32,address)');
    await expectRevert(f.claim(r, { by: 'stranger', siteSigner: 'siteAdmin' }), 'InvalidSiteSignature(bytes32,address)');
    expect(await expectRevert(f.write('stranger', 'claim', [r, '0x1234', '0x']), 'InvalidSiteSignature(bytes32,address)')).toEqual([SITE, zeroAddress]);
  });

  it('test_RevertWhen_FrontRunnerSubmitsACopyOfARealReceiptForThemselves', async () => {
    const r = await f.receipt({ claims: [greenClaim(15, 15, 0, 700)], from: 15, to: 30 });
    const siteSig = await f.sign(r, 'signer');
    const driverSig = await f.sign(r, 'driver');
    // Rewriting the beneficiary changes the digest: the site signature no longer matches.
    const stolen: MeteredReceipt = { ...r, beneficiary: f.accounts.stranger.address };
    await expectRevert(f.write('stranger', 'claim', [stolen, siteSig, '0x']), 'InvalidSiteSignature(bytes32,address)');
    await expectRevert(f.write('stranger', 'claim', [stolen, siteSig, driverSig]), 'InvalidSiteSignature(bytes32,address)');
    // Submitting the copy as is without the driver's countersignature is refused...
    expect(await expectRevert(f.write('stranger', 'claim', [r, siteSig, '0x']), 'InvalidBeneficiarySignature(address)')).toEqual([r.beneficiary]);
    await expectRevert(f.write('stranger', 'claim', [r, siteSig, await f.sign(r, 'stranger')]), 'InvalidBeneficiarySignature(address)');
    // ...and with it, the claim is the driver's anyway: the front-runner gains nothing.
    await f.write('stranger', 'claim', [r, siteSig, driverSig]);
    expect((await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId])).beneficiary).toBe(f.accounts.driver.address);
  });

  it('test_RevertWhen_SquatterAttestsAGuessedSessionId', async () => {
    // OCPI ids are guessable; v1 let the first attester block the real session for ever.
    const guessed = await f.receipt({ session: 'CDR-2027-000123', claims: [], from: 0, to: 15, beneficiary: 'stranger' });
    await expectRevert(f.claim(guessed, { by: 'stranger', siteSigner: 'stranger' }), 'InvalidSiteSignature(bytes32,address)');
    expect((await f.read<ClaimRecord>('getClaim', [SITE, guessed.sessionId])).status).toBe(0);
    const real = await f.receipt({ session: 'CDR-2027-000123', claims: [greenClaim(0, 15, 1, 200)], from: 0, to: 15 });
    await f.claim(real);
    expect((await f.read<ClaimRecord>('getClaim', [SITE, real.sessionId])).status).toBe(LIVE);
  });

  it('test_RevertWhen_MeteringSignerWasRevokedBeforeTheClaim', async () => {
    const g = await createLedgerFixture();
    await g.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [1000, 0, 0, 0])]]);
    const r = await g.receipt({ claims: [greenClaim(0, 15, 0, 100)], from: 0, to: 15 });
    const siteSig = await g.sign(r, 'signer');
    await g.write('siteAdmin', 'revokeSiteRole', [SITE, ROLE.METERING_SIGNER, g.accounts.signer.address]);
    // The signature is checked against the roles at claim time: a retired key vouches for nothing.
    expect(await expectRevert(g.write('driver', 'claim', [r, siteSig, '0x']), 'InvalidSiteSignature(bytes32,address)')).toEqual([SITE, g.accounts.signer.address]);
    await g.write('siteAdmin', 'grantSiteRole', [SITE, ROLE.METERING_SIGNER, g.accounts.signer.address]);
    await g.write('driver', 'claim', [r, siteSig, '0x']);
  });

  it('test_RevertWhen_DeadlineHasPassed', async () => {
    const now = await f.now();
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 10)], from: 0, to: 15, deadline: now - 1n });
    const [deadline, blockTime] = await expectRevert(f.claim(r), 'ReceiptExpired(uint64,uint256)');
    expect(deadline).toBe(now - 1n);
    expect(blockTime as bigint).toBeGreaterThan(now - 1n);
  });

  it('test_RevertWhen_SignedForAnotherLedgerOrChain', async () => {
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 10)], from: 0, to: 15 });
    const otherLedger = await f.sign(r, 'signer', { verifyingContract: getAddress('0x00000000000000000000000000000000000000aa') });
    await expectRevert(f.write('driver', 'claim', [r, otherLedger, '0x']), 'InvalidSiteSignature(bytes32,address)');
    const otherChain = await f.sign(r, 'signer', { domainChainId: 1 });
    await expectRevert(f.write('driver', 'claim', [r, otherChain, '0x']), 'InvalidSiteSignature(bytes32,address)');
  });

  it('test_RevertWhen_SessionHasALiveClaimOrTheReceiptWasUsed', async () => {
    const r = await f.receipt({ session: 'twice', claims: [greenClaim(0, 15, 0, 10)], from: 0, to: 15 });
    await f.claim(r);
    expect(await expectRevert(f.claim(r), 'ClaimAlreadyLive(bytes32,bytes32)')).toEqual([SITE, r.sessionId]);
    // A second, differently signed receipt for the same live session is refused as well.
    const other = await f.receipt({ session: 'twice', claims: [greenClaim(0, 15, 0, 20)], from: 0, to: 15 });
    await expectRevert(f.claim(other), 'ClaimAlreadyLive(bytes32,bytes32)');
  });

  it('test_RevokedClaimCanBeReclaimedOnlyWithANewSiteSignedReceipt', async () => {
    const r = await f.receipt({ session: 'revoked-once', claims: [greenClaim(0, 15, 0, 400), greenClaim(30, 5, 2, 300)], from: 0, to: 35 });
    await f.claim(r);
    const before = await f.read<readonly Range[]>('claimRanges', [SITE, r.sessionId]);
    const nextWh = await f.read<bigint>('nextWhId');
    const tx = await f.write('registrar', 'revoke', [SITE, r.sessionId, 2]);
    expect(await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId])).toMatchObject({ status: REVOKED, revokeReason: 2 });
    // The cancelled ranges are withdrawn for good (ids never reused); the Wh come back under new ids.
    const after = await f.read<readonly Range[]>('claimRanges', [SITE, r.sessionId]);
    expect(after.map((x) => [x.bundleId, x.firstWhId, x.wh, x.status])).toEqual(before.map((x) => [x.bundleId, x.firstWhId, x.wh, 3]));
    const [revoked] = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'ClaimRevoked', blockHash: tx.blockHash });
    expect(revoked.args).toMatchObject({ siteId: SITE, sessionId: r.sessionId, by: f.accounts.registrar.address, reasonCode: 2, releasedWh: 700n });
    const water = await f.read<{ claimedWh: Wh4; activeBundleId: Wh4 }>('getSlot', [SITE, DAY0 + 30n, 5]);
    expect(water.claimedWh).toEqual([0n, 0n, 0n, 0n]);
    expect(await f.read('bundle', [water.activeBundleId[2]])).toMatchObject({ status: 1, faceWh: 300n });
    expect((await f.read<{ firstWhId: bigint }>('bundle', [water.activeBundleId[2]])).firstWhId).toBeGreaterThanOrEqual(nextWh);

    // Same receipt again: refused by its digest, even though the session is no longer live.
    expect(await expectRevert(f.claim(r), 'ReceiptAlreadyUsed(bytes32)')).toEqual([f.digest(r)]);
    // A new site-signed receipt (new receipt hash) for the same session, at the revision after the revoke, is accepted.
    expect(await f.read('receiptRevision', [SITE, r.sessionId])).toBe(1);
    const reissued = await f.receipt({ session: 'revoked-once', claims: [greenClaim(30, 5, 2, 250)], from: 0, to: 35, receiptHash: keccak256(stringToBytes('corrected receipt')), revision: 1 });
    await f.claim(reissued);
    const c = await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId]);
    expect(c).toMatchObject({ status: LIVE, revokeReason: 0, greenWh: 250n, receiptDigest: f.digest(reissued), revision: 1 });
    expect(c.bundleIds).toHaveLength(1);
  });

  it('test_RevertWhen_RevokedByStrangerOrTwiceOrNeverClaimed', async () => {
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 1)], from: 0, to: 15 });
    await f.claim(r);
    for (const who of ['stranger', 'signer', 'driver', 'operatorB', 'registryAdmin'] as const) {
      const args = await expectRevert(f.write(who, 'revoke', [SITE, r.sessionId, 4]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
      expect(args).toEqual([SITE, f.accounts[who].address, ROLE.SUPPLY_REGISTRAR]);
    }
    await f.write('siteAdmin', 'revoke', [SITE, r.sessionId, 4]);
    expect(await expectRevert(f.write('siteAdmin', 'revoke', [SITE, r.sessionId, 4]), 'ClaimNotLive(bytes32,bytes32)')).toEqual([SITE, r.sessionId]);
    await expectRevert(f.write('registrar', 'revoke', [SITE, keccak256(stringToBytes('never')), 1]), 'ClaimNotLive(bytes32,bytes32)');
  });

  it('test_RevertWhen_GreenSupplyIsInsufficientOrTheSlotIsNotRegisteredWithThatLength', async () => {
    const left = 2000n - (await claimed(15))[0];
    const r = await f.receipt({ claims: [greenClaim(15, 15, 0, left + 1n)], from: 15, to: 30 });
    expect(await expectRevert(f.claim(r), 'InsufficientGreenSupply(bytes32,uint64,uint16,uint8,uint64,uint64)')).toEqual([SITE, DAY0 + 15n, 15, 0, left + 1n, left]);
    // WIND of the WATER-only slot, a 5-min claim on the 15-min slot, an unregistered slot: no supply behind them.
    await expectRevert(f.claim(await f.receipt({ claims: [greenClaim(30, 5, 1, 1)], from: 30, to: 35 })), 'InsufficientGreenSupply(bytes32,uint64,uint16,uint8,uint64,uint64)');
    expect(await expectRevert(f.claim(await f.receipt({ claims: [greenClaim(0, 5, 0, 1)], from: 0, to: 15 })), 'SlotNotRegistered(bytes32,uint64,uint16)')).toEqual([SITE, DAY0, 5]);
    await expectRevert(f.claim(await f.receipt({ claims: [greenClaim(600, 15, 0, 1)], from: 600, to: 615 })), 'SlotNotRegistered(bytes32,uint64,uint16)');
  });

  it('test_RevertWhen_ClaimsAreMalformed', async () => {
    const bad = async (claims: ReturnType<typeof greenClaim>[], error: string, opts: { from?: number; to?: number; deliveredWh?: bigint } = {}) =>
      expectRevert(f.claim(await f.receipt({ claims, from: opts.from ?? 0, to: opts.to ?? 35, deliveredWh: opts.deliveredWh })), error);
    expect(await bad([greenClaim(0, 15, 0, 1), greenClaim(0, 15, 0, 1)], 'InvalidClaimOrder(uint256)')).toEqual([1n]);
    expect(await bad([greenClaim(15, 15, 0, 1), greenClaim(0, 15, 1, 1)], 'InvalidClaimOrder(uint256)')).toEqual([1n]);
    expect(await bad([greenClaim(0, 15, 1, 1), greenClaim(0, 15, 0, 1)], 'InvalidClaimOrder(uint256)')).toEqual([1n]);
    expect(await bad([greenClaim(0, 15, 4, 1)], 'InvalidSource(uint8)')).toEqual([4]);
    expect(await bad([greenClaim(0, 15, 0, 0)], 'EmptyGreenClaim(uint256)')).toEqual([0n]);
    expect(await bad([greenClaim(15, 15, 0, 1)], 'ClaimOutsideWindow(uint256,uint64,uint16)', { from: 0, to: 29 })).toEqual([0n, DAY0 + 15n, 15]);
    await bad([greenClaim(0, 15, 0, 1)], 'ClaimOutsideWindow(uint256,uint64,uint16)', { from: 1, to: 35 });
    expect(await bad([], 'InvalidWindow(uint64,uint64)', { from: 15, to: 15 })).toEqual([DAY0 + 15n, DAY0 + 15n]);
    expect(await bad([greenClaim(0, 15, 0, 60), greenClaim(15, 15, 0, 41)], 'ClaimExceedsDelivered(uint64,uint64)', { deliveredWh: 100n })).toEqual([101n, 100n]);
    const zero = { ...(await f.receipt({ from: 0, to: 15 })), beneficiary: zeroAddress };
    expect(await expectRevert(f.write('driver', 'claim', [zero, await f.sign(zero, 'signer'), '0x']), 'ZeroAddress(string)')).toEqual(['beneficiary']);
  });

  it('test_RevertWhen_GreenWhFiguresOverflow', async () => {
    const g = await createLedgerFixture();
    const half = 2n ** 63n;
    // Named error instead of v1's Panic(0x11). A (slot, source) holds at most 10^12 Wh (see audit-findings.test.ts),
    // so a receipt's green sum stays far below 2^64; figures that would overflow are refused where they enter.
    const slot = { ...slotAt(0, 15, [0, 0, 0, 0]), sourceWh: [half, half, 0n, 0n] };
    expect(await expectRevert(g.write('registrar', 'registerSupply', [SITE, [slot]]), 'WhOverflow(uint256)')).toEqual([half]);
    await g.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [1, 0, 0, 0])]]);
    const r = await g.receipt({ claims: [greenClaim(0, 15, 0, half), greenClaim(0, 15, 1, half)], from: 0, to: 15, deliveredWh: 2n ** 64n - 1n });
    await expectRevert(g.claim(r), 'InsufficientGreenSupply(bytes32,uint64,uint16,uint8,uint64,uint64)');
  });

  it('test_SmartContractWalletCountersignsWithErc1271', async () => {
    const { Erc1271Wallet } = compileSolidity({ dir: join(contractsDir, 'test', 'fixtures'), prefix: 'test' });
    const hash = await f.client.sendTransaction({ account: f.accounts.driver.address, data: encodeDeployData({ abi: Erc1271Wallet.abi, bytecode: Erc1271Wallet.bytecode, args: [f.accounts.driver.address] }) });
    const wallet = getAddress((await f.client.waitForTransactionReceipt({ hash, pollingInterval: 10 })).contractAddress!);
    const r = { ...(await f.receipt({ claims: [greenClaim(0, 15, 1, 50)], from: 0, to: 15 })), beneficiary: wallet };
    const siteSig = await f.sign(r, 'signer');
    expect(await expectRevert(f.write('stranger', 'claim', [r, siteSig, await f.sign(r, 'stranger')]), 'InvalidBeneficiarySignature(address)')).toEqual([wallet]);
    await f.write('stranger', 'claim', [r, siteSig, await f.sign(r, 'driver')]);
    expect((await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId])).beneficiary).toBe(wallet);
  });
});
