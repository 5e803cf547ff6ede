/**
 * invariant_ tests: random sequences of register / amend / claim / re-submit / anchor + claim-by-proof / revoke
 * by several actors on two sites, run against the ledger and a ghost model (fast-check model-based testing).
 * Receipts the site signed earlier and claimed later must be refused once their session was revoked in between
 * (StaleReceiptRevision). Every command's outcome (success or the exact custom error) must match the model, and after every
 * sequence: Σ claimed <= registered per (site, slot, source), active bundles hold exactly the unclaimed Wh,
 * claimed bundles exactly the claimed Wh, Wh id ranges never overlap, no receipt digest is claimed twice.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import fc from 'fast-check';
import { keccak256, stringToBytes, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { createLedgerFixture, DAY0, expectRevert, SITE, SITE_B, slotAt, type LedgerFixture, type Role } from './ledgerFixture';
import type { GreenClaim, MeteredReceipt } from '../../src/lib/chain/meteredReceiptTypedData';

// Candidate intervals (minute of DAY0, length): several overlap, e.g. (0,15) with (0,5) and (5,10).
const SLOTS = [
  [0, 15],
  [0, 5],
  [5, 10],
  [15, 15],
  [15, 60],
  [30, 15],
  [55, 10],
  [60, 15]
] as const;
const SITES = { A: SITE, B: SITE_B } as const;
type SiteKey = keyof typeof SITES;
const STAFF: Record<SiteKey, { admin: Role[]; registrar: Role[]; signer: Role[] }> = {
  A: { admin: ['siteAdmin'], registrar: ['registrar'], signer: ['signer'] },
  B: { admin: ['operatorB'], registrar: ['operatorB'], signer: ['operatorB'] }
};
const ACTORS = ['registrar', 'signer', 'siteAdmin', 'operatorB', 'driver', 'driver2', 'stranger'] as const satisfies readonly Role[];
const DRIVERS = ['driver', 'driver2', 'stranger'] as const satisfies readonly Role[];
const SESSIONS = 6;

const errorSignature = (name: string) => {
  const item = greenClaimLedgerAbi.find((x) => x.type === 'error' && x.name === name) as { inputs: readonly { type: string }[] } | undefined;
  if (!item) throw new Error(`no error ${name} in the ABI`);
  return `${name}(${item.inputs.map((i) => i.type).join(',')})`;
};

type Wh4 = [bigint, bigint, bigint, bigint];
type GhostSlot = { registered: Wh4; claimed: Wh4 };
type GhostClaim = { live: boolean; parts: { slot: number; source: number; wh: bigint }[] };
type Model = {
  slots: Map<string, GhostSlot>;
  minutes: Record<SiteKey, Set<number>>;
  claims: Map<string, GhostClaim>;
  used: Set<Hex>;
  /** Revocations per claimKey: the revision a receipt of that session must carry. */
  revisions: Map<string, number>;
  /** Receipts that were claimed once, for re-submission attempts. */
  claimedReceipts: { site: SiteKey; session: number; r: MeteredReceipt; siteSig: Hex }[];
  /** Receipts the site signed but nobody claimed yet (a later revoke of their session makes them stale). */
  presigned: { spec: ReceiptSpec; r: MeteredReceipt; siteSig: Hex }[];
};
type Real = { f: LedgerFixture; counter: number };

const slotKey = (site: SiteKey, slot: number) => `${site}/${slot}`;
const claimKey = (site: SiteKey, session: number) => `${site}/${session}`;
const sessionId = (site: SiteKey, session: number) => keccak256(stringToBytes(`${site} session ${session}`));
const has = (site: SiteKey, role: 'admin' | 'registrar' | 'signer', who: Role) => STAFF[site][role].includes(who);

/** Awaits `promise` and checks it succeeded (expected null) or reverted with the named custom error. */
async function outcome(promise: Promise<unknown>, expected: string | null) {
  if (expected === null) await promise;
  else await expectRevert(promise, errorSignature(expected));
}

