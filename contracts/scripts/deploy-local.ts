/**
 * Deploys GreenClaimLedger to a local node by RPC URL (anvil by default) with an unlocked dev account.
 * Usage: npm run contracts:deploy-local -- [--rpc http://127.0.0.1:8545] [--key 0x…] [--operator 0x…]
 * Prints the address; put it in src/lib/chain/contractAddresses.ts for that chain id if it differs.
 */
import { parseArgs } from 'node:util';
import { createWalletClient, http, publicActions, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../../src/lib/chain/generated/greenClaimLedgerBytecode';

// anvil's account #0: a well-known dev key with no value anywhere but local nodes.
const ANVIL_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** Deploys the ledger; admin = the deployer, first operator = `operator` (defaults to the deployer). */
export async function deployLocal({ rpcUrl = 'http://127.0.0.1:8545', key = ANVIL_KEY_0 as Hex, operator }: { rpcUrl?: string; key?: Hex; operator?: Address } = {}) {
  const account = privateKeyToAccount(key);
  const client = createWalletClient({ account, transport: http(rpcUrl) }).extend(publicActions);
  const chainId = await client.getChainId();
  const hash = await client.deployContract({
    abi: greenClaimLedgerAbi,
    bytecode: greenClaimLedgerBytecode,
    args: [account.address, operator ?? account.address],
    chain: null
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deployment failed in tx ${hash}`);
  return { chainId, address: receipt.contractAddress, hash, blockNumber: receipt.blockNumber };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rpc: { type: 'string' }, key: { type: 'string' }, operator: { type: 'string' } } });
  const result = await deployLocal({ rpcUrl: values.rpc, key: values.key as Hex | undefined, operator: values.operator as Address | undefined });
  console.log(`GreenClaimLedger deployed on chain ${result.chainId} at ${result.address} (tx ${result.hash}, block ${result.blockNumber})`);
}
