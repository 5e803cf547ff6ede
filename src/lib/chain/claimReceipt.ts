import type { Account, Address, Hex } from 'viem';
import { getChainId, signTypedData } from 'viem/actions';
import { decodeChainError } from './decodeChainError';
import { meteredReceiptTypedData, type MeteredReceipt } from './meteredReceiptTypedData';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';

/** Parameters of {@link claimReceipt}. */
export type ClaimReceiptParameters = {
  /** The beneficiary's wallet client: countersigns the metered receipt and submits the claim. */
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  metered: MeteredReceipt;
  /** The site's metering signature (claim), or … */
  siteSignature?: Hex;
  /** … the anchored root and this receipt's Merkle proof (claimWithProof). */
  anchor?: { root: Hex; proof: readonly Hex[] };
  onStatus?: (status: TxStatus) => void;
};

/**
 * The driver claims the green Wh of a site-vouched receipt: countersigns the same EIP-712 digest the
 * site signed, then submits `claim` (site signature) or `claimWithProof` (anchored root + proof). A
 * wallet that is not the receipt's beneficiary is refused by the ledger (the decoded error says so).
 */
export async function claimReceipt({ client, account = client.account, ledgerAddress, metered, siteSignature, anchor, onStatus = () => undefined }: ClaimReceiptParameters): Promise<TxOutcome> {
  const fail = (error: unknown): TxOutcome => {
    const decoded = decodeChainError({ error });
    const outcome: TxOutcome = decoded.kind === 'rejected' ? { state: 'rejected', error: decoded } : { state: 'reverted', error: decoded };
    onStatus(outcome);
    return outcome;
  };
  if (!account) return fail(new Error('No wallet connected.'));
  if (!anchor && !siteSignature) return fail(new Error('This receipt has neither a site signature nor an anchor proof yet: the site must vouch for it first.'));
  let beneficiarySignature: Hex;
  try {
    const chainId = client.chain?.id ?? (await getChainId(client));
    onStatus({ state: 'waiting-signature' });
    beneficiarySignature = await signTypedData(client, { account, ...meteredReceiptTypedData({ metered, chainId, verifyingContract: ledgerAddress }) });
  } catch (error) {
    return fail(error);
  }
  if (anchor) {
    return sendLedgerTransaction({ client, account, ledgerAddress, functionName: 'claimWithProof', args: [metered, anchor.root, [...anchor.proof], beneficiarySignature], onStatus });
  }
  return sendLedgerTransaction({ client, account, ledgerAddress, functionName: 'claim', args: [metered, siteSignature!, beneficiarySignature], onStatus });
}
