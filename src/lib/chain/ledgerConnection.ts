import { createPublicClient, createWalletClient, custom, http, type Address, type Chain } from 'viem';
import { anvil, embeddedChain } from './chains';
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

/** A ready connection: clients for the driver and operator (embedded) or read-only (rpc), and the ledger. */
export type LedgerConnection = {
  chain: Chain;
  ledgerAddress: Address;
  reader: LedgerClient;
  /** Present on the embedded chain: the local demo driver and operator sign without a wallet. */
  driver?: LedgerClient;
  operator?: LedgerClient;
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

/** Connects the injected wallet with wagmi, switches it to the target chain, and uses it to sign and send. */
async function connectInjected({ chainId: wanted = anvil.id, rpcUrl }: { chainId?: number; rpcUrl?: string }): Promise<LedgerConnection> {
  const [{ connect, getConnectorClient, switchChain, getConnection }, { createGreenSlotConfig }] = await Promise.all([import('@wagmi/core'), import('./wagmiConfig')]);
  const config = createGreenSlotConfig(rpcUrl ? { anvilRpcUrl: rpcUrl } : {});
  const chain = config.chains.find((c) => c.id === wanted);
  if (!chain) throw new Error(`Chain ${wanted} is not one GreenSlot supports.`);
  const chainId = chain.id;
  const injected = config.connectors.find((c) => c.type === 'injected');
  if (!injected || !(await injected.getProvider())) throw new Error('No browser wallet found (install MetaMask or use the demo chain).');
  if (getConnection(config).status !== 'connected') await connect(config, { connector: injected, chainId });
  if (getConnection(config).chainId !== chainId) await switchChain(config, { chainId });
  const configured = contractAddresses[chainId];
  if (!configured || configured === 'embedded') throw new Error(`No GreenClaimLedger is configured for ${chain.name} (chain ${chainId}).`);
  const wallet = (await getConnectorClient(config, { chainId })) as unknown as LedgerClient;
  return { chain, ledgerAddress: configured, reader: wallet, driver: wallet };
}
