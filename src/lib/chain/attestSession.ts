import type { Account, Address, Hex } from 'viem';
import { getChainId, signTypedData } from 'viem/actions';
import { attestationFromReceipt, attestationTypedData } from './attestationTypedData';
import { decodeChainError } from './decodeChainError';
import type { Receipt } from './receipt';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';

/** Parameters of {@link attestSession}. */
export type AttestSessionParameters = {
  /** The driver's wallet client (signs the EIP-712 data). */
  client: LedgerClient;
  driver?: Account | Address;
  /** Who submits the transaction (operator or the driver); defaults to the driver. */
  submitter?: { client: LedgerClient; account?: Account | Address };
  ledgerAddress: Address;
  receipt: Receipt;
  onStatus?: (status: TxStatus) => void;
};

/**
 * Driver signs the receipt's key figures (EIP-712), then the driver or the operator submits them.
 * The green claims are exactly the receipt's (the engine's allocation), nothing recomputed here.
 */
export async function attestSession({
  client,
  driver = client.account,
  submitter,
  ledgerAddress,
  receipt,
  onStatus = () => undefined
}: AttestSessionParameters): Promise<TxOutcome & { signature?: Hex }> {
  if (!driver) {
    const outcome: TxOutcome = { state: 'rejected', error: { kind: 'rejected', message: 'No wallet connected.' } };
    onStatus(outcome);
    return outcome;
  }
  const driverAddress = typeof driver === 'string' ? driver : driver.address;
  const attestation = attestationFromReceipt({ receipt, driver: driverAddress });
  let signature: Hex;
  try {
    const chainId = client.chain?.id ?? (await getChainId(client));
    onStatus({ state: 'waiting-signature' });
    signature = await signTypedData(client, { account: driver, ...attestationTypedData({ attestation, chainId, verifyingContract: ledgerAddress }) });
  } catch (error) {
    const decoded = decodeChainError({ error });
    const outcome: TxOutcome = decoded.kind === 'rejected' ? { state: 'rejected', error: decoded } : { state: 'reverted', error: decoded };
    onStatus(outcome);
    return outcome;
  }
  const outcome = await sendLedgerTransaction({
    client: submitter?.client ?? client,
    account: submitter ? submitter.account : driver,
    ledgerAddress,
    functionName: 'attestSession',
    args: [attestation, signature],
    onStatus
  });
  return { ...outcome, signature };
}
