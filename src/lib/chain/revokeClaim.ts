import type { Account, Address } from 'viem';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';

/** Reason codes the app uses when revoking (the contract stores any uint16). */
export const REVOKE_REASONS = { wrongFigures: 1, meterFault: 2, driverRequest: 3, fraud: 4 } as const;

/** Parameters of {@link revokeClaim}. */
export type RevokeClaimParameters = {
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  siteId: string;
  sessionId: string;
  reasonCode: number;
  onStatus?: (status: TxStatus) => void;
};

/**
 * Site admin or supply registrar of that site: revokes a session's claim. Its cancelled Wh ids are
 * withdrawn and the Wh re-issued, so they can be claimed again, but only with a new site-signed receipt.
 */
export async function revokeClaim({ client, account, ledgerAddress, siteId, sessionId, reasonCode, onStatus }: RevokeClaimParameters): Promise<TxOutcome> {
  return sendLedgerTransaction({
    client,
    account,
    ledgerAddress,
    functionName: 'revoke',
    args: [toBytes32Id({ id: siteId }), toBytes32Id({ id: sessionId }), reasonCode],
    onStatus
  });
}
