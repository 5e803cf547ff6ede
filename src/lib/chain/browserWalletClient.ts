import type { DecodedChainError } from './decodeChainError';
import type { LedgerClient } from './sendLedgerTransaction';

/** Parameters of {@link browserWalletClient}. */
export type BrowserWalletClientParameters = {
  chainId: number;
  /** Called just before the wallet is asked (the UI shows "waiting for your wallet"). */
  onWaiting?: () => void;
};

/**
 * The connected browser wallet's client for a transaction on `chainId`, or the refusal decoded for
 * people (`kind: 'rejected'` when the user said no). Never throws; the wallet modules load on demand.
 * @example const w = await browserWalletClient({ chainId }); if ('error' in w) show(w.error.message)
 */
export async function browserWalletClient({ chainId, onWaiting }: BrowserWalletClientParameters): Promise<{ client: LedgerClient } | { error: DecodedChainError }> {
  try {
    const { walletClient } = await import('./injectedWallet');
    onWaiting?.();
    return { client: await walletClient({ chainId }) };
  } catch (error) {
    const { decodeChainError } = await import('./decodeChainError');
    return { error: decodeChainError({ error }) };
  }
}
