/**
 * Deploys GreenClaimLedger v2 and registers one site, by RPC URL (anvil by default).
 *
 *   npm run contracts:deploy-local -- [--rpc http://127.0.0.1:8545] [--key 0x…] [--operator 0x…]
 *                                     [--site demo] [--issuer "GreenSlot demo issuing body"] [--admin-delay 0]
 *
 * Without --key it uses anvil's well-known account #0, and only on a local dev chain (chain id 31337 or 1337):
 * on any other chain it refuses, so a testnet deployment never gets a publicly known admin. It prints the
 * registry-admin address it used. The site is registered with the deployer as site admin and `--operator`
 * (default: the deployer) as supply registrar and metering signer, so the app works against it.
 */
import { parseArgs } from 'node:util';
import { createWalletClient, http, keccak256, publicActions, stringToBytes, type Address, type Hex, type Transport } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../../src/lib/chain/generated/greenClaimLedgerBytecode';
import { SITE_ROLES } from '../../src/lib/chain/registerSite';

// anvil's account #0: a well-known dev key with no value anywhere but local nodes.
const ANVIL_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

/** Chain ids of local dev nodes (anvil/hardhat 31337, geth --dev and the like 1337). */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];


/** Parameters of {@link deployLocal}. */
export type DeployLocalParameters = {
  /** JSON-RPC URL of the node (ignored when `transport` is given). */
  rpcUrl?: string;
  /** viem transport (tests pass an in-process provider). */
  transport?: Transport;
  /** Deployer = registry admin = site admin. Required on chains other than 31337/1337. */
  key?: Hex;
  /** Becomes the site's supply registrar and metering signer (default: the deployer). */
  operator?: Address;
  /** Site id string; the ledger key is keccak256 of its UTF-8 bytes. */
  site?: string;
  /** Issuing body name; stored as keccak256 of its UTF-8 bytes. */
  issuer?: string;
  /** Seconds a registry-admin transfer waits before it can be accepted (default 0 locally, 1 day elsewhere). */
  adminDelaySec?: number;
};

/** Deploys the ledger and registers the site; refuses a non-local chain without an explicit key. */
export async function deployLocal({ rpcUrl = 'http://127.0.0.1:8545', transport, key, operator, site = 'demo', issuer = 'GreenSlot demo issuing body', adminDelaySec }: DeployLocalParameters = {}) {
  const probe = createWalletClient({ transport: transport ?? http(rpcUrl) }).extend(publicActions);
  const chainId = await probe.getChainId();
  const local = LOCAL_CHAIN_IDS.includes(chainId);
  if (!key && !local) {
    throw new Error(`deploy-local: chain id ${chainId} is not a local dev chain (${LOCAL_CHAIN_IDS.join(' or ')}); pass --key 0x… with the deployer's own private key (the default key is public)`);
  }
  const account = privateKeyToAccount(key ?? ANVIL_KEY_0);
  const client = createWalletClient({ account, transport: transport ?? http(rpcUrl) }).extend(publicActions);
  const send = async (hash: Hex, what: string) => {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== 'success') throw new Error(`deploy-local: ${what} reverted in tx ${hash}`);
    return receipt;
  };
  const delay = adminDelaySec ?? (local ? 0 : 86_400);
  const deployed = await send(
    await client.deployContract({ abi: greenClaimLedgerAbi, bytecode: greenClaimLedgerBytecode, args: [account.address, delay], chain: null }),
    'deployment'
  );
  const address = deployed.contractAddress;
  if (!address) throw new Error('deploy-local: no contract address in the deployment receipt');
  const siteId = keccak256(stringToBytes(site));
  const siteOperator = operator ?? account.address;
  const write = async (functionName: 'registerSite' | 'grantSiteRole', args: readonly unknown[]) =>
    send(await client.writeContract({ address, abi: greenClaimLedgerAbi, functionName, args, chain: null } as never), functionName);
  await write('registerSite', [siteId, account.address, keccak256(stringToBytes(issuer))]);
  await write('grantSiteRole', [siteId, SITE_ROLES.SUPPLY_REGISTRAR, siteOperator]);
  await write('grantSiteRole', [siteId, SITE_ROLES.METERING_SIGNER, siteOperator]);
  return { chainId, address, admin: account.address, adminDelaySec: delay, site, siteId, operator: siteOperator, hash: deployed.transactionHash, blockNumber: deployed.blockNumber };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { rpc: { type: 'string' }, key: { type: 'string' }, operator: { type: 'string' }, site: { type: 'string' }, issuer: { type: 'string' }, 'admin-delay': { type: 'string' } }
  });
  const adminDelay = values['admin-delay'];
  if (adminDelay !== undefined && !/^\d+$/.test(adminDelay)) {
    console.error(`deploy-local: --admin-delay expects whole seconds, got "${adminDelay}"`);
    process.exit(2);
  }
  try {
    const r = await deployLocal({
      rpcUrl: values.rpc,
      key: values.key as Hex | undefined,
      operator: values.operator as Address | undefined,
      site: values.site,
      issuer: values.issuer,
      adminDelaySec: adminDelay === undefined ? undefined : Number(adminDelay)
    });
    console.log(`GreenClaimLedger v2 deployed on chain ${r.chainId} at ${r.address} (tx ${r.hash}, block ${r.blockNumber})`);
    console.log(`registry admin: ${r.admin} (admin transfer delay ${r.adminDelaySec} s)`);
    console.log(`site "${r.site}" (${r.siteId}): site admin ${r.admin}, supply registrar + metering signer ${r.operator}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