type ClaimSpec = { slot: number; source: number; wh: number };
type ReceiptSpec = { site: SiteKey; session: number; beneficiary: (typeof DRIVERS)[number]; parts: ClaimSpec[]; slack: number };

/** Builds the receipt of a spec: window = the span of its claimed slots (or DAY0's first 15 minutes). */
async function buildReceipt(real: Real, m: Model, spec: ReceiptSpec): Promise<MeteredReceipt> {
  const claims: GreenClaim[] = spec.parts.map((p) => ({ startMinute: DAY0 + BigInt(SLOTS[p.slot][0]), lengthMinutes: SLOTS[p.slot][1], source: p.source, wh: BigInt(p.wh) }));
  const starts = claims.map((c) => c.startMinute);
  const ends = claims.map((c) => c.startMinute + BigInt(c.lengthMinutes));
  const sum = claims.reduce((s, c) => s + c.wh, 0n);
  real.counter += 1;
  return {
    siteId: SITES[spec.site],
    sessionId: sessionId(spec.site, spec.session),
    stationId: keccak256(stringToBytes('evse')),
    beneficiary: real.f.accounts[spec.beneficiary].address,
    startMinute: starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : DAY0,
    endMinute: ends.length ? ends.reduce((a, b) => (a > b ? a : b)) : DAY0 + 15n,
    deliveredWh: sum + BigInt(spec.slack) < 0n ? 0n : sum + BigInt(spec.slack),
    claims,
    receiptHash: keccak256(stringToBytes(`receipt #${real.counter}`)),
    revision: m.revisions.get(claimKey(spec.site, spec.session)) ?? 0,
    deadline: (await real.f.now()) + 86_400n
  };
}

/** The model's verdict on a claim once the site's vouching passed: null (accepted) or the error name. Applies it. */
function modelClaim(m: Model, spec: ReceiptSpec, r: MeteredReceipt, digest: Hex, submitter: Role, countersigned: boolean): string | null {
  const key = claimKey(spec.site, spec.session);
  if (m.claims.get(key)?.live) return 'ClaimAlreadyLive';
  if (m.used.has(digest)) return 'ReceiptAlreadyUsed';
  if (r.revision !== (m.revisions.get(key) ?? 0)) return 'StaleReceiptRevision';
  if (submitter !== spec.beneficiary && !countersigned) return 'InvalidBeneficiarySignature';
  let previous = -1n;
  for (const [i, p] of spec.parts.entries()) {
    const orderKey = (BigInt(SLOTS[p.slot][0]) << 8n) | BigInt(p.source);
    if (i > 0 && orderKey <= previous) return 'InvalidClaimOrder';
    previous = orderKey;
    const s = m.slots.get(slotKey(spec.site, p.slot));
    if (!s) return 'SlotNotRegistered';
    if (BigInt(p.wh) > s.registered[p.source] - s.claimed[p.source]) return 'InsufficientGreenSupply';
  }
  const total = spec.parts.reduce((a, p) => a + BigInt(p.wh), 0n);
  if (total > r.deliveredWh) return 'ClaimExceedsDelivered';
  for (const p of spec.parts) m.slots.get(slotKey(spec.site, p.slot))!.claimed[p.source] += BigInt(p.wh);
  m.claims.set(key, { live: true, parts: spec.parts.map((p) => ({ ...p, wh: BigInt(p.wh) })) });
  m.used.add(digest);
  return null;
}

/** Compares the ledger's slots of one site with the model. */
async function checkSlots(m: Model, f: LedgerFixture, site: SiteKey) {
  for (const [i, [start, length]] of SLOTS.entries()) {
    const chain = await f.read<{ version: number; registeredWh: readonly bigint[]; claimedWh: readonly bigint[] }>('getSlot', [SITES[site], DAY0 + BigInt(start), length]);
    const ghost = m.slots.get(slotKey(site, i));
    expect(chain.version > 0, `slot ${site}/${i} registered`).toBe(ghost !== undefined);
    if (!ghost) continue;
    expect([...chain.registeredWh]).toEqual(ghost.registered);
    expect([...chain.claimedWh]).toEqual(ghost.claimed);
    for (let s = 0; s < 4; s++) expect(ghost.claimed[s]).toBeLessThanOrEqual(ghost.registered[s]);
  }
}

class RegisterCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly by: Role, readonly site: SiteKey, readonly slot: number, readonly wh: [number, number, number, number]) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const [start, length] = SLOTS[this.slot];
    const minutes = Array.from({ length }, (_, k) => start + k);
    let expected: string | null = null;
    if (!has(this.site, 'registrar', this.by)) expected = 'SiteUnauthorizedAccount';
    else if (minutes.some((x) => m.minutes[this.site].has(x))) expected = 'SlotOverlaps';
    await outcome(real.f.write(this.by, 'registerSupply', [SITES[this.site], [slotAt(start, length, this.wh)]]), expected);
    if (expected === null) {
      minutes.forEach((x) => m.minutes[this.site].add(x));
      m.slots.set(slotKey(this.site, this.slot), { registered: this.wh.map(BigInt) as Wh4, claimed: [0n, 0n, 0n, 0n] });
    }
    await checkSlots(m, real.f, this.site);
  }
  toString = () => `register(${this.by}, ${this.site}, slot ${this.slot}, [${this.wh}])`;
}

class AmendCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly by: Role, readonly site: SiteKey, readonly slot: number, readonly wh: [number, number, number, number]) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const [start, length] = SLOTS[this.slot];
    const ghost = m.slots.get(slotKey(this.site, this.slot));
    let expected: string | null = null;
    if (!has(this.site, 'registrar', this.by)) expected = 'SiteUnauthorizedAccount';
    else if (!ghost) expected = 'SlotNotRegistered';
    else if (this.wh.some((w, s) => BigInt(w) < ghost.claimed[s])) expected = 'AmendmentBelowClaimed';
    const evidence = keccak256(stringToBytes(`amended ${this.wh}`));
    await outcome(real.f.write(this.by, 'amendSupply', [SITES[this.site], DAY0 + BigInt(start), length, this.wh.map(BigInt), evidence]), expected);
    if (expected === null) ghost!.registered = this.wh.map(BigInt) as Wh4;
    await checkSlots(m, real.f, this.site);
  }
  toString = () => `amend(${this.by}, ${this.site}, slot ${this.slot}, [${this.wh}])`;
}

class ClaimCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly spec: ReceiptSpec, readonly by: Role, readonly siteSigner: Role, readonly countersigned: boolean) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const { f } = real;
    const r = await buildReceipt(real, m, this.spec);
    const digest = f.digest(r);
    const siteSig = await f.sign(r, this.siteSigner);
    const expected = has(this.spec.site, 'signer', this.siteSigner) ? modelClaim(m, this.spec, r, digest, this.by, this.countersigned) : 'InvalidSiteSignature';
    await outcome(f.write(this.by, 'claim', [r, siteSig, this.countersigned ? await f.sign(r, this.spec.beneficiary) : '0x']), expected);
    if (expected === null) m.claimedReceipts.push({ site: this.spec.site, session: this.spec.session, r, siteSig });
    await checkSlots(m, f, this.spec.site);
  }
  toString = () => `claim(${this.by}, signed by ${this.siteSigner}, ${JSON.stringify(this.spec)}, countersigned ${this.countersigned})`;
}

class ResubmitCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.claimedReceipts.length > 0;
  async run(m: Model, real: Real) {
    const old = m.claimedReceipts[this.pick % m.claimedReceipts.length];
    const expected = m.claims.get(claimKey(old.site, old.session))?.live ? 'ClaimAlreadyLive' : 'ReceiptAlreadyUsed';
    const beneficiary = ACTORS.find((a) => real.f.accounts[a].address === old.r.beneficiary)!;
    await outcome(real.f.write(beneficiary, 'claim', [old.r, old.siteSig, '0x']), expected);
  }
  toString = () => `resubmit(#${this.pick})`;
}

class PresignCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly spec: ReceiptSpec) {}
  check = () => true;
  async run(m: Model, real: Real) {
    // Mostly for a session that is claimed right now: the receipt a fraudster would keep for after a revoke.
    const live = [...m.claims.entries()].filter(([, c]) => c.live).map(([k]) => k.split('/'));
    const [site, session] = live.length > 0 ? live[this.spec.session % live.length] : [this.spec.site, String(this.spec.session)];
    const spec: ReceiptSpec = { ...this.spec, site: site as SiteKey, session: Number(session) };
    const r = await buildReceipt(real, m, spec);
    m.presigned.push({ spec, r, siteSig: await real.f.sign(r, STAFF[spec.site].signer[0]) });
  }
  toString = () => `presign(${JSON.stringify(this.spec)})`;
}

class ClaimPresignedCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.presigned.length > 0;
  async run(m: Model, real: Real) {
    const [{ spec, r, siteSig }] = m.presigned.splice(this.pick % m.presigned.length, 1);
    const expected = modelClaim(m, spec, r, real.f.digest(r), spec.beneficiary, false);
    await outcome(real.f.write(spec.beneficiary, 'claim', [r, siteSig, '0x']), expected);
    if (expected === null) m.claimedReceipts.push({ site: spec.site, session: spec.session, r, siteSig });
    await checkSlots(m, real.f, spec.site);
  }
  toString = () => `claimPresigned(#${this.pick})`;
}

class AnchorAndProveCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly anchorer: Role, readonly site: SiteKey, readonly specs: { spec: ReceiptSpec; by: Role; countersigned: boolean }[]) {}
  check = () => true;
  async run(m: Model, real: Real) {
    const { f } = real;
    const receipts: MeteredReceipt[] = [];
    for (const { spec } of this.specs) receipts.push(await buildReceipt(real, m, { ...spec, site: this.site }));
    const tree = StandardMerkleTree.of(receipts.map((r) => [f.digest(r)]), ['bytes32']);
    const root = tree.root as Hex;
    const authorized = has(this.site, 'signer', this.anchorer);
    await outcome(f.write(this.anchorer, 'anchor', [SITES[this.site], root, DAY0, 1440, receipts.length]), authorized ? null : 'SiteUnauthorizedAccount');
    for (const [i, { spec, by, countersigned }] of this.specs.entries()) {
      const r = receipts[i];
      const digest = f.digest(r);
      const proof = tree.getProof([digest]) as Hex[];
      const expected = authorized ? modelClaim(m, { ...spec, site: this.site }, r, digest, by, countersigned) : 'RootNotAnchored';
      await outcome(f.write(by, 'claimWithProof', [r, root, proof, countersigned ? await f.sign(r, spec.beneficiary) : '0x']), expected);
    }
    await checkSlots(m, f, this.site);
  }
  toString = () => `anchorAndProve(${this.anchorer}, ${this.site}, ${JSON.stringify(this.specs)})`;
}

class RevokeCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly by: Role, readonly site: SiteKey, readonly session: number, readonly liveFirst: boolean) {}
  check = () => true;
  async run(m: Model, real: Real) {
    // Mostly a session that is live now (so revokes succeed often enough), sometimes any (ClaimNotLive stays covered).
    const live = [...m.claims.entries()].filter(([k, c]) => c.live && k.startsWith(`${this.site}/`)).map(([k]) => Number(k.split('/')[1]));
    const session = this.liveFirst && live.length > 0 ? live[this.session % live.length] : this.session;
    const ghost = m.claims.get(claimKey(this.site, session));
    let expected: string | null = null;
    if (!has(this.site, 'admin', this.by) && !has(this.site, 'registrar', this.by)) expected = 'SiteUnauthorizedAccount';
    else if (!ghost?.live) expected = 'ClaimNotLive';
    await outcome(real.f.write(this.by, 'revoke', [SITES[this.site], sessionId(this.site, session), 1]), expected);
    if (expected === null) {
      ghost!.live = false;
      m.revisions.set(claimKey(this.site, session), (m.revisions.get(claimKey(this.site, session)) ?? 0) + 1);
      for (const p of ghost!.parts) m.slots.get(slotKey(this.site, p.slot))!.claimed[p.source] -= p.wh;
      // Any receipt of this session the site signed before the revoke tries to revive the claim now.
      for (let i = m.presigned.length - 1; i >= 0; i--) {
        if (m.presigned[i].spec.site === this.site && m.presigned[i].spec.session === session) await new ClaimPresignedCommand(i).run(m, real);
      }
    }
    await checkSlots(m, real.f, this.site);
  }
  toString = () => `revoke(${this.by}, ${this.site}, session ${this.session}${this.liveFirst ? ' or a live one' : ''})`;
}

