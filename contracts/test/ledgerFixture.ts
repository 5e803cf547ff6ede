/**
 * Test fixture: GreenClaimLedger v2 deployed on the in-process EVM (@ethereumjs/vm behind the app's own
 * EIP-1193 provider), driven with viem. No node, no network; a fresh chain per fixture.
 * Cast: `registryAdmin` registers sites; site A has `siteAdmin`, `registrar`, `signer`; site B is run by
 * `operatorB` (admin + registrar + signer of B only); `driver`, `driver2`, `stranger` hold no roles.
 */
import { ContractFunctionRevertedError, createWalletClient, custom, defineChain, encodeAbiParameters, encodeDeployData, getAddress, keccak256, publicActions, stringToBytes, toFunctionSelector, type Address, type Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { memoryJournal } from '../../src/lib/chain/embedded/chainJournal';
import { EmbeddedEvm } from '../../src/lib/chain/embedded/embeddedEvm';
import { createEmbeddedProvider } from '../../src/lib/chain/embedded/embeddedProvider';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../../src/lib/chain/generated/greenClaimLedgerBytecode';
// The app's own EIP-712 module: these tests prove it hashes to the contract's receiptDigest.
import { meteredReceiptDigest, meteredReceiptTypedData, type GreenClaim, type MeteredReceipt } from '../../src/lib/chain/meteredReceiptTypedData';

// Anvil's well-known dev keys #0..#8: test-only, never hold value.
const KEYS = {
  registryAdmin: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  siteAdmin: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  registrar: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  signer: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  driver: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b3f8a2de8b6ee5c3f7c5d2a9',
  driver2: '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  stranger: '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  operatorB: '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  newAdmin: '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97'
} as const satisfies Record<string, Hex>;

export type Role = keyof typeof KEYS;

/** Site, station and issuing-body ids used across the tests (keccak256 of the id strings). */
export const SITE = keccak256(stringToBytes('site-A'));
export const SITE_B = keccak256(stringToBytes('site-B'));
export const STATION = keccak256(stringToBytes('evse-1'));
export const ISSUER = keccak256(stringToBytes('GreenSlot demo issuing body'));
export const DEVICE = keccak256(stringToBytes('pv-roof-1'));
export const ROLE = {
  SITE_ADMIN: keccak256(stringToBytes('SITE_ADMIN')),
  SUPPLY_REGISTRAR: keccak256(stringToBytes('SUPPLY_REGISTRAR')),
  METERING_SIGNER: keccak256(stringToBytes('METERING_SIGNER'))
} as const;

/** A slot of supply as registerSupply takes it. */
export type SupplySlot = { startMinute: bigint; lengthMinutes: number; deviceId: Hex; evidenceHash: Hex; sourceWh: readonly [bigint, bigint, bigint, bigint] };

/** Minute 0 of the tests' day: 2027-01-15T00:00Z (the fixture's chain clock starts there too). */
export const DAY0 = 29_999_520n;

/** A supply slot at DAY0 + `minute` (Wh per source). */
export const slotAt = (minute: number, lengthMinutes: number, sourceWh: readonly [number, number, number, number], evidence = 'meter export'): SupplySlot => ({
  startMinute: DAY0 + BigInt(minute),
  lengthMinutes,
  deviceId: DEVICE,
  evidenceHash: keccak256(stringToBytes(evidence)),
  sourceWh: sourceWh.map(BigInt) as unknown as readonly [bigint, bigint, bigint, bigint]
});

/** A green claim at DAY0 + `minute`. */
export const greenClaim = (minute: number, lengthMinutes: number, source: number, wh: number | bigint): GreenClaim => ({ startMinute: DAY0 + BigInt(minute), lengthMinutes, source, wh: BigInt(wh) });

/** Creates a chain with every cast member funded, the ledger deployed, site A and site B registered and staffed. */
export async function createLedgerFixture({ chainId = 31337, staffSites = true }: { chainId?: number; staffSites?: boolean } = {}) {
  const accounts = Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [k, privateKeyToAccount(v)])) as Record<Role, PrivateKeyAccount>;
  const evm = await EmbeddedEvm.create({ chainId, fundedAccounts: Object.values(accounts).map((a) => a.address) });
  // Block timestamps: 1_800_000_000 s (2027-01-15T08:00Z) + 12 s per request that reads the clock.
  let clock = 1_800_000_000_000;
  const provider = createEmbeddedProvider({ evm, accounts: Object.values(accounts), journal: memoryJournal(), now: () => (clock += 12_000) });
  const chain = defineChain({ id: chainId, name: `test-${chainId}`, nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 }, rpcUrls: { default: { http: ['http://x.invalid'] } } });
  const client = createWalletClient({ chain, transport: custom(provider) }).extend(publicActions);

  const deploy = async ({ admin = accounts.registryAdmin.address as Address, delay = 0, by = 'registryAdmin' as Role } = {}) => {
    const data = encodeDeployData({ abi: greenClaimLedgerAbi, bytecode: greenClaimLedgerBytecode, args: [admin, delay] });
    const hash = await client.sendTransaction({ account: accounts[by].address, data });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 10 });
    if (receipt.status !== 'success') throw new Error('deployment reverted');
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

  /** Unix seconds of the latest block. */
  const now = async () => (await client.getBlock()).timestamp;

  /** A receipt for `beneficiary` at site A over DAY0 minutes [from, to) with the given green claims. */
  let sessionCounter = 0;
  const receipt = async ({
    claims = [] as readonly GreenClaim[],
    from = 0,
    to = 24 * 60,
    deliveredWh = 100_000n,
    siteId = SITE,
    beneficiary = 'driver' as Role,
    session = `s-${++sessionCounter}`,
    receiptHash = keccak256(stringToBytes(`receipt of ${session} #${sessionCounter}`)),
    revision = 0,
    deadline
  }: { claims?: readonly GreenClaim[]; from?: number; to?: number; deliveredWh?: bigint; siteId?: Hex; beneficiary?: Role; session?: string; receiptHash?: Hex; revision?: number; deadline?: bigint } = {}): Promise<MeteredReceipt> => ({
    siteId,
    sessionId: keccak256(stringToBytes(session)),
    stationId: STATION,
    beneficiary: accounts[beneficiary].address,
    startMinute: DAY0 + BigInt(from),
    endMinute: DAY0 + BigInt(to),
    deliveredWh,
    claims,
    receiptHash,
    revision,
    deadline: deadline ?? (await now()) + 3600n
  });

  /** EIP-712 signature of `r` by `by` in this ledger's domain (or another ledger/chain). */
  const sign = (r: MeteredReceipt, by: Role, { verifyingContract = ledger, domainChainId = chainId } = {}) =>
    accounts[by].signTypedData(meteredReceiptTypedData({ metered: r, chainId: domainChainId, verifyingContract }));
  const digest = (r: MeteredReceipt) => meteredReceiptDigest({ metered: r, chainId, verifyingContract: ledger });

  /** Claims `r` with the site signer's signature and the beneficiary's countersignature, sent by `by`. */
  const claim = async (r: MeteredReceipt, { by = 'driver' as Role, siteSigner = 'signer' as Role, countersigner = null as Role | null } = {}) =>
    write(by, 'claim', [r, await sign(r, siteSigner), countersigner ? await sign(r, countersigner) : '0x']);

  if (staffSites) {
    await write('registryAdmin', 'registerSite', [SITE, accounts.siteAdmin.address, ISSUER]);
    await write('siteAdmin', 'grantSiteRole', [SITE, ROLE.SUPPLY_REGISTRAR, accounts.registrar.address]);
    await write('siteAdmin', 'grantSiteRole', [SITE, ROLE.METERING_SIGNER, accounts.signer.address]);
    await write('registryAdmin', 'registerSite', [SITE_B, accounts.operatorB.address, ISSUER]);
    await write('operatorB', 'grantSiteRole', [SITE_B, ROLE.SUPPLY_REGISTRAR, accounts.operatorB.address]);
    await write('operatorB', 'grantSiteRole', [SITE_B, ROLE.METERING_SIGNER, accounts.operatorB.address]);
  }

  return { evm, provider, client, accounts, ledger, deploy, write, read, now, receipt, sign, digest, claim, chainId };
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

/** The raw revert data inside a viem error chain (for reverts that are not contract-function calls, e.g. deployment). */
export function revertDataOf(error: unknown): Hex | undefined {
  let e: unknown = error;
  while (e) {
    const data = (e as { data?: unknown }).data;
    if (typeof data === 'string' && data.startsWith('0x')) return data as Hex;
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string') return (data as { data: Hex }).data;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** OpenZeppelin StandardMerkleTree leaf of a ["bytes32"] value, recomputed by hand (double keccak, as the contract's _leaf). */
export function receiptLeaf(digest: Hex): Hex {
  return keccak256(keccak256(encodeAbiParameters([{ type: 'bytes32' }], [digest])));
}
