import fc from 'fast-check';
import { hashTypedData, keccak256, stringToBytes, stringToHex, zeroHash, type Address, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { attestationTypedData, type Attestation } from '../../src/lib/chain/attestationTypedData';
import { canonicalJson, createReceipt, receiptHash } from '../../src/lib/chain/receipt';
import { toBytes32Id } from '../../src/lib/chain/toBytes32Id';
import { createLedgerFixture, expectRevert, type LedgerFixture, type Role } from './ledgerFixture';

const SITE = toBytes32Id({ id: 'site-A' });
const SITE_B = toBytes32Id({ id: 'site-B' });
const STATION = toBytes32Id({ id: 'evse-1' });
const EVIDENCE = keccak256(stringToBytes('meter export 2026-11-25'));

type Supply = { siteId: Hex; slot: bigint; greenWh: bigint; sourceWh: readonly [bigint, bigint, bigint, bigint]; evidenceHash: Hex };
const supply = (slot: number, greenWh: number, siteId: Hex = SITE): Supply => ({
  siteId,
  slot: BigInt(slot),
  greenWh: BigInt(greenWh),
  // Split across SOLAR / WIND / WATER / GENERAL_GREEN so the sum check is exercised.
  sourceWh: [BigInt(greenWh - Math.floor(greenWh / 2)), BigInt(Math.floor(greenWh / 2)), 0n, 0n],
  evidenceHash: EVIDENCE
});

let sessionCounter = 0;
const attestation = (
  f: LedgerFixture,
  { claims = [] as [number, number][], first = 0, last = 95, deliveredWh = 100_000, siteId = SITE, driver = 'driver' as Role, sessionId = `s-${++sessionCounter}` } = {}
): Attestation => ({
  sessionId: toBytes32Id({ id: sessionId }),
  siteId,
  stationId: STATION,
  firstSlot: BigInt(first),
  lastSlot: BigInt(last),
  deliveredWh: BigInt(deliveredWh),
  claimSlots: claims.map(([s]) => BigInt(s)),
  claimWh: claims.map(([, wh]) => BigInt(wh)),
  receiptHash: keccak256(stringToHex(sessionId)),
  driver: f.accounts[driver].address
});

type Record = { status: number; revokeReason: number; greenWhClaimed: bigint; receiptHash: Hex; claimSlots: readonly bigint[]; claimWh: readonly bigint[]; driver: Address };
const claimedAt = async (f: LedgerFixture, slot: number, siteId: Hex = SITE) => (await f.read<readonly [bigint, bigint, readonly bigint[], Hex]>('greenSupply', [siteId, BigInt(slot)]))[1];

describe('GreenClaimLedger', () => {
  let f: LedgerFixture;
  beforeAll(async () => {
    f = await createLedgerFixture();
    await f.write('operator', 'registerGreenSupply', [[supply(10, 5000), supply(11, 3000), supply(12, 1000)]]);
  });

  it('test_DeploysWithAdminOperatorAndEip712Domain', async () => {
    const role = await f.read<Hex>('OPERATOR_ROLE');
    expect(role).toBe(keccak256(stringToBytes('OPERATOR_ROLE')));
    expect(await f.read<boolean>('hasRole', [zeroHash, f.accounts.admin.address])).toBe(true);
    expect(await f.read<boolean>('hasRole', [role, f.accounts.operator.address])).toBe(true);
    expect(await f.read<boolean>('hasRole', [role, f.accounts.stranger.address])).toBe(false);
    const [, name, version, chainId, verifyingContract] = await f.read<readonly [Hex, string, string, bigint, Address]>('eip712Domain');
    expect({ name, version, chainId, verifyingContract }).toEqual({ name: 'GreenSlot', version: '1', chainId: 31337n, verifyingContract: f.ledger });
  });

  it('test_RegistersGreenSupplyWithBreakdownAndEvidence', async () => {
    const [greenWh, claimedWh, sourceWh, evidenceHash] = await f.read<readonly [bigint, bigint, readonly bigint[], Hex]>('greenSupply', [SITE, 10n]);
    expect({ greenWh, claimedWh, sourceWh, evidenceHash }).toEqual({ greenWh: 5000n, claimedWh: 0n, sourceWh: [2500n, 2500n, 0n, 0n], evidenceHash: EVIDENCE });
    const logs = await f.client.getContractEvents({ address: f.ledger, abi: (await import('../../src/lib/chain/generated/greenClaimLedgerAbi')).greenClaimLedgerAbi, eventName: 'GreenSupplyRegistered', fromBlock: 0n });
    expect(logs.map((l) => Number(l.args.slot))).toEqual([10, 11, 12]);
    expect(logs[0].args.operator).toBe(f.accounts.operator.address);
  });

  it('test_RevertWhen_NonOperatorRegistersSupply', async () => {
    for (const who of ['stranger', 'driver', 'admin'] as const) {
      const [account] = await expectRevert(f.write(who, 'registerGreenSupply', [[supply(50, 100)]]), 'AccessControlUnauthorizedAccount(address,bytes32)');
      expect(account).toBe(f.accounts[who].address);
    }
  });

  it('test_RevertWhen_SupplyRegisteredTwiceOrBreakdownDoesNotSum', async () => {
    await expectRevert(f.write('operator', 'registerGreenSupply', [[supply(10, 1)]]), 'SupplyAlreadyRegistered(bytes32,uint64)');
    const bad = { ...supply(60, 100), sourceWh: [10n, 0n, 0n, 0n] as const };
    const args = await expectRevert(f.write('operator', 'registerGreenSupply', [[bad]]), 'SourceBreakdownMismatch(bytes32,uint64,uint64,uint64)');
    expect(args.slice(1)).toEqual([60n, 100n, 10n]);
  });

  it('test_AttestsSessionSignedByDriverAndBooksClaims', async () => {
    const a = attestation(f, { claims: [[10, 2000], [11, 500]] });
    const signature = await f.sign(a);
    // The contract's digest is the same EIP-712 digest viem computes for the app.
    expect(await f.read<Hex>('attestationDigest', [a])).toBe(hashTypedData(attestationTypedData({ attestation: a, chainId: 31337, verifyingContract: f.ledger })));
    await f.write('operator', 'attestSession', [a, signature]);
    const r = await f.read<Record>('getAttestation', [a.sessionId]);
    expect(r).toMatchObject({ status: 1, greenWhClaimed: 2500n, receiptHash: a.receiptHash, claimSlots: [10n, 11n], claimWh: [2000n, 500n], driver: a.driver });
    expect(await claimedAt(f, 10)).toBe(2000n);
    expect(await claimedAt(f, 11)).toBe(500n);
  });

  it('test_DriverMaySubmitOwnAttestation', async () => {
    const a = attestation(f, { claims: [[12, 100]] });
    await f.write('driver', 'attestSession', [a, await f.sign(a)]);
    expect((await f.read<Record>('getAttestation', [a.sessionId])).status).toBe(1);
  });

  it('test_RevertWhen_StrangerSubmits', async () => {
    const a = attestation(f);
    await expectRevert(f.write('stranger', 'attestSession', [a, await f.sign(a)]), 'UnauthorizedSubmitter(address)');
  });

  it('test_RevertWhen_SessionIdReused', async () => {
    const a = attestation(f, { sessionId: 'reused' });
    await f.write('operator', 'attestSession', [a, await f.sign(a)]);
    // A different signature (other figures) on the same session id is still refused: the id is the key.
    const b = { ...attestation(f, { sessionId: 'reused', deliveredWh: 7 }) };
    await expectRevert(f.write('operator', 'attestSession', [b, await f.sign(b)]), 'SessionAlreadyAttested(bytes32)');
    await expectRevert(f.write('operator', 'attestSession', [a, await f.sign(a)]), 'SessionAlreadyAttested(bytes32)');
  });

  it('test_RevertWhen_GreenSlotClaimedTwiceBeyondSupply', async () => {
    const a = attestation(f, { claims: [[12, 900]] }); // 100 of 1000 Wh already claimed above
    await f.write('operator', 'attestSession', [a, await f.sign(a)]);
    const b = attestation(f, { claims: [[12, 1]], driver: 'driver2' });
    const args = await expectRevert(f.write('operator', 'attestSession', [b, await f.sign(b, { signer: 'driver2' })]), 'InsufficientGreenSupply(bytes32,uint64,uint64,uint64)');
    expect(args).toEqual([SITE, 12n, 1n, 0n]);
    // Unregistered slot or other site: nothing to claim.
    const c = attestation(f, { claims: [[13, 1]] });
    await expectRevert(f.write('operator', 'attestSession', [c, await f.sign(c)]), 'InsufficientGreenSupply(bytes32,uint64,uint64,uint64)');
  });

  it('test_RevertWhen_SignatureReplayedOnAnotherContract', async () => {
    const other = await f.deploy('admin');
    await f.write('operator', 'registerGreenSupply', [[supply(10, 5000)]], other);
    const a = attestation(f, { claims: [[10, 10]] });
    const sigForFirst = await f.sign(a);
    const args = await expectRevert(f.write('operator', 'attestSession', [a, sigForFirst], other), 'InvalidDriverSignature(bytes32,address,address)');
    expect(args[1]).not.toBe(a.driver);
    await f.write('operator', 'attestSession', [a, await f.sign(a, { verifyingContract: other })], other);
  });

  it('test_RevertWhen_SignatureReplayedOnAnotherChain', async () => {
    const g = await createLedgerFixture({ chainId: 73799 });
    // Same deployer and nonce: the same contract address on both chains, so only the chain id differs.
    expect(g.ledger).toBe(f.ledger);
    await g.write('operator', 'registerGreenSupply', [[supply(10, 5000)]]);
    const a = attestation(g, { claims: [[10, 10]] });
    await expectRevert(g.write('operator', 'attestSession', [a, await f.sign(a)]), 'InvalidDriverSignature(bytes32,address,address)');
    await g.write('operator', 'attestSession', [a, await g.sign(a)]);
  });

  it('test_RevertWhen_FiguresTamperedAfterSigningOrSignerIsNotDriver', async () => {
    const a = attestation(f, { claims: [[11, 10]] });
    const sig = await f.sign(a);
    await expectRevert(f.write('operator', 'attestSession', [{ ...a, deliveredWh: a.deliveredWh + 1n }, sig]), 'InvalidDriverSignature(bytes32,address,address)');
    await expectRevert(f.write('operator', 'attestSession', [{ ...a, claimWh: [11n] }, sig]), 'InvalidDriverSignature(bytes32,address,address)');
    await expectRevert(f.write('operator', 'attestSession', [a, await f.sign(a, { signer: 'stranger' })]), 'InvalidDriverSignature(bytes32,address,address)');
    await expectRevert(f.write('operator', 'attestSession', [a, '0x1234']), 'ECDSAInvalidSignatureLength(uint256)');
  });

  it('test_RevertWhen_ClaimShapeIsInvalid', async () => {
    const submit = async (a: Attestation) => f.write('operator', 'attestSession', [a, await f.sign(a)]);
    await expectRevert(submit(attestation(f, { first: 20, last: 10 })), 'InvalidSlotRange(uint64,uint64)');
    await expectRevert(submit({ ...attestation(f, { claims: [[10, 1]] }), claimWh: [] }), 'ClaimLengthMismatch(uint256,uint256)');
    await expectRevert(submit(attestation(f, { claims: [[10, 1]], first: 11, last: 20 })), 'InvalidClaimSlot(bytes32,uint64)');
    await expectRevert(submit(attestation(f, { claims: [[11, 1], [10, 1]] })), 'InvalidClaimSlot(bytes32,uint64)');
    await expectRevert(submit(attestation(f, { claims: [[10, 1], [10, 1]] })), 'InvalidClaimSlot(bytes32,uint64)');
    await expectRevert(submit(attestation(f, { claims: [[10, 50]], deliveredWh: 49 })), 'ClaimExceedsDelivered(bytes32,uint64,uint64)');
  });

  it('test_RevokeReleasesClaimsButKeepsSessionIdUsed', async () => {
    const g = await createLedgerFixture();
    await g.write('operator', 'registerGreenSupply', [[supply(1, 1000)]]);
    const a = attestation(g, { claims: [[1, 1000]], sessionId: 'to-revoke' });
    await g.write('operator', 'attestSession', [a, await g.sign(a)]);
    await expectRevert(g.write('driver', 'revoke', [a.sessionId, 1]), 'AccessControlUnauthorizedAccount(address,bytes32)');
    await g.write('operator', 'revoke', [a.sessionId, 2]);
    expect(await g.read<Record>('getAttestation', [a.sessionId])).toMatchObject({ status: 2, revokeReason: 2 });
    expect(await claimedAt(g, 1)).toBe(0n);
    await expectRevert(g.write('operator', 'revoke', [a.sessionId, 2]), 'AttestationAlreadyRevoked(bytes32)');
    await expectRevert(g.write('operator', 'revoke', [toBytes32Id({ id: 'never' }), 1]), 'SessionNotAttested(bytes32)');
    await expectRevert(g.write('operator', 'attestSession', [a, await g.sign(a)]), 'SessionAlreadyAttested(bytes32)');
    // The released green Wh can be claimed by another session.
    const b = attestation(g, { claims: [[1, 1000]], driver: 'driver2' });
    await g.write('operator', 'attestSession', [b, await g.sign(b, { signer: 'driver2' })]);
    expect(await claimedAt(g, 1)).toBe(1000n);
  });

  it('test_ReceiptHashOfCanonicalBytesEqualsAppHash', async () => {
    const receipt = createReceipt({
      sessionId: 'sess-ü-1',
      siteId: 'site-A',
      stationId: 'evse-1',
      timeline: { startMs: Date.UTC(2026, 10, 25), slotMinutes: 15 },
      firstSlot: 40,
      lastSlot: 47,
      deliveredKWh: 12.3456,
      greenKWhBySlot: [{ slot: 41, energyKWh: 1.5 }, { slot: 40, energyKWh: 2.25 }],
      sourcesKWh: { solar: 3.75, gas: 8.5956 },
      issuedAtMs: 1_764_000_000_000,
      extra: { note: 'ä "quoted" \n line', co2Grams: 1234.5 }
    });
    const bytes = stringToHex(canonicalJson({ value: receipt }));
    expect(await f.read<Hex>('receiptHashOf', [bytes])).toBe(receiptHash({ receipt }));
  });
});

describe('GreenClaimLedger (fuzz and invariant)', () => {
  it('testFuzz_ClaimAcceptedIffWithinRemainingSupply', async () => {
    const f = await createLedgerFixture();
    let slot = 1000;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), async (supplyWh, firstWh, secondWh) => {
        slot += 1;
        await f.write('operator', 'registerGreenSupply', [[supply(slot, supplyWh)]]);
        const submit = async (wh: number, who: Role) => {
          const a = attestation(f, { claims: [[slot, wh]], first: slot, last: slot, driver: who });
          return f.write('operator', 'attestSession', [a, await f.sign(a, { signer: who })]);
        };
        if (firstWh > 0) {
          if (firstWh <= supplyWh) await submit(firstWh, 'driver');
          else await expectRevert(submit(firstWh, 'driver'), 'InsufficientGreenSupply(bytes32,uint64,uint64,uint64)');
        }
        const used = firstWh <= supplyWh ? firstWh : 0;
        if (used + secondWh <= supplyWh) await submit(secondWh, 'driver2');
        else await expectRevert(submit(secondWh, 'driver2'), 'InsufficientGreenSupply(bytes32,uint64,uint64,uint64)');
        const claimed = await claimedAt(f, slot);
        expect(claimed).toBeLessThanOrEqual(BigInt(supplyWh));
        expect(claimed).toBe(BigInt(used + (used + secondWh <= supplyWh ? secondWh : 0)));
      }),
      { numRuns: 25, seed: 4242 }
    );
  });

  it('invariant_TotalClaimedNeverExceedsRegisteredForAnySiteSlot', async () => {
    const sites = [SITE, SITE_B];
    const slots = [0, 1, 2, 3];
    type Op =
      | { kind: 'register'; site: number; slot: number; wh: number }
      | { kind: 'claim'; site: number; claims: [number, number][]; signer: 'driver' | 'driver2' }
      | { kind: 'revoke'; pick: number; reason: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), site: fc.nat(1), slot: fc.nat(3), wh: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({
        kind: fc.constant('claim' as const),
        site: fc.nat(1),
        claims: fc.uniqueArray(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 2000 })), { minLength: 1, maxLength: 3, selector: ([s]) => s }).map((c) => c.sort((x, y) => x[0] - y[0])),
        signer: fc.constantFrom('driver' as const, 'driver2' as const)
      }),
      fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat(50), reason: fc.integer({ min: 1, max: 4 }) })
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 14 }), async (ops) => {
        const f = await createLedgerFixture();
        // Ghost model of the ledger, used to predict each outcome.
        const registered = new Map<string, number>();
        const claimed = new Map<string, number>();
        const live: { id: Hex; site: number; claims: [number, number][] }[] = [];
        const key = (site: number, slot: number) => `${site}:${slot}`;
        let n = 0;
        for (const o of ops) {
          if (o.kind === 'register') {
            const k = key(o.site, o.slot);
            const call = f.write('operator', 'registerGreenSupply', [[supply(o.slot, o.wh, sites[o.site])]]);
            if (registered.has(k)) await expectRevert(call, 'SupplyAlreadyRegistered(bytes32,uint64)');
            else {
              await call;
              registered.set(k, o.wh);
            }
          } else if (o.kind === 'claim') {
            const a = attestation(f, { claims: o.claims, siteId: sites[o.site], driver: o.signer, first: 0, last: 3, sessionId: `inv-${++n}` });
            const call = f.write('operator', 'attestSession', [a, await f.sign(a, { signer: o.signer })]);
            const fits = o.claims.every(([s, wh]) => (claimed.get(key(o.site, s)) ?? 0) + wh <= (registered.get(key(o.site, s)) ?? 0));
            if (!fits) await expectRevert(call, 'InsufficientGreenSupply(bytes32,uint64,uint64,uint64)');
            else {
              await call;
              for (const [s, wh] of o.claims) claimed.set(key(o.site, s), (claimed.get(key(o.site, s)) ?? 0) + wh);
              live.push({ id: a.sessionId, site: o.site, claims: o.claims });
            }
          } else if (live.length > 0) {
            const [victim] = live.splice(o.pick % live.length, 1);
            await f.write('operator', 'revoke', [victim.id, o.reason]);
            for (const [s, wh] of victim.claims) claimed.set(key(victim.site, s), (claimed.get(key(victim.site, s)) ?? 0) - wh);
          }
          for (let site = 0; site < sites.length; site++) {
            for (const slot of slots) {
              const [greenWh, claimedWh] = await f.read<readonly [bigint, bigint]>('greenSupply', [sites[site], BigInt(slot)]);
              expect(claimedWh).toBeLessThanOrEqual(greenWh);
              expect(Number(claimedWh)).toBe(claimed.get(key(site, slot)) ?? 0);
            }
          }
        }
      }),
      { numRuns: 12, seed: 7 }
    );
  });
});
