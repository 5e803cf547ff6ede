import { connect, getConnection, getConnectorClient, reconnect, switchChain, watchConnection, type Config, type Connector } from '@wagmi/core';
import type { Address } from 'viem';
import { NO_WALLET_MESSAGE } from './chainChoice';
import type { LedgerClient } from './sendLedgerTransaction';
import { createGreenSlotConfig } from './wagmiConfig';

/** What the app knows about the browser wallet. */
export type WalletInfo = {
  state: 'unknown' | 'no-wallet' | 'disconnected' | 'connecting' | 'connected';
  account?: Address;
  chainId?: number;
};


let shared: Config | undefined;

/**
 * The app's one wagmi config for the injected wallet. Signing and sending always go through the
 * wallet's own provider (whatever RPC it is set to); the app reads a ledger over its own RPC client.
 */
export function walletConfig(): Config {
  shared ??= createGreenSlotConfig();
  return shared;
}

function injectedConnector(config: Config): Connector {
  const connector = config.connectors.find((c) => c.type === 'injected');
  if (!connector) throw new Error('The injected connector is missing from the wagmi config.');
  return connector;
}

/** Whether a browser wallet (window.ethereum) is present. */
export async function hasInjectedWallet({ config = walletConfig() }: { config?: Config } = {}): Promise<boolean> {
  return Boolean(await injectedConnector(config).getProvider().catch(() => undefined));
}

/** The wallet as wagmi sees it now. */
export function walletInfo({ config = walletConfig() }: { config?: Config } = {}): WalletInfo {
  const c = getConnection(config);
  if (c.status === 'connected') return { state: 'connected', account: c.address, chainId: c.chainId };
  if (c.status === 'connecting' || c.status === 'reconnecting') return { state: 'connecting' };
  return { state: 'disconnected' };
}

/** Reconnects silently to a wallet the user connected before (no wallet prompt); returns the result. */
export async function restoreWallet({ config = walletConfig() }: { config?: Config } = {}): Promise<WalletInfo> {
  if (!(await hasInjectedWallet({ config }))) return { state: 'no-wallet' };
  await reconnect(config, { connectors: [injectedConnector(config)] }).catch(() => undefined);
  return walletInfo({ config });
}

/** Parameters of {@link connectWallet}. */
export type ConnectWalletParameters = { config?: Config; chainId: number };

/**
 * Asks the browser wallet for an account (the wallet prompts) and to switch to `chainId`. Errors
 * (rejected, no wallet, unknown chain in the wallet) are thrown for decodeChainError.
 */
export async function connectWallet({ config = walletConfig(), chainId }: ConnectWalletParameters): Promise<WalletInfo> {
  if (!(await hasInjectedWallet({ config }))) throw new Error(NO_WALLET_MESSAGE);
  if (getConnection(config).status !== 'connected') await connect(config, { connector: injectedConnector(config), chainId });
  if (getConnection(config).chainId !== chainId) await switchChain(config, { chainId });
  return walletInfo({ config });
}

/** The connected wallet as a viem client on `chainId` (connects and switches chain first if needed). */
export async function walletClient({ config = walletConfig(), chainId }: ConnectWalletParameters): Promise<LedgerClient> {
  await connectWallet({ config, chainId });
  return (await getConnectorClient(config, { chainId })) as unknown as LedgerClient;
}

/** Calls `onChange` whenever the wallet's account, chain or connection changes; returns the unsubscribe. */
export function watchWallet({ config = walletConfig(), onChange }: { config?: Config; onChange: (info: WalletInfo) => void }): () => void {
  return watchConnection(config, { onChange: () => onChange(walletInfo({ config })) });
}
