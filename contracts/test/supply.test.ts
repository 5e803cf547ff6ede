import { keccak256, stringToBytes, zeroHash, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { createLedgerFixture, DAY0, DEVICE, expectRevert, greenClaim, ISSUER, SITE, slotAt, type LedgerFixture } from './ledgerFixture';

type Wh4 = readonly [bigint, bigint, bigint, bigint];
type SlotState = { version: number; deviceId: Hex; evidenceHash: Hex; registeredWh: Wh4; claimedWh: Wh4; activeBundleId: Wh4 };
type Bundle = { siteId: Hex; deviceId: Hex; issuingBody: Hex; startMinute: bigint; lengthMinutes: number; source: number; status: number; firstWhId: bigint; faceWh: bigint };
const ACTIVE = 1;
const WITHDRAWN = 3;
const REASON = { Amended: 1, Released: 2, Reissued: 3 } as const;
const AMENDED = keccak256(stringToBytes('corrected meter export'));

describe('GreenClaimLedger supply as certificate bundles', () => {
  let f: LedgerFixture;
  const slot = (minute: number, length: number) => f.read<SlotState>('getSlot', [SITE, DAY0 + BigInt(minute), length]);
  const bundle = (id: bigint) => f.read<Bundle>('bundle', [id]);
  beforeAll(async () => {
    f = await createLedgerFixture();
  });

  it('test_RegistersSupplyAsOneActiveBundlePerNonZeroSourceWithAllGcFields', async () => {
    const tx = await f.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [3000, 0, 250, 0]), slotAt(15, 15, [0, 0, 0, 0])]]);
    const issued = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'BundleIssued', blockHash: tx.blockHash });
    expect(issued.map((l) => ({ id: l.args.bundleId, ...l.args.bundle }))).toEqual([
      { id: 1n, siteId: SITE, deviceId: DEVICE, issuingBody: ISSUER, startMinute: DAY0, lengthMinutes: 15, source: 0, status: ACTIVE, firstWhId: 1n, faceWh: 3000n },
      { id: 2n, siteId: SITE, deviceId: DEVICE, issuingBody: ISSUER, startMinute: DAY0, lengthMinutes: 15, source: 2, status: ACTIVE, firstWhId: 3001n, faceWh: 250n }
    ]);
    expect(await bundle(1n)).toEqual({ siteId: SITE, deviceId: DEVICE, issuingBody: ISSUER, startMinute: DAY0, lengthMinutes: 15, source: 0, status: ACTIVE, firstWhId: 1n, faceWh: 3000n });
    expect((await bundle(99n)).status).toBe(0);
    expect(await f.read<bigint>('bundleCount')).toBe(2n);
    expect(await f.read<bigint>('nextWhId')).toBe(3251n);
    const s = await slot(0, 15);
    expect(s).toMatchObject({ version: 1, deviceId: DEVICE, registeredWh: [3000n, 0n, 250n, 0n], claimedWh: [0n, 0n, 0n, 0n], activeBundleId: [1n, 0n, 2n, 0n] });
    // A zero-Wh slot is registered (it blocks its interval) but issues no bundle.
    expect(await slot(15, 15)).toMatchObject({ version: 1, registeredWh: [0n, 0n, 0n, 0n], activeBundleId: [0n, 0n, 0n, 0n] });
    const registered = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'SupplyRegistered', blockHash: tx.blockHash });
    expect(registered.map((l) => [l.args.startMinute, l.args.lengthMinutes, l.args.sourceWh, l.args.registrar])).toEqual([
      [DAY0, 15, [3000n, 0n, 250n, 0n], f.accounts.registrar.address],
      [DAY0 + 15n, 15, [0n, 0n, 0n, 0n], f.accounts.registrar.address]
    ]);
  });

  it('test_RevertWhen_Overlapping5And15MinuteSlotsAreRegistered', async () => {
    // A 5-min and a 15-min slot on the same start minute: v1 keyed both as "minute 0" and double-registered.
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(120, 15, [1000, 0, 0, 0])]]);
    const args = await expectRevert(f.write('registrar', 'registerSupply', [SITE, [slotAt(120, 5, [1000, 0, 0, 0])]]), 'SlotOverlaps(bytes32,uint64,uint16)');
    expect(args).toEqual([SITE, DAY0 + 120n, 5]);
    // Partial overlaps inside the 15 minutes and across the hour boundary are refused too.
    await expectRevert(f.write('registrar', 'registerSupply', [SITE, [slotAt(130, 5, [1, 0, 0, 0])]]), 'SlotOverlaps(bytes32,uint64,uint16)');
    await expectRevert(f.write('registrar', 'registerSupply', [SITE, [slotAt(110, 15, [1, 0, 0, 0])]]), 'SlotOverlaps(bytes32,uint64,uint16)');
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(230, 60, [1, 0, 0, 0])]]); // 03:50-04:50
    await expectRevert(f.write('registrar', 'registerSupply', [SITE, [slotAt(285, 10, [1, 0, 0, 0])]]), 'SlotOverlaps(bytes32,uint64,uint16)');
    // Two overlapping slots in one batch: the whole batch is refused.
    await expectRevert(f.write('registrar', 'registerSupply', [SITE, [slotAt(400, 15, [1, 0, 0, 0]), slotAt(405, 5, [1, 0, 0, 0])]]), 'SlotOverlaps(bytes32,uint64,uint16)');
    expect((await slot(400, 15)).version).toBe(0);
    // Touching slots and the same interval on another site are fine.
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(135, 5, [1, 0, 0, 0]), slotAt(225, 5, [1, 0, 0, 0]), slotAt(290, 60, [1, 0, 0, 0])]]);
    await f.write('operatorB', 'registerSupply', [keccak256(stringToBytes('site-B')), [slotAt(120, 5, [1, 0, 0, 0])]]);
  });

  it('test_RevertWhen_SlotLengthIsOutside1To60MinutesOrBatchIsEmpty', async () => {
    for (const length of [0, 61, 120]) {
      expect(await expectRevert(f.write('registrar', 'registerSupply', [SITE, [slotAt(600, length, [1, 0, 0, 0])]]), 'InvalidSlotLength(uint64,uint16)')).toEqual([DAY0 + 600n, length]);
    }
    const max = 2n ** 64n - 1n;
    const atEnd = { ...slotAt(0, 15, [1, 0, 0, 0]), startMinute: max - 5n };
    const pastMinute2To40 = { ...slotAt(0, 15, [1, 0, 0, 0]), startMinute: 2n ** 40n - 10n };
    expect(await expectRevert(f.write('registrar', 'registerSupply', [SITE, [pastMinute2To40]]), 'InvalidSlotLength(uint64,uint16)')).toEqual([2n ** 40n - 10n, 15]);
    await expectRevert(f.write('registrar', 'registerSupply', [SITE, [atEnd]]), 'InvalidSlotLength(uint64,uint16)');
    expect(await expectRevert(f.write('registrar', 'registerSupply', [SITE, []]), 'ZeroValue(string)')).toEqual(['slots']);
  });

  it('test_RevertWhen_StrangerOrSiteAdminWithoutRegistrarRoleRegisters', async () => {
    for (const who of ['stranger', 'siteAdmin', 'signer', 'registryAdmin'] as const) {
      await expectRevert(f.write(who, 'registerSupply', [SITE, [slotAt(700, 15, [1, 0, 0, 0])]]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
      await expectRevert(f.write(who, 'amendSupply', [SITE, DAY0, 15, [1n, 0n, 0n, 0n], zeroHash]), 'SiteUnauthorizedAccount(bytes32,address,bytes32)');
    }
  });

  it('test_MistakenZeroWhRegistrationCanBeAmendedAndThenClaimed', async () => {
    const evidence = keccak256(stringToBytes('corrected meter export'));
    const tx = await f.write('registrar', 'amendSupply', [SITE, DAY0 + 15n, 15, [0n, 800n, 0n, 0n], evidence]);
    const amended = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'SupplyAmended', blockHash: tx.blockHash });
    expect(amended.map((l) => [l.args.version, l.args.previousSourceWh, l.args.newSourceWh, l.args.evidenceHash])).toEqual([[2, [0n, 0n, 0n, 0n], [0n, 800n, 0n, 0n], evidence]]);
    const s = await slot(15, 15);
    expect(s).toMatchObject({ version: 2, evidenceHash: evidence, registeredWh: [0n, 800n, 0n, 0n] });
    expect(await bundle(s.activeBundleId[1])).toMatchObject({ status: ACTIVE, faceWh: 800n, source: 1 });
    await f.claim(await f.receipt({ claims: [greenClaim(15, 15, 1, 800)], from: 15, to: 30 }));
    expect((await slot(15, 15)).claimedWh).toEqual([0n, 800n, 0n, 0n]);
  });

  it('test_AmendmentLoweringWithdrawsTheTailOfTheActiveBundle', async () => {
    // Slot 0: SOLAR 3000 in bundle 1 (ids 1..3000). Claim 1000, then lower SOLAR to 2500.
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 1000)], from: 0, to: 15 });
    await f.claim(r);
    const tx = await f.write('registrar', 'amendSupply', [SITE, DAY0, 15, [2500n, 0n, 250n, 0n], AMENDED]);
    const withdrawn = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'BundleWithdrawn', blockHash: tx.blockHash });
    expect(withdrawn).toHaveLength(1);
    const w = withdrawn[0].args;
    expect({ from: w.fromBundleId, first: w.firstWhId, wh: w.wh, reason: w.reason }).toEqual({ from: 1n, first: 2501n, wh: 500n, reason: REASON.Amended });
    expect(await bundle(w.bundleId!)).toMatchObject({ status: WITHDRAWN, firstWhId: 2501n, faceWh: 500n, source: 0 });
    expect(await bundle(1n)).toMatchObject({ status: ACTIVE, firstWhId: 1001n, faceWh: 1500n });
    // Lowering to exactly the claimed Wh withdraws the whole active bundle.
    await f.write('registrar', 'amendSupply', [SITE, DAY0, 15, [1000n, 0n, 250n, 0n], AMENDED]);
    expect(await bundle(1n)).toMatchObject({ status: WITHDRAWN, firstWhId: 1001n, faceWh: 1500n });
    const s = await slot(0, 15);
    expect(s).toMatchObject({ version: 3, registeredWh: [1000n, 0n, 250n, 0n], claimedWh: [1000n, 0n, 0n, 0n], activeBundleId: [0n, 0n, 2n, 0n] });
  });

  it('test_RevertWhen_AmendmentGoesBelowClaimed', async () => {
    const args = await expectRevert(f.write('registrar', 'amendSupply', [SITE, DAY0, 15, [999n, 0n, 250n, 0n], AMENDED]), 'AmendmentBelowClaimed(bytes32,uint64,uint16,uint8,uint64,uint64)');
    expect(args).toEqual([SITE, DAY0, 15, 0, 999n, 1000n]);
  });

  it('test_AmendmentRaisingIssuesOneNewActiveBundleForTheUnclaimedWh', async () => {
    const before = await f.read<bigint>('nextWhId');
    // SOLAR 1000 -> 1400 (none active): a new bundle of 400. WATER 250 -> 300: the active 250 is re-issued with the 50 extra.
    const tx = await f.write('registrar', 'amendSupply', [SITE, DAY0, 15, [1400n, 0n, 300n, 0n], AMENDED]);
    const issued = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'BundleIssued', blockHash: tx.blockHash });
    expect(issued.map((l) => [l.args.bundle!.source, l.args.bundle!.firstWhId, l.args.bundle!.faceWh])).toEqual([
      [0, before, 400n],
      [2, before + 400n, 300n]
    ]);
    const withdrawn = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'BundleWithdrawn', blockHash: tx.blockHash });
    expect(withdrawn.map((l) => [l.args.bundleId, l.args.wh, l.args.reason])).toEqual([[2n, 250n, REASON.Reissued]]);
    const s = await slot(0, 15);
    expect(s.activeBundleId).toEqual([issued[0].args.bundleId, 0n, issued[1].args.bundleId, 0n]);
  });

  it('test_RevertWhen_AmendingAnUnregisteredSlotOrTheRightStartWithTheWrongLength', async () => {
    expect(await expectRevert(f.write('registrar', 'amendSupply', [SITE, DAY0 + 900n, 15, [1n, 0n, 0n, 0n], zeroHash]), 'SlotNotRegistered(bytes32,uint64,uint16)')).toEqual([SITE, DAY0 + 900n, 15]);
    await expectRevert(f.write('registrar', 'amendSupply', [SITE, DAY0, 5, [1n, 0n, 0n, 0n], zeroHash]), 'SlotNotRegistered(bytes32,uint64,uint16)');
  });
});
