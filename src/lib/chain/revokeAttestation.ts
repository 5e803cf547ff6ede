import type { Account, Address } from 'viem';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';

/** Reason codes the app uses when revoking (the contract stores any uint16). */
export const REVOKE_REASONS = { wrongFigures: 1, meterFault: 2, driverRequest: 3, fraud: 4 } as const;

/** Parameters of {@link revokeAttestation}. */
export type RevokeAttestationParameters = {
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  sessionId: string;
  reasonCode: number;
  onStatus?: (status: TxStatus) => void;
};

/** Operator: revokes a session's attestation; its green claims are released for others. */
export async function revokeAttestation({ client, account, ledgerAddress, sessionId, reasonCode, onStatus }: RevokeAttestationParameters): Promise<TxOutcome> {
  return sendLedgerTransaction({
    client,
    account,
    ledgerAddress,
    functionName: 'revoke',
    args: [toBytes32Id({ id: sessionId }), reasonCode],
    onStatus
  });
}