// Mostly the right staff (so sequences get deep), sometimes anyone (so refusals stay covered).
const staffOr = (right: Role) => fc.oneof({ weight: 4, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: fc.constantFrom<Role>(...ACTORS) });
const REGISTRAR: Record<SiteKey, Role> = { A: 'registrar', B: 'operatorB' };
const SIGNER: Record<SiteKey, Role> = { A: 'signer', B: 'operatorB' };
const REVOKER: Record<SiteKey, Role> = { A: 'siteAdmin', B: 'operatorB' };
const site = fc.constantFrom<SiteKey>('A', 'A', 'B');
const slot = fc.nat({ max: SLOTS.length - 1 });
/** The four non-overlapping slots come up more often than the overlapping ones. */
const claimSlot = fc.constantFrom(0, 3, 5, 7, 0, 3, 5, 7, 1, 2, 4, 6);
const wh4 = fc.tuple(fc.nat({ max: 3000 }), fc.nat({ max: 2 }).map((x) => x * 500), fc.constant(0), fc.nat({ max: 300 }));
const initialWh4 = fc.tuple(fc.integer({ min: 500, max: 3000 }), fc.nat({ max: 2 }).map((x) => x * 500), fc.constant(0), fc.nat({ max: 300 }));
const claimSpec = fc.record({ slot: claimSlot, source: fc.constantFrom(0, 0, 0, 1, 3), wh: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 400 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }) }) });
const receiptSpec = fc
  .record({
    site,
    session: fc.nat({ max: SESSIONS - 1 }),
    beneficiary: fc.constantFrom(...DRIVERS),
    parts: fc.array(claimSpec, { maxLength: 2 }),
    sorted: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    slack: fc.constantFrom(-1, 0, 0, 250, 250)
  })
  .map(({ sorted, ...spec }): ReceiptSpec => ({
    ...spec,
    // Mostly in canonical order (strictly ascending by start, source); sometimes as generated, to hit InvalidClaimOrder.
    parts: sorted ? [...spec.parts].sort((a, b) => SLOTS[a.slot][0] - SLOTS[b.slot][0] || a.source - b.source) : spec.parts
  }));
const submitter = (spec: ReceiptSpec) => fc.constantFrom<Role>(spec.beneficiary, spec.beneficiary, spec.beneficiary, 'stranger');

const commands = [
  site.chain((s) => fc.tuple(staffOr(REGISTRAR[s]), slot, wh4).map(([by, i, w]) => new RegisterCommand(by, s, i, w))),
  site.chain((s) => fc.tuple(staffOr(REGISTRAR[s]), slot, wh4).map(([by, i, w]) => new AmendCommand(by, s, i, w))),
  receiptSpec.chain((spec) => fc.tuple(submitter(spec), staffOr(SIGNER[spec.site]), fc.boolean()).map(([by, signer, cs]) => new ClaimCommand(spec, by, signer, cs))),
  receiptSpec.chain((spec) => fc.tuple(submitter(spec), staffOr(SIGNER[spec.site]), fc.boolean()).map(([by, signer, cs]) => new ClaimCommand(spec, by, signer, cs))),
  fc.nat().map((pick) => new ResubmitCommand(pick)),
  receiptSpec.map((spec) => new PresignCommand(spec)),
  fc.nat().map((pick) => new ClaimPresignedCommand(pick)),
  site.chain((s) =>
    fc
      .tuple(
        staffOr(SIGNER[s]),
        fc.array(receiptSpec.chain((spec) => fc.tuple(submitter(spec), fc.boolean()).map(([by, countersigned]) => ({ spec, by, countersigned }))), { minLength: 1, maxLength: 3 })
      )
      .map(([by, specs]) => new AnchorAndProveCommand(by, s, specs))
  ),
  site.chain((s) => fc.tuple(staffOr(REVOKER[s]), fc.nat({ max: SESSIONS - 1 }), fc.constantFrom(true, true, true, false)).map(([by, n, liveFirst]) => new RevokeCommand(by, s, n, liveFirst)))
];
/** Supply registered before the random commands: a subset of the non-overlapping slots of both sites. */
const initialSupply = fc.subarray(
  (['A', 'B'] as const).flatMap((s) => [0, 3, 5, 7].map((i) => [s, i] as const)),
  { minLength: 5 }
).chain((pairs) => fc.tuple(...pairs.map(([s, i]) => initialWh4.map((w) => new RegisterCommand(REGISTRAR[s], s, i, w)))));

