import { createConnector } from '@wagmi/core';
import { getAddress, SwitchChainError, type Address } from 'viem';
import { embeddedChain } from '../chains';
import type { EmbeddedProvider } from './embeddedProvider';
import { getEmbeddedChain, lazyEmbeddedProvider } from './startEmbeddedChain';

embeddedConnector.type = 'embedded' as const;

/**
 * wagmi connector for the in-page demo chain: no extension, the local demo accounts sign.
 * (wagmi's `mock` connector forwards to the chain's HTTP RPC, so it cannot reach the embedded chain.)
 */
export function embeddedConnector() {
  let connected = false;
  return createConnector<EmbeddedProvider>((config) => ({
    id: 'greenslotEmbedded',
    name: 'GreenSlot demo wallet (in-browser)',
    type: embeddedConnector.type,
    async connect<withCapabilities extends boolean = false>({ withCapabilities }: { chainId?: number; withCapabilities?: withCapabilities | boolean } = {}) {
      const list = await readAccounts();
      connected = true;
      return {
        accounts: (withCapabilities ? list.map((address) => ({ address, capabilities: {} })) : list) as never,
        chainId: embeddedChain.id
      };
    },
    async disconnect() {
      connected = false;
    },
    async getAccounts() {
      return connected ? readAccounts() : [];
    },
    async getChainId() {
      return embeddedChain.id;
    },
    async getProvider() {
      return lazyEmbeddedProvider;
    },
    async isAuthorized() {
      return connected;
    },
    async switchChain({ chainId }) {
      if (chainId !== embeddedChain.id) throw new SwitchChainError(new Error('The demo wallet only signs on the embedded chain.'));
      return config.chains.find((c) => c.id === chainId) ?? embeddedChain;
    },
    onAccountsChanged() {},
    onChainChanged() {},
    onDisconnect() {
      connected = false;
    }
  }));
}

async function readAccounts(): Promise<Address[]> {
  const chain = await getEmbeddedChain();
  return [getAddress(chain.driver), getAddress(chain.operator)];
}
