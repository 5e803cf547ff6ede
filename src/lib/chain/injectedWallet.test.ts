import 'fake-indexeddb/auto';
import { recoverTypedDataAddress, type Address } from 'viem';
import { signTypedData } from 'viem/actions';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_WALLET_MESSAGE } from './chainChoice';
import { embeddedChain } from './chains';
import { startEmbeddedChain } from './embedded/startEmbeddedChain';
import { connectWallet, restoreWallet, walletClient, watchWallet, type WalletInfo } from './injectedWallet';
import { createGreenSlotConfig } from './wagmiConfig';

const keys = {
  driverKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  operatorKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
} as const;

/** A browser wallet as wagmi's injected connector sees it (window.ethereum), backed by the embedded chain. */
async function installWallet({ chainIdHex = '0x539' }: { chainIdHex?: string } = {}) {
  const chain = await startEmbeddedChain({ keys });
  const listeners: Record<string, ((v: unknown) => void)[]> = {};
  const wallet = { account: chain.driver as Address, chainIdHex, permitted: false, calls: [] as string[] };
  const emit = (event: string, value: unknown) => (listeners[event] ?? []).forEach((fn) => fn(value));
  const ethereum = {
    async request({ method, params }: { method: string; params?: unknown[] }) {
      wallet.calls.push(method);
      if (method === 'eth_requestAccounts') {
        wallet.permitted = true;
        return [wallet.account];
      }
      if (method === 'wallet_requestPermissions') throw Object.assign(new Error('unsupported'), { code: 4200 });
      if (method === 'eth_accounts') return wallet.permitted ? [wallet.account] : [];
      if (method === 'eth_chainId') return wallet.chainIdHex;
      if (method === 'wallet_switchEthereumChain') {
        wallet.chainIdHex = (params as { chainId: string }[])[0].chainId;
        emit('chainChanged', wallet.chainIdHex);
        return null;
      }
      return chain.provider.request({ method, params } as never);
    },
    on: (event: string, fn: (v: unknown) => void) => void (listeners[event] ??= []).push(fn),
    removeListener: (event: string, fn: (v: unknown) => void) => void (listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn))
  };
  // EIP-6963 discovery (mipd) listens on window: an EventTarget stands in for it.
  (globalThis as { window?: unknown }).window = Object.assign(new EventTarget(), { ethereum });
  return { chain, wallet, switchAccount: (a: Address) => ((wallet.account = a), emit('accountsChanged', [a])) };
}

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('injected wallet', () => {
  it('error: without a browser wallet, connecting says so plainly and restoring reports no wallet', async () => {
    const config = createGreenSlotConfig();
    expect(await restoreWallet({ config })).toEqual({ state: 'no-wallet' });
    await expect(connectWallet({ config, chainId: embeddedChain.id })).rejects.toThrow(NO_WALLET_MESSAGE);
  });

  it('does not connect silently to a wallet the site never asked (no prompt on page load)', async () => {
    await installWallet();
    const config = createGreenSlotConfig();
    expect(await restoreWallet({ config })).toEqual({ state: 'disconnected' });
  });

  it('connects, signs EIP-712 data with the wallet account, and follows an account switch', async () => {
    const { chain, switchAccount } = await installWallet();
    const config = createGreenSlotConfig();
    expect(await connectWallet({ config, chainId: embeddedChain.id })).toEqual({ state: 'connected', account: chain.driver, chainId: embeddedChain.id });
    const client = await walletClient({ config, chainId: embeddedChain.id });
    const typed = { domain: { name: 'T', version: '1', chainId: embeddedChain.id }, types: { M: [{ name: 'x', type: 'uint256' }] }, primaryType: 'M', message: { x: 1n } } as const;
    const signature = await signTypedData(client, { account: client.account!, ...typed });
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(chain.driver);

    const seen: WalletInfo[] = [];
    const stop = watchWallet({ config, onChange: (info) => seen.push(info) });
    switchAccount(chain.operator);
    await expect.poll(() => seen.at(-1)?.account).toBe(chain.operator);
    stop();
  });

  it('asks a wallet on another chain to switch to the chosen one', async () => {
    const { wallet } = await installWallet({ chainIdHex: '0x7a69' });
    const config = createGreenSlotConfig();
    const info = await connectWallet({ config, chainId: embeddedChain.id });
    expect(wallet.calls).toContain('wallet_switchEthereumChain');
    expect(info).toMatchObject({ state: 'connected', chainId: embeddedChain.id });
  });
});
