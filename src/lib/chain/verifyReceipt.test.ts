import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPublicClient, createWalletClient, custom, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorReceipts } from './anchorReceipts';
import { embeddedChain } from './chains';
import { claimProofToJson } from './claimProofFile';
import { claimReceipt } from './claimReceipt';
import { ClaimsDb, type ClaimRecordRow } from './claimStore';
import { startEmbeddedChain, type EmbeddedChain } from './embedded/startEmbeddedChain';
import { meteredReceiptFromJson } from './meteredReceiptJson';
import { canonicalJson, createReceipt, type Receipt } from './receipt';
import { registerGreenSupply } from './registerGreenSupply';
import { parseVerifyInput, verifyReceipt } from './verifyReceipt';
import { vouchReceipt } from './vouchReceipt';

const DAY = Date.UTC(2026, 10, 25);
const receiptFor = (sessionId: string) =>
  createReceipt({
    sessionId,
    siteId: 'site-V',
    stationId: 'evse',
    timeline: { startMs: DAY, slotMinutes: 15 },
    firstSlot: 0,
    lastSlot: 7,
    deliveredKWh: 4,
    greenKWhBySlot: [{ slot: 3, energyKWh: 0.5 }],
    sourcesKWh: { solar: 0.5, gas: 3.5 },
    issuedAtMs: DAY
  });

