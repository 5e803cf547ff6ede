import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPublicClient, custom, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { embeddedChain } from '../chains';
import { claimReceipt } from '../claimReceipt';
import { ClaimsDb } from '../claimStore';
import { meteredReceiptFromJson } from '../meteredReceiptJson';
import { readClaim } from '../readClaim';
import { createReceipt } from '../receipt';
import { registerGreenSupply } from '../registerGreenSupply';
import { isSiteRegistered } from '../registerSite';
import { toBytes32Id } from '../toBytes32Id';
import { vouchReceipt } from '../vouchReceipt';
import { createWalletClient } from 'viem';
import demoSite from '../../../../examples/sites/demo.json';
import { memoryJournal } from './chainJournal';
import { dexieJournal } from './dexieJournal';
import { DEMO_SITE_ID, deployedAnotherLedgerBuild, startEmbeddedChain } from './startEmbeddedChain';

const keys = {
  driverKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  operatorKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
} as const;

const receipt = createReceipt({
  sessionId: 'persist-1',
  siteId: 'site-A',
  stationId: 'evse-1',
  timeline: { startMs: 0, slotMinutes: 15 },
  firstSlot: 1,
  lastSlot: 4,
  deliveredKWh: 5,
  greenKWhBySlot: [{ slot: 2, energyKWh: 1 }],
  issuedAtMs: 1
});

describe('startEmbeddedChain', () => {
  it('deploys the ledger and registers the demo site on first start only, at the operator’s first CREATE address', async () => {
    const journal = memoryJournal();
    const first = await startEmbeddedChain({ journal, keys });
    expect(first.chainId).toBe(embeddedChain.id);
    expect((await first.evm.codeAt(first.ledgerAddress)).length).toBeGreaterThan(1000);
    // Deployment, site registration, registrar and metering-signer grants.
    expect(await journal.loadEntries()).toHaveLength(4);
    expect(DEMO_SITE_ID).toBe(demoSite.id);
    const reader = createPublicClient({ chain: embeddedChain, transport: custom(first.provider) });
    expect(await isSiteRegistered({ client: reader, ledgerAddress: first.ledgerAddress, siteId: DEMO_SITE_ID })).toBe(true);
    const second = await startEmbeddedChain({ journal });
    expect(second.ledgerAddress).toBe(first.ledgerAddress);
    expect(await journal.loadEntries()).toHaveLength(4);
  });

  it('creates random demo keys once and keeps them in the journal', async () => {
    const journal = memoryJournal();
    const a = await startEmbeddedChain({ journal });
    const b = await startEmbeddedChain({ journal });
    expect(b.driver).toBe(a.driver);
    expect(b.operator).toBe(a.operator);
    expect(a.driver).not.toBe(a.operator);
  });

  it('claims survive a restart from IndexedDB (Dexie database greenslot-chain)', async () => {
    const indexedDB = new IDBFactory();
    const journal = dexieJournal({ indexedDB, IDBKeyRange });
    const chain = await startEmbeddedChain({ journal, keys, demoSiteIds: ['site-A'] });
    const client = createWalletClient({ chain: embeddedChain, transport: custom(chain.provider), account: chain.operator });
    const supply = [{ slot: 2, startMs: 1_800_000, lengthMinutes: 15, greenKWhBySource: { solar: 1 }, evidenceHash: `0x${'11'.repeat(32)}` as const }];
    await registerGreenSupply({ client, ledgerAddress: chain.ledgerAddress, siteId: 'site-A', slots: supply });
    const driverClient = createWalletClient({ chain: embeddedChain, transport: custom(chain.provider), account: chain.driver });
    const db = new ClaimsDb('claims', { indexedDB, IDBKeyRange });
    const row = await vouchReceipt({ db, chainId: chain.chainId, ledgerAddress: chain.ledgerAddress, receipt, reader: client, beneficiary: chain.driver, supply, siteSigner: { client } });
    const metered = meteredReceiptFromJson(row.metered);
    expect((await claimReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, metered, siteSignature: row.siteSignature })).state).toBe('confirmed');

    // "Reload": a new journal object on the same IndexedDB, a fresh VM replaying the stored transactions.
    const reloaded = await startEmbeddedChain({ journal: dexieJournal({ indexedDB, IDBKeyRange }), demoSiteIds: ['site-A'] });
    expect(reloaded.ledgerAddress).toBe(chain.ledgerAddress);
    expect(reloaded.evm.blockNumber).toBe(chain.evm.blockNumber);
    expect(reloaded.evm.blocks.at(-1)?.hash).toBe(chain.evm.blocks.at(-1)?.hash);
    const publicClient = createPublicClient({ chain: embeddedChain, transport: custom(reloaded.provider) });
    const claim = await readClaim({ client: publicClient, ledgerAddress: reloaded.ledgerAddress, siteId: toBytes32Id({ id: 'site-A' }), sessionId: toBytes32Id({ id: 'persist-1' }) });
    expect(claim).toMatchObject({ status: 'live', greenWh: 1000, receiptDigest: row.digest });
    // And the green slot stays claimed after reload: another session's receipt finds nothing left.
    const other = await vouchReceipt({ db, chainId: chain.chainId, ledgerAddress: chain.ledgerAddress, receipt: { ...receipt, sessionId: 'persist-2' }, reader: publicClient, beneficiary: chain.driver, supply, siteSigner: { client: createWalletClient({ chain: embeddedChain, transport: custom(reloaded.provider), account: reloaded.operator }) } });
    const again = await claimReceipt({ client: createWalletClient({ chain: embeddedChain, transport: custom(reloaded.provider), account: reloaded.driver }), ledgerAddress: reloaded.ledgerAddress, metered: meteredReceiptFromJson(other.metered), siteSignature: other.siteSignature });
    expect(again).toMatchObject({ state: 'reverted', error: { errorName: 'InsufficientGreenSupply' } });
  });

  it('skips a journaled transaction that no longer applies (two tabs, one journal)', async () => {
    const journal = memoryJournal();
    const tabA = await startEmbeddedChain({ journal, keys });
    const tabB = await startEmbeddedChain({ journal });
    const send = (c: typeof tabA) => c.provider.request({ method: 'eth_sendTransaction', params: [{ from: c.operator, to: c.driver, value: '0x1' }] });
    await send(tabA);
    await send(tabB); // same nonce as tabA's: valid in B's stale state, invalid after A's
    expect(await journal.loadEntries()).toHaveLength(6);
    const reloaded = await startEmbeddedChain({ journal });
    expect(reloaded.evm.blockNumber).toBe(5n);
    expect(reloaded.evm.blocks.at(-1)?.hash).toBe(tabA.evm.blocks.at(-1)?.hash);
  });

  it('answers the JSON-RPC calls wallets and viem use', async () => {
    const chain = await startEmbeddedChain({ keys });
    const rpc = (method: string, params: unknown[] = []) => chain.provider.request({ method, params });
    expect(await rpc('eth_chainId')).toBe('0x539');
    expect(await rpc('eth_accounts')).toEqual([chain.driver, chain.operator]);
    expect(await rpc('eth_blockNumber')).toBe('0x4');
    const block = (await rpc('eth_getBlockByNumber', ['0x1', false])) as { transactions: Hex[]; baseFeePerGas: Hex };
    expect(block.baseFeePerGas).toBe('0x0');
    const receiptRpc = (await rpc('eth_getTransactionReceipt', [block.transactions[0]])) as { status: Hex; contractAddress: string };
    expect(receiptRpc.status).toBe('0x1');
    expect(receiptRpc.contractAddress.toLowerCase()).toBe(chain.ledgerAddress.toLowerCase());
    const logs = (await rpc('eth_getLogs', [{ address: chain.ledgerAddress, fromBlock: '0x0' }])) as unknown[];
    expect(logs.length).toBeGreaterThan(0); // role and site events of the deployment
    await expect(rpc('eth_subscribe', ['newHeads'])).rejects.toMatchObject({ code: 4200 });
    await expect(rpc('eth_sendRawTransaction', ['0x1234'])).rejects.toMatchObject({ code: -32000 });
  });
});

