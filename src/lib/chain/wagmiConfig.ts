import { createConfig, injected, mock, type CreateConfigParameters } from '@wagmi/core';
import { custom, http, type Address, type EIP1193RequestFn } from 'viem';
import { anvil, embeddedChain, energyWebVolta, sepolia } from './chains';
import { embeddedConnector } from './embedded/embeddedConnector';
import { lazyEmbeddedProvider } from './embedded/startEmbeddedChain';

/** Parameters of {@link createGreenSlotConfig}. */
export type CreateGreenSlotConfigParameters = {
  /** Accounts for wagmi's mock connector (e2e tests with anvil's unlocked accounts); no mock when empty. */
  mockAccounts?: readonly Address[];
  /** RPC URL of the local node (anvil). */
  anvilRpcUrl?: string;
  storage?: CreateConfigParameters['storage'];
};

/**
 * wagmi config: the embedded demo chain (default, no wallet: its own connector) plus anvil (31337),
 * Energy Web Volta (73799) and Sepolia for real wallets through the injected connector; `mock` for e2e
 * tests against anvil's unlocked accounts.
 */
export function createGreenSlotConfig({ mockAccounts = [], anvilRpcUrl = 'http://127.0.0.1:8545', storage }: CreateGreenSlotConfigParameters = {}) {
  const connectors = [embeddedConnector(), injected({ shimDisconnect: true })];
  const withMock = mockAccounts.length > 0 ? [...connectors, mock({ accounts: mockAccounts as [Address, ...Address[]] })] : connectors;
  return createConfig({
    chains: [embeddedChain, anvil, energyWebVolta, sepolia],
    connectors: withMock,
    transports: {
      [embeddedChain.id]: custom({ request: lazyEmbeddedProvider.request as EIP1193RequestFn }, { retryCount: 0 }),
      [anvil.id]: http(anvilRpcUrl),
      [energyWebVolta.id]: http(),
      [sepolia.id]: http()
    },
    ...(storage === undefined ? {} : { storage })
  });
}
