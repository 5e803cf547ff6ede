import { createWalletClient, custom, encodeDeployData, getContractAddress, parseTransaction, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { embeddedChain } from '../chains';
import { greenClaimLedgerAbi } from '../generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../generated/greenClaimLedgerBytecode';
import { registerSiteWithOperator } from '../registerSite';
import { memoryJournal, type ChainJournal, type DemoKeys, type JournalEntry } from './chainJournal';
import { EmbeddedEvm } from './embeddedEvm';
import { createEmbeddedProvider, type EmbeddedProvider } from './embeddedProvider';

/** A running embedded chain with the ledger deployed. */
export type EmbeddedChain = {
  provider: EmbeddedProvider;
  chainId: number;
  ledgerAddress: Address;
  /** Local demo driver account (the beneficiary: countersigns and claims). */
  driver: Address;
  /** Local demo operator account: registry admin; site admin, supply registrar and metering signer of the demo sites. */
  operator: Address;
  evm: EmbeddedEvm;
  journal: ChainJournal;
};

/** Parameters of {@link startEmbeddedChain}. */
export type StartEmbeddedChainParameters = {
  journal?: ChainJournal;
  /** Keys to use on first start (tests); random otherwise. Ignored when the journal has keys. */
  keys?: DemoKeys;
  now?: () => number;
  chainId?: number;
  /** Sites registered with the demo operator on start (the built-in demo site by default). */
  demoSiteIds?: readonly string[];
};

/** The built-in demo site's id (examples/sites/demo.json; startEmbeddedChain.test.ts checks they agree). */
export const DEMO_SITE_ID = 'demo';

// Fixed so that replaying the journal always rebuilds identical blocks.
const GENESIS_TIMESTAMP_SEC = 1_700_000_000;

/**
 * Starts the in-page chain: loads (or creates) the demo keys, replays the persisted transactions, and
 * deploys GreenClaimLedger on first start (and registers the demo site). The ledger address is the operator's first CREATE address.
 */
export async function startEmbeddedChain({
  journal = memoryJournal(),
  keys,
  now = Date.now,
  chainId = embeddedChain.id,
  demoSiteIds = [DEMO_SITE_ID]
}: StartEmbeddedChainParameters = {}): Promise<EmbeddedChain> {
  if (deployedAnotherLedgerBuild(await journal.loadEntries())) {
    // This browser's demo chain runs a ledger from an older app build (another ABI, other rules): the
    // app could neither read nor claim on it. Its records only ever lived in this demo chain, so it
    // starts afresh, as "wipe the demo chain" would (real chains are never touched).
    await journal.clear();
  }
  let demoKeys = await journal.loadKeys();
  if (!demoKeys) {
    demoKeys = keys ?? { driverKey: generatePrivateKey(), operatorKey: generatePrivateKey() };
    await journal.saveKeys(demoKeys);
  }
  const driver = privateKeyToAccount(demoKeys.driverKey);
  const operator = privateKeyToAccount(demoKeys.operatorKey);
  const evm = await EmbeddedEvm.create({ chainId, fundedAccounts: [driver.address, operator.address], genesisTimestampSec: GENESIS_TIMESTAMP_SEC });
  for (const entry of await journal.loadEntries()) {
    // Two open tabs each run their own VM on one journal: a stale tab can append a transaction that
    // no longer applies (nonce already used). Replay skips it, so every tab rebuilds the same chain.
    await evm.mineRawTransaction(entry).catch(() => undefined);
  }
  const provider = createEmbeddedProvider({ evm, accounts: [driver, operator], journal, now });
  const ledgerAddress = getContractAddress({ from: operator.address, nonce: 0n });
  if ((await evm.codeAt(ledgerAddress)) === '0x') {
    // The demo operator is the registry admin (no transfer delay: nothing to protect on a demo chain).
    const data = encodeDeployData({ abi: greenClaimLedgerAbi, bytecode: greenClaimLedgerBytecode, args: [operator.address, 0] });
    const hash = (await provider.request({ method: 'eth_sendTransaction', params: [{ from: operator.address, data }] })) as Hex;
    const receipt = evm.txs.get(hash)?.receipt;
    if (String(receipt?.contractAddress).toLowerCase() !== ledgerAddress.toLowerCase()) throw new Error('embedded chain: ledger deployment failed');
  }
  // The demo site(s): the demo operator is site admin, supply registrar and metering signer. Sites imported
  // later are registered the same way when first used (registerSiteWithOperator skips what exists).
  const client = createWalletClient({ chain: { ...embeddedChain, id: chainId }, transport: custom(provider, { retryCount: 0 }), account: operator });
  for (const siteId of demoSiteIds) {
    const outcome = await registerSiteWithOperator({ client, ledgerAddress, siteId, operator: operator.address });
    if (outcome && outcome.state !== 'confirmed') throw new Error(`embedded chain: registering demo site ${siteId} failed: ${outcome.error.message}`);
  }
  return { provider, chainId, ledgerAddress, driver: driver.address, operator: operator.address, evm, journal };
}

/**
 * True when the journal's first transaction (the ledger's deployment by the demo operator) deployed
 * other creation code than this build's GreenClaimLedger. An unreadable first entry counts as another
 * build too: replaying it could not give this build's ledger either.
 */
export function deployedAnotherLedgerBuild(entries: readonly JournalEntry[]): boolean {
  const first = entries[0];
  if (!first) return false;
  try {
    const tx = parseTransaction(first.rawTx);
    return tx.to != null || !(tx.data ?? '0x').toLowerCase().startsWith(greenClaimLedgerBytecode.toLowerCase());
  } catch {
    return true;
  }
}

let browserChain: Promise<EmbeddedChain> | undefined;
// The last wipe: a chain asked for meanwhile must start after it, or it would load the old keys and
// entries that the wipe then deletes under it (the running chain and the database would disagree).
let wiped: Promise<void> = Promise.resolve();

/** The app's embedded chain (one per page), persisted in IndexedDB `greenslot-chain`. Loaded lazily. */
export function getEmbeddedChain(): Promise<EmbeddedChain> {
  browserChain ??= wiped.then(() => import('./dexieJournal')).then(({ dexieJournal }) => startEmbeddedChain({ journal: dexieJournal() }));
  return browserChain;
}

/** An EIP-1193 provider that starts the embedded chain on first request (for wagmi's custom transport). */
export const lazyEmbeddedProvider: EmbeddedProvider = {
  request: async (args) => (await getEmbeddedChain()).provider.request(args),
  on: () => undefined,
  removeListener: () => undefined
};

/** Parameters of {@link wipeEmbeddedChain}. */
export type WipeEmbeddedChainParameters = { journal?: ChainJournal };

/**
 * Deletes the embedded demo chain of this browser (its journal and demo keys in `greenslot-chain`):
 * the next getEmbeddedChain() starts a fresh chain with new demo accounts and a newly deployed ledger.
 * Only the in-page demo chain can be wiped; a real chain keeps its records, which is the ledger's point.
 */
export async function wipeEmbeddedChain({ journal }: WipeEmbeddedChainParameters = {}): Promise<void> {
  const running = browserChain;
  browserChain = undefined;
  const wipe = (async () => {
    const current = journal ?? (await running?.catch(() => undefined))?.journal ?? (await import('./dexieJournal')).dexieJournal();
    await current.clear();
  })();
  // Later starts wait for this wipe (even a failed one: they then load whatever is left).
  wiped = wipe.catch(() => undefined);
  await wipe;
}