describe('startEmbeddedChain after an app update', () => {
  it('starts a fresh demo chain when the stored one runs a ledger of another build (its first transaction deployed other code)', async () => {
    const { privateKeyToAccount } = await import('viem/accounts');
    const journal = memoryJournal();
    await journal.saveKeys(keys);
    // An older build's "ledger": the demo operator's first transaction deploys other creation code.
    const operator = privateKeyToAccount(keys.operatorKey);
    const rawTx = await operator.signTransaction({ chainId: embeddedChain.id, nonce: 0, gas: 100_000n, maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1n, type: 'eip1559', data: '0x600a600c600039600a6000f3602a60005260206000f3' });
    await journal.append({ rawTx, timestampSec: 1_700_000_100 });
    expect(deployedAnotherLedgerBuild(await journal.loadEntries())).toBe(true);

    const chain = await startEmbeddedChain({ journal });
    const client = createPublicClient({ chain: embeddedChain, transport: custom(chain.provider) });
    // This build's ledger answers a call only it has, and the demo site is registered on it.
    expect(await isSiteRegistered({ client, ledgerAddress: chain.ledgerAddress, siteId: DEMO_SITE_ID })).toBe(true);
    expect(deployedAnotherLedgerBuild(await journal.loadEntries())).toBe(false);
  });

  it('keeps a stored chain whose ledger is this build’s, and an empty journal is not another build', async () => {
    expect(deployedAnotherLedgerBuild([])).toBe(false);
    const journal = memoryJournal();
    const first = await startEmbeddedChain({ journal, keys });
    const entries = await journal.loadEntries();
    expect(deployedAnotherLedgerBuild(entries)).toBe(false);
    const again = await startEmbeddedChain({ journal });
    expect(again.ledgerAddress).toBe(first.ledgerAddress);
    expect((await journal.loadEntries()).length).toBe(entries.length);
  });
});
