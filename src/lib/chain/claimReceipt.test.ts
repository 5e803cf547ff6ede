import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPublicClient, createWalletClient, custom, type EIP1193RequestFn, type Hex } from 'viem';
import { readContract } from 'viem/actions';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorReceipts } from './anchorReceipts';
import { embeddedChain } from './chains';
import { claimReceipt } from './claimReceipt';
import { ClaimsDb } from './claimStore';
import { startEmbeddedChain, type EmbeddedChain } from './embedded/startEmbeddedChain';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { meteredReceiptFromJson } from './meteredReceiptJson';
import { readClaim } from './readClaim';
import { createReceipt } from './receipt';
import { registerGreenSupply, type GreenSupplySlot } from './registerGreenSupply';
import { revokeClaim } from './revokeClaim';
import type { TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';
import { vouchReceipt } from './vouchReceipt';

const DAY = Date.UTC(2026, 10, 25);
const receipt = (sessionId: string, slot = 1, energyKWh = 0.5) =>
  createReceipt({
    sessionId,
    siteId: 'site',
    stationId: 'evse',
    timeline: { startMs: DAY, slotMinutes: 15 },
    firstSlot: 0,
    lastSlot: 7,
    deliveredKWh: 4,
    greenKWhBySlot: [{ slot, energyKWh }],
    sourcesKWh: { solar: energyKWh, gas: 4 - energyKWh },
    issuedAtMs: DAY
  });
const supply = (slot: number, solarKWh: number): GreenSupplySlot => ({ slot, startMs: DAY + slot * 900_000, lengthMinutes: 15, greenKWhBySource: { solar: solarKWh }, evidenceHash: `0x${'11'.repeat(32)}` });

describe('claims on the embedded chain (site-signed receipts, anchors, proofs)', () => {
  let chain: EmbeddedChain;
  let db: ClaimsDb;
  const wallet = (account: Hex) => createWalletClient({ chain: embeddedChain, account, transport: custom(chain.provider, { retryCount: 0 }) });
  const reader = () => createPublicClient({ chain: embeddedChain, transport: custom(chain.provider) });
  const base = () => ({ db, chainId: embeddedChain.id, ledgerAddress: chain.ledgerAddress, reader: reader() });

  beforeAll(async () => {
    chain = await startEmbeddedChain({ demoSiteIds: ['site'] });
    db = new ClaimsDb('claims-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    const registered = await registerGreenSupply({ client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site', slots: [supply(1, 1), supply(2, 5)] });
    expect(registered.state).toBe('confirmed');
  });

  it('the driver claims a receipt the site signed; the claim names the cancelled bundle range', async () => {
    const row = await vouchReceipt({ ...base(), receipt: receipt('c-1'), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    expect(row.siteSignature).toMatch(/^0x[0-9a-f]{130}$/);
    const metered = meteredReceiptFromJson(row.metered);
    const outcome = await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered, siteSignature: row.siteSignature });
    expect(outcome.state).toBe('confirmed');
    const claim = await readClaim({ client: reader(), ledgerAddress: chain.ledgerAddress, siteId: toBytes32Id({ id: 'site' }), sessionId: toBytes32Id({ id: 'c-1' }) });
    expect(claim).toMatchObject({ status: 'live', beneficiary: chain.driver, greenWh: 500, byProof: false, receiptDigest: row.digest });
    expect(claim.ranges).toHaveLength(1);
    expect(claim.ranges[0]).toMatchObject({ source: 0, lengthMinutes: 15, wh: 500n, status: 'claimed' });
    expect(claim.ranges[0].firstWhId).toBeGreaterThan(0n);
  });

  it('error: a second wallet cannot claim the first driver’s receipt: it names another beneficiary', async () => {
    const row = await vouchReceipt({ ...base(), receipt: receipt('c-2', 2, 1), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    // The demo operator's account plays the second wallet: it copies the site-signed receipt and signs it itself.
    const outcome = await claimReceipt({ client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(row.metered), siteSignature: row.siteSignature });
    expect(outcome).toMatchObject({ state: 'reverted', error: { errorName: 'InvalidBeneficiarySignature' } });
    expect(outcome.state !== 'confirmed' && outcome.error.message).toBe(`This receipt names ${chain.driver} as the beneficiary: only that wallet can claim its green energy, and the signing wallet is another one.`);
  });

  it('error: self-attested energy is refused: a receipt "signed by the site" with the driver’s own key', async () => {
    const row = await vouchReceipt({ ...base(), receipt: receipt('c-3', 2, 1), beneficiary: chain.driver, siteSigner: { client: wallet(chain.driver) } });
    const outcome = await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(row.metered), siteSignature: row.siteSignature });
    expect(outcome).toMatchObject({ state: 'reverted', error: { errorName: 'InvalidSiteSignature' } });
  });

  it('error: a refused countersignature ends as rejected, with nothing sent', async () => {
    const row = await vouchReceipt({ ...base(), receipt: receipt('c-4', 2, 1), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    const refusing = createWalletClient({
      chain: embeddedChain,
      account: chain.driver,
      transport: custom({ request: (async (args: { method: string }) => (args.method === 'eth_signTypedData_v4' ? Promise.reject(Object.assign(new Error('User rejected'), { code: 4001 })) : chain.provider.request(args as never))) as EIP1193RequestFn })
    });
    const states: TxStatus[] = [];
    const before = chain.evm.blockNumber;
    const outcome = await claimReceipt({ client: refusing, ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(row.metered), siteSignature: row.siteSignature, onStatus: (s) => states.push(s) });
    expect(outcome).toMatchObject({ state: 'rejected', error: { message: 'You rejected the request in your wallet.' } });
    expect(states.map((s) => s.state)).toEqual(['waiting-signature', 'rejected']);
    expect(chain.evm.blockNumber).toBe(before);
  });

  it('the operator anchors a day of receipts in one transaction; a driver claims by Merkle proof; a revoked claim cannot be re-claimed with the same receipt', async () => {
    const rows = [];
    for (const id of ['p-1', 'p-2', 'p-3']) rows.push(await vouchReceipt({ ...base(), receipt: receipt(id, 2, 0.25), beneficiary: chain.driver }));
    expect(rows.every((r) => !r.siteSignature)).toBe(true);
    const before = chain.evm.blockNumber;
    const anchored = await anchorReceipts({ db, client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site', rows, periodStartMinute: DAY / 60_000, periodLengthMinutes: 1440 });
    expect(anchored.state).toBe('confirmed');
    expect(chain.evm.blockNumber).toBe(before + 1n);
    const stored = (await db.claims.get([rows[1].ledgerKey, 'p-2']))!;
    expect(stored.anchor?.root).toBe(anchored.root);
    expect(await db.anchors.get(anchored.root!)).toMatchObject({ receiptCount: 3, siteId: 'site' });
    const metered = meteredReceiptFromJson(stored.metered);
    expect(await readContract(reader(), { address: chain.ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'verifyAnchoredReceipt', args: [metered, stored.anchor!.root, stored.anchor!.proof] })).toBe(true);
    const claimed = await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered, anchor: stored.anchor });
    expect(claimed.state).toBe('confirmed');
    const claim = await readClaim({ client: reader(), ledgerAddress: chain.ledgerAddress, siteId: toBytes32Id({ id: 'site' }), sessionId: toBytes32Id({ id: 'p-2' }) });
    expect(claim).toMatchObject({ status: 'live', byProof: true, greenWh: 250 });

    expect((await revokeClaim({ client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site', sessionId: 'p-2', reasonCode: 2 })).state).toBe('confirmed');
    const again = await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered, anchor: stored.anchor });
    expect(again).toMatchObject({ state: 'reverted', error: { errorName: 'ReceiptAlreadyUsed' } });
  });

  it('after a revoke, vouching again signs a receipt at the ledger’s new revision for the same beneficiary, and it can be claimed', async () => {
    const first = await vouchReceipt({ ...base(), receipt: receipt('r-1', 2, 0.1), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    expect(first.metered.revision).toBe(0);
    expect((await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(first.metered), siteSignature: first.siteSignature })).state).toBe('confirmed');
    expect((await revokeClaim({ client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site', sessionId: 'r-1', reasonCode: 1 })).state).toBe('confirmed');
    // Someone else asking now does not redirect the claim: the vouched beneficiary stays.
    const next = await vouchReceipt({ ...base(), receipt: receipt('r-1', 2, 0.1), beneficiary: chain.operator, siteSigner: { client: wallet(chain.operator) } });
    expect(next.metered).toMatchObject({ revision: 1, beneficiary: chain.driver });
    expect(next.digest).not.toBe(first.digest);
    expect(next.siteSignature).not.toBe(first.siteSignature);
    expect((await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(next.metered), siteSignature: next.siteSignature })).state).toBe('confirmed');
    const claim = await readClaim({ client: reader(), ledgerAddress: chain.ledgerAddress, siteId: toBytes32Id({ id: 'site' }), sessionId: toBytes32Id({ id: 'r-1' }) });
    expect(claim).toMatchObject({ status: 'live', receiptDigest: next.digest, claimedRevision: 1, revision: 1 });
  });

  it('error: the receipt signed before a revoke is refused as stale, with a sentence that says so', async () => {
    const signed = await vouchReceipt({ ...base(), receipt: receipt('r-2', 2, 0.1), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    const other = await vouchReceipt({ ...base(), receipt: receipt('r-2', 2, 0.05), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    expect((await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(other.metered), siteSignature: other.siteSignature })).state).toBe('confirmed');
    expect((await revokeClaim({ client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site', sessionId: 'r-2', reasonCode: 4 })).state).toBe('confirmed');
    const revived = await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(signed.metered), siteSignature: signed.siteSignature });
    expect(revived).toMatchObject({ state: 'reverted', error: { errorName: 'StaleReceiptRevision' } });
    expect(revived.state !== 'confirmed' && revived.error.message).toMatch(/was revoked after this receipt was signed \(receipt revision 0, now 1\)/);
  });

  it('keeps a vouched record final: another beneficiary asked for later does not replace it', async () => {
    const first = await vouchReceipt({ ...base(), receipt: receipt('f-1', 2, 0.1), beneficiary: chain.driver, siteSigner: { client: wallet(chain.operator) } });
    const later = await vouchReceipt({ ...base(), receipt: receipt('f-1', 2, 0.1), beneficiary: chain.operator });
    expect(later).toEqual(first);
    // Other bytes under the same session id (e.g. after a demo reset) are another receipt: a new record.
    const other = await vouchReceipt({ ...base(), receipt: receipt('f-1', 2, 0.2), beneficiary: chain.operator });
    expect(other.receiptHash).not.toBe(first.receiptHash);
    expect(other.metered.beneficiary).toBe(chain.operator);
    expect(other.siteSignature).toBeUndefined();
  });
});
