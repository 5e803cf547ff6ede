import { defineChain } from 'viem';
import { anvil, sepolia } from 'viem/chains';

/** The in-browser demo chain (no wallet, no network): an EVM in the page, persisted in IndexedDB. */
export const embeddedChain = defineChain({
  id: 1337,
  name: 'GreenSlot demo (in-browser)',
  nativeCurrency: { name: 'Demo Ether', symbol: 'dETH', decimals: 18 },
  // Never reached over HTTP: the wagmi/viem transport for this chain is the embedded EIP-1193 provider.
  rpcUrls: { default: { http: ['http://embedded.invalid'] } },
  testnet: true
});

/** Energy Web Volta testnet (chain id 73799; not in viem's chain list). */
export const energyWebVolta = defineChain({
  id: 73799,
  name: 'Energy Web Volta',
  nativeCurrency: { name: 'Volta Token', symbol: 'VT', decimals: 18 },
  rpcUrls: { default: { http: ['https://volta-rpc.energyweb.org'] } },
  blockExplorers: { default: { name: 'Volta explorer', url: 'https://volta-explorer.energyweb.org' } },
  testnet: true
});

/** Every chain GreenSlot can claim on, the embedded demo chain first (the default). */
export const supportedChains = [embeddedChain, anvil, energyWebVolta, sepolia] as const;

/** Id of a supported chain. */
export type SupportedChainId = (typeof supportedChains)[number]['id'];

export { anvil, sepolia };
