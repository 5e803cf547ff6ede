import type { Account, Address, Chain, Client, ContractFunctionArgs, ContractFunctionName, Hash, Transport } from 'viem';
import { simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { decodeChainError, type DecodedChainError } from './decodeChainError';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';

/** A viem client that can read and send (wallet + public actions over one transport). */
export type LedgerClient = Client<Transport, Chain | undefined, Account | undefined>;

/** Transaction states the UI shows, in order. */
export type TxStatus =
  | { state: 'waiting-signature' }
  | { state: 'pending'; hash: Hash }
  | { state: 'confirmed'; hash: Hash; blockNumber: bigint }
  | { state: 'rejected'; error: DecodedChainError }
  | { state: 'reverted'; error: DecodedChainError; hash?: Hash };

/** Final outcome of a ledger transaction: a value, not an exception (rejection and revert are ordinary). */
export type TxOutcome = Extract<TxStatus, { state: 'confirmed' | 'rejected' | 'reverted' }>;

type WriteName = ContractFunctionName<typeof greenClaimLedgerAbi, 'nonpayable'>;

/** Parameters of {@link sendLedgerTransaction}. */
export type SendLedgerTransactionParameters<N extends WriteName> = {
  client: LedgerClient;
  /** Sender; defaults to the client's account. */
  account?: Account | Address;
  ledgerAddress: Address;
  functionName: N;
  args: ContractFunctionArgs<typeof greenClaimLedgerAbi, 'nonpayable', N>;
  onStatus?: (status: TxStatus) => void;
};

/**
 * Simulates (so a revert is decoded before anything is signed), sends and waits for one ledger
 * transaction, reporting each state through `onStatus`.
 */
export async function sendLedgerTransaction<N extends WriteName>({
  client,
  account = client.account,
  ledgerAddress,
  functionName,
  args,
  onStatus = () => undefined
}: SendLedgerTransactionParameters<N>): Promise<TxOutcome> {
  const fail = (error: unknown, hash?: Hash): TxOutcome => {
    const decoded = decodeChainError({ error });
    const outcome: TxOutcome = decoded.kind === 'rejected' ? { state: 'rejected', error: decoded } : { state: 'reverted', error: decoded, hash };
    onStatus(outcome);
    return outcome;
  };
  if (!account) return fail(new Error('No account connected.'));
  let hash: Hash;
  try {
    const { request } = await simulateContract(client, {
      account,
      address: ledgerAddress,
      abi: greenClaimLedgerAbi,
      functionName,
      args
    } as never);
    onStatus({ state: 'waiting-signature' });
    hash = await writeContract(client, request as never);
  } catch (error) {
    return fail(error);
  }
  onStatus({ state: 'pending', hash });
  try {
    const receipt = await waitForTransactionReceipt(client, { hash, pollingInterval: 250 });
    if (receipt.status !== 'success') return fail(new Error(`Transaction ${hash} reverted in block ${receipt.blockNumber}.`), hash);
    const outcome: TxOutcome = { state: 'confirmed', hash, blockNumber: receipt.blockNumber };
    onStatus(outcome);
    return outcome;
  } catch (error) {
    return fail(error, hash);
  }
}