type BundleView = { siteId: Hex; startMinute: bigint; lengthMinutes: number; source: number; status: number; firstWhId: bigint; faceWh: bigint };

describe('GreenClaimLedger invariants', () => {
  it('invariant_ClaimedNeverExceedsRegisteredBundlesMatchTheLedgerAndNoReceiptIsClaimedTwice', async () => {
    await fc.assert(
      fc.asyncProperty(initialSupply, fc.commands(commands, { maxCommands: 18, size: 'max' }), async (initial, cmds) => {
        const f = await createLedgerFixture();
        const model: Model = { slots: new Map(), minutes: { A: new Set(), B: new Set() }, claims: new Map(), used: new Set(), revisions: new Map(), claimedReceipts: [], presigned: [] };
        const real: Real = { f, counter: 0 };
        for (const c of initial) await c.run(model, real);
        await fc.asyncModelRun(() => ({ model, real }), cmds);

        // Bundles: Wh id ranges never overlap; per (site, slot, source) active = registered - claimed, claimed = Σ live claims.
        const count = await f.read<bigint>('bundleCount');
        const bundles: BundleView[] = [];
        for (let id = 1n; id <= count; id++) bundles.push(await f.read<BundleView>('bundle', [id]));
        const sorted = [...bundles].sort((a, b) => (a.firstWhId < b.firstWhId ? -1 : 1));
        for (let i = 1; i < sorted.length; i++) expect(sorted[i].firstWhId).toBeGreaterThanOrEqual(sorted[i - 1].firstWhId + sorted[i - 1].faceWh);
        expect(sorted.every((b) => b.faceWh > 0n)).toBe(true);
        for (const [key, ghost] of model.slots) {
          const [s, i] = key.split('/') as [SiteKey, string];
          const [start, length] = SLOTS[Number(i)];
          for (let source = 0; source < 4; source++) {
            const of = (status: number) =>
              bundles
                .filter((b) => b.siteId === SITES[s] && b.startMinute === DAY0 + BigInt(start) && b.lengthMinutes === length && b.source === source && b.status === status)
                .reduce((a, b) => a + b.faceWh, 0n);
            expect(ghost.claimed[source]).toBeLessThanOrEqual(ghost.registered[source]);
            expect(of(1), `active Wh of ${key} source ${source}`).toBe(ghost.registered[source] - ghost.claimed[source]);
            expect(of(2), `claimed Wh of ${key} source ${source}`).toBe(ghost.claimed[source]);
          }
        }
        // Every ReceiptClaimed event names a different digest, and they are exactly the model's used digests.
        const claimed = await f.client.getContractEvents({ address: f.ledger, abi: greenClaimLedgerAbi, eventName: 'ReceiptClaimed', fromBlock: 0n });
        const digests = claimed.map((l) => l.args.receiptDigest!);
        expect(new Set(digests).size).toBe(digests.length);
        expect(new Set(digests)).toEqual(model.used);
      }),
      { numRuns: 5 }
    );
  }, 300_000);
});
