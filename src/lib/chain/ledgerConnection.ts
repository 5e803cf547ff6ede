import { createPublicClient, createWalletClient, custom, http, type Address, type Chain } from 'viem';
import { anvil, embeddedChain, supportedChains } from './chains';
import { contractAddresses } from './contractAddresses';
import type { LedgerClient } from './sendLedgerTransaction';

/**
 * Which ledger to talk to: the in-browser demo chain, a node by RPC URL (read only; anvil by default),
 * or the user's injected wallet (MetaMask and friends) through wagmi's injected connector.
 */
export type LedgerTarget =
  | { kind: 'embedded' }
  | { kind: 'rpc'; rpcUrl: string; chain?: Chain; ledgerAddress?: Address }
  | { kind: 'injected'; chainId?: number; rpcUrl?: string };

/** A ready connection: clients for the driver and operator (embedded) or read-only (rpc, injected), and the ledger. */
export type LedgerConnection = {
  chain: Chain;
  ledgerAddress: Address;
  reader: LedgerClient;
  /** Present on the embedded chain: the local demo driver and operator sign without a wallet. */
  driver?: LedgerClient;
  operator?: LedgerClient;
  /** The user's browser wallet signs (injectedWallet.ts walletClient()), for the driver and the operator alike. */
  wallet?: boolean;
};

/** Parameters of {@link connectLedger}. */
export type ConnectLedgerParameters = { target?: LedgerTarget };

/**
 * Opens the ledger for the UI: on the embedded chain it starts (or reloads) the in-page EVM; on an
 * RPC node it uses the address from contractAddresses.ts for that chain.
 */
export async function connectLedger({ target = { kind: 'embedded' } }: ConnectLedgerParameters = {}): Promise<LedgerConnection> {
  if (target.kind === 'embedded') {
    // Loaded on demand: the EVM is a large chunk that pages without chain features never need.
    const { getEmbeddedChain } = await import('./embedded/startEmbeddedChain');
    const embedded = await getEmbeddedChain();
    const transport = custom(embedded.provider, { retryCount: 0 });
    return {
      chain: embeddedChain,
      ledgerAddress: embedded.ledgerAddress,
      reader: createPublicClient({ chain: embeddedChain, transport }) as LedgerClient,
      driver: createWalletClient({ chain: embeddedChain, transport, account: embedded.driver }),
      operator: createWalletClient({ chain: embeddedChain, transport, account: embedded.operator })
    };
  }
  if (target.kind === 'injected') return connectInjected(target);
  const chain = target.chain ?? anvil;
  const configured = contractAddresses[chain.id];
  const ledgerAddress = target.ledgerAddress ?? (configured && configured !== 'embedded' ? configured : undefined);
  if (!ledgerAddress) throw new Error(`No GreenClaimLedger is configured for ${chain.name} (chain ${chain.id}).`);
  return { chain, ledgerAddress, reader: createPublicClient({ chain, transport: http(target.rpcUrl, { retryCount: 1 }) }) as LedgerClient };
}

/**
 * A ledger on a chain the user's browser wallet signs for: the app reads over its own RPC client (the
 * node's URL for anvil, the chain's public RPC otherwise), and signs with walletClient() when the user
 * acts, so opening a page never prompts the wallet.
 */
async function connectInjected({ chainId: wanted = anvil.id, rpcUrl }: { chainId?: number; rpcUrl?: string }): Promise<LedgerConnection> {
  const chain = supportedChains.find((c) => c.id === wanted);
  if (!chain) throw new Error(`Chain ${wanted} is not one GreenSlot supports.`);
  const configured = contractAddresses[chain.id];
  if (!configured || configured === 'embedded') throw new Error(`No GreenClaimLedger is deployed on ${chain.name} (chain ${chain.id}).`);
  const reader = createPublicClient({ chain, transport: http(rpcUrl, { retryCount: 1 }) }) as LedgerClient;
  return { chain, ledgerAddress: configured, reader, wallet: true };
}