describe('verifyReceipt', () => {
  let chain: EmbeddedChain;
  let db: ClaimsDb;
  let anchored: { receipt: Receipt; row: ClaimRecordRow };
  const wallet = (account: Hex) => createWalletClient({ chain: embeddedChain, account, transport: custom(chain.provider, { retryCount: 0 }) });
  const on = () => ({ client: createPublicClient({ chain: embeddedChain, transport: custom(chain.provider) }), chainId: embeddedChain.id, ledgerAddress: chain.ledgerAddress });
  const proofJson = (receipt: Receipt, row: ClaimRecordRow) =>
    claimProofToJson({ chainId: embeddedChain.id, ledger: chain.ledgerAddress, receipt, metered: meteredReceiptFromJson(row.metered), siteSignature: row.siteSignature, anchor: row.anchor });

  beforeAll(async () => {
    chain = await startEmbeddedChain({ demoSiteIds: ['site-V'] });
    db = new ClaimsDb('verify-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    await registerGreenSupply({ client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site-V', slots: [{ slot: 3, startMs: DAY + 3 * 900_000, lengthMinutes: 15, greenKWhBySource: { solar: 5 }, evidenceHash: `0x${'11'.repeat(32)}` }] });
    const rows = [];
    for (const id of ['v-1', 'v-2', 'v-3', 'v-4']) rows.push(await vouchReceipt({ db, chainId: embeddedChain.id, ledgerAddress: chain.ledgerAddress, receipt: receiptFor(id), reader: on().client, beneficiary: chain.driver }));
    await anchorReceipts({ db, client: wallet(chain.operator), ledgerAddress: chain.ledgerAddress, siteId: 'site-V', rows, periodStartMinute: DAY / 60_000, periodLengthMinutes: 1440 });
    anchored = { receipt: receiptFor('v-2'), row: (await db.claims.get([rows[1].ledgerKey, 'v-2']))! };
  });

  it('says "valid" offline, with no chain at all, for a receipt with proof under a root this device saw anchored', async () => {
    const r = await verifyReceipt({ input: proofJson(anchored.receipt, anchored.row), db });
    expect(r).toMatchObject({ status: 'valid', by: 'anchor-offline', offline: true, differences: [], anchor: { root: anchored.row.anchor!.root, receiptCount: 4 } });
  });

  it('on another device (root not seen) the ledger’s anchor record vouches for it: a read, no transaction', async () => {
    const before = chain.evm.blockNumber;
    const elsewhere = new ClaimsDb('elsewhere', { indexedDB: new IDBFactory(), IDBKeyRange });
    const r = await verifyReceipt({ input: proofJson(anchored.receipt, anchored.row), db: elsewhere, chain: on() });
    expect(r).toMatchObject({ status: 'valid', by: 'anchor', offline: false, anchor: { receiptCount: 4 } });
    expect(chain.evm.blockNumber).toBe(before);
  });

  it('after the driver claims by proof, shows the claim and its bundle ranges; the plain receipt verifies from the local record', async () => {
    const claimed = await claimReceipt({ client: wallet(chain.driver), ledgerAddress: chain.ledgerAddress, metered: meteredReceiptFromJson(anchored.row.metered), anchor: anchored.row.anchor });
    expect(claimed.state).toBe('confirmed');
    const r = await verifyReceipt({ input: canonicalJson({ value: anchored.receipt }), db, chain: on() });
    expect(r).toMatchObject({ status: 'valid', by: 'anchor-offline', claim: { status: 'live', greenWh: 500, byProof: true } });
    expect(r.status !== 'invalid-input' && r.claim?.ranges.map((x) => [x.source, x.wh, x.status])).toEqual([[0, 500n, 'claimed']]);
    expect(await verifyReceipt({ input: 'v-2', db, chain: on() })).toMatchObject({ status: 'valid', by: 'claim', siteId: 'site-V', receiptChecked: false });
  });

  it('error: an edited receipt, a forged proof, or a signer who is not the site’s metering signer is named', async () => {
    const edited = { ...anchored.receipt, deliveredWh: anchored.receipt.deliveredWh + 1 };
    const differs = await verifyReceipt({ input: proofJson(edited, anchored.row), db });
    expect(differs).toMatchObject({ status: 'figures-differ' });
    expect(differs.status !== 'invalid-input' && differs.differences.map((d) => d.field)).toEqual(['receiptHash', 'deliveredWh']);
    const forged = { ...anchored.row, anchor: { ...anchored.row.anchor!, proof: [...anchored.row.anchor!.proof].reverse() } };
    expect(await verifyReceipt({ input: proofJson(anchored.receipt, forged), db })).toMatchObject({ status: 'proof-invalid' });
    const selfSigned = await vouchReceipt({ db, chainId: embeddedChain.id, ledgerAddress: chain.ledgerAddress, receipt: receiptFor('v-9'), reader: on().client, beneficiary: chain.driver, siteSigner: { client: wallet(chain.driver) } });
    const r = await verifyReceipt({ input: proofJson(receiptFor('v-9'), selfSigned), db, chain: on() });
    expect(r).toMatchObject({ status: 'proof-invalid', reason: `the receipt was signed by ${chain.driver}, who is not a metering signer of site site-V` });
    const unreadable = await verifyReceipt({ input: proofJson(receiptFor('v-9'), { ...selfSigned, siteSignature: `0x${'00'.repeat(65)}` }), db, chain: on() });
    expect(unreadable).toMatchObject({ status: 'proof-invalid', reason: expect.stringMatching(/^the site signature cannot be read/) });
  });

  it('error: garbage is an input error with a reason, never looked up as a session id', async () => {
    expect(parseVerifyInput({ text: 'hello world, is this green?' })).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^input: expected a receipt \(JSON\), a receipt with proof \(JSON\) or a session id/) });
    expect(parseVerifyInput({ text: '{"schema":"greenslot.receipt/1","sessionId":""}' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('$.sessionId') });
    expect(parseVerifyInput({ text: '{oops' })).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/^input \$: expected JSON/) });
    expect(parseVerifyInput({ text: '{"schema":"greenslot.claim-proof/1","chainId":0}' })).toMatchObject({ kind: 'invalid', message: expect.stringContaining('$.chainId') });
    expect(parseVerifyInput({ text: '  ' })).toMatchObject({ kind: 'invalid' });
    expect(parseVerifyInput({ text: 'app-42' })).toMatchObject({ kind: 'session', sessionId: 'app-42' });
    expect(await verifyReceipt({ input: 'DROP TABLE claims;', db, chain: on() })).toMatchObject({ status: 'invalid-input' });
  });
});
