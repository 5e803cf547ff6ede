/**
 * Test fixture: GreenClaimLedger deployed on the in-process EVM (@ethereumjs/vm behind the app's own
 * EIP-1193 provider), driven with viem. No node, no network; a fresh chain per fixture.
 */
import { ContractFunctionRevertedError, createWalletClient, custom, defineChain, encodeDeployData, getAddress, publicActions, toFunctionSelector, type Address, type Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { attestationTypedData, type Attestation } from '../../src/lib/chain/attestationTypedData';
import { memoryJournal } from '../../src/lib/chain/embedded/chainJournal';
import { EmbeddedEvm } from '../../src/lib/chain/embedded/embeddedEvm';
import { createEmbeddedProvider } from '../../src/lib/chain/embedded/embeddedProvider';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../../src/lib/chain/generated/greenClaimLedgerBytecode';

// Anvil's well-known dev keys: test-only, never hold value.
const KEYS = {
  admin: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  operator: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  driver: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  driver2: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  stranger: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b3f8a2de8b6ee5c3f7c5d2a9'
} as const satisfies Record<string, Hex>;

export type Role = keyof typeof KEYS;

/** Creates a chain with the five accounts funded and the ledger deployed by admin (operator granted). */
export async function createLedgerFixture({ chainId = 31337 }: { chainId?: number } = {}) {
  const accounts = Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [k, privateKeyToAccount(v)])) as Record<Role, PrivateKeyAccount>;
  const evm = await EmbeddedEvm.create({ chainId, fundedAccounts: Object.values(accounts).map((a) => a.address) });
  let clock = 1_800_000_000_000;
  const provider = createEmbeddedProvider({ evm, accounts: Object.values(accounts), journal: memoryJournal(), now: () => (clock += 12_000) });
  const chain = defineChain({ id: chainId, name: `test-${chainId}`, nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 }, rpcUrls: { default: { http: ['http://x.invalid'] } } });
  const client = createWalletClient({ chain, transport: custom(provider) }).extend(publicActions);

  const deploy = async (by: Role = 'admin') => {
    const data = encodeDeployData({ abi: greenClaimLedgerAbi, bytecode: greenClaimLedgerBytecode, args: [accounts.admin.address, accounts.operator.address] });
    const hash = await client.sendTransaction({ account: accounts[by].address, data });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    return getAddress(receipt.contractAddress as Address);
  };
  const ledger = await deploy();

  /** Sends a ledger transaction from `by` and returns the receipt (throws viem's decoded revert). */
  const write = async (by: Role, functionName: string, args: readonly unknown[], address: Address = ledger) => {
    const hash = await client.writeContract({ account: accounts[by].address, address, abi: greenClaimLedgerAbi, functionName, args } as never);
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    if (receipt.status !== 'success') throw new Error(`tx ${functionName} reverted`);
    return receipt;
  };
  const read = <T>(functionName: string, args: readonly unknown[] = [], address: Address = ledger) =>
    client.readContract({ address, abi: greenClaimLedgerAbi, functionName, args } as never) as Promise<T>;

  /** EIP-712 signature of `attestation` by `signer` for the given ledger/chain domain. */
  const sign = (attestation: Attestation, { signer = 'driver' as Role, verifyingContract = ledger, domainChainId = chainId } = {}) =>
    accounts[signer].signTypedData(attestationTypedData({ attestation, chainId: domainChainId, verifyingContract }));

  return { evm, provider, client, accounts, ledger, deploy, write, read, sign, chainId };
}

export type LedgerFixture = Awaited<ReturnType<typeof createLedgerFixture>>;

/** Awaits a failing call and asserts the revert's custom-error selector (and returns the decoded args). */
export async function expectRevert(promise: Promise<unknown>, errorSignature: string): Promise<readonly unknown[]> {
  const selector = toFunctionSelector(errorSignature);
  try {
    await promise;
  } catch (error) {
    let e: unknown = error;
    while (e && !(e instanceof ContractFunctionRevertedError)) e = (e as { cause?: unknown }).cause;
    if (!(e instanceof ContractFunctionRevertedError)) throw new Error(`expected revert ${errorSignature}, got ${String(error)}`);
    const raw = e.raw ?? '0x';
    if (raw.slice(0, 10) !== selector) throw new Error(`expected selector ${selector} (${errorSignature}), got ${raw.slice(0, 10)} (${e.data?.errorName})`);
    return e.data?.args ?? [];
  }
  throw new Error(`expected revert ${errorSignature}, but the call succeeded`);
}
