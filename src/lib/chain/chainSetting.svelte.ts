import { chainChoiceKey, chainIdOfChoice, DEFAULT_CHAIN_CHOICE, NO_WALLET_MESSAGE, parseChainChoice, serializeChainChoice, type ChainChoice } from './chainChoice';
import type { WalletInfo } from './injectedWallet';

/** localStorage key of the chain & wallet choice. */
export const CHAIN_CHOICE_STORAGE_KEY = 'greenslot.chainChoice';

/**
 * The app's one "chain & wallet" choice, persisted in localStorage, and the browser wallet's state.
 * localStorage rather than the Dexie settings table: it is read synchronously before the first render,
 * so no page starts the embedded EVM (or reads the wrong chain) while an async read is pending; it is
 * a device preference, not demo data, so backups and demo resets leave it alone; and other tabs follow
 * it through the `storage` event.
 */
class ChainSetting {
  choice = $state<ChainChoice>(DEFAULT_CHAIN_CHOICE);
  /** Bumped when the embedded demo chain is wiped: pages that hold a connection reconnect. */
  embeddedEpoch = $state(0);
  wallet = $state<WalletInfo>({ state: 'unknown' });
  walletError = $state('');
  /** A connect request is waiting for the wallet (one flag for every component, so none prompts twice). */
  connecting = $state(false);

  #watching = false;

  constructor() {
    if (typeof localStorage === 'undefined') return;
    this.choice = parseChainChoice({ raw: localStorage.getItem(CHAIN_CHOICE_STORAGE_KEY) });
    window.addEventListener('storage', (e) => {
      if (e.key === CHAIN_CHOICE_STORAGE_KEY) this.choice = parseChainChoice({ raw: e.newValue });
    });
  }

  /** Changes key of the connection pages should hold (chain, RPC URL, embedded chain wiped). */
  get connectionKey(): string {
    return `${chainChoiceKey({ choice: this.choice })}#${this.embeddedEpoch}`;
  }

  /** Chooses (and persists) where the app claims and verifies. */
  set(choice: ChainChoice): void {
    this.choice = choice;
    this.walletError = '';
    try {
      localStorage.setItem(CHAIN_CHOICE_STORAGE_KEY, serializeChainChoice({ choice }));
    } catch {
      // Private mode or storage full: the choice still holds for this page.
    }
  }

  /** Starts following the browser wallet (silent reconnect, no prompt); idempotent. */
  async watchWallet(): Promise<void> {
    if (this.#watching) return;
    this.#watching = true;
    const { restoreWallet, watchWallet } = await import('./injectedWallet');
    this.wallet = await restoreWallet();
    if (this.wallet.state !== 'no-wallet') watchWallet({ onChange: (info) => (this.wallet = info) });
  }

  /** Connects the browser wallet and switches it to the chosen chain (the wallet prompts). */
  async connectWallet(): Promise<void> {
    if (this.connecting) return;
    this.connecting = true;
    this.walletError = '';
    try {
      const { connectWallet } = await import('./injectedWallet');
      await this.watchWallet();
      this.wallet = await connectWallet({ chainId: chainIdOfChoice({ choice: this.choice }) });
    } catch (error) {
      const [{ decodeChainError }, { walletInfo }] = await Promise.all([import('./decodeChainError'), import('./injectedWallet')]);
      const message = decodeChainError({ error }).message;
      this.walletError = message;
      this.wallet = message === NO_WALLET_MESSAGE ? { state: 'no-wallet' } : walletInfo();
    } finally {
      this.connecting = false;
    }
  }

  /** Announces that the embedded demo chain was wiped (pages reconnect to the fresh one). */
  embeddedChainWiped(): void {
    this.embeddedEpoch++;
  }
}

/** The app-wide chain & wallet choice. */
export const chainSetting = new ChainSetting();
