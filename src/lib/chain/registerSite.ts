import type { Account, Address, Client, Hex } from 'viem';
import { keccak256, stringToBytes } from 'viem';
import { readContract } from 'viem/actions';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';

/** Issuing body of the demo sites' certificates (keccak256 of its name; a real site names its registry). */
export const DEMO_ISSUING_BODY = keccak256(stringToBytes('GreenSlot demo issuing body'));

/** The per-site role ids (keccak256 of the role name), as the ledger defines them. */
export const SITE_ROLES = {
  SITE_ADMIN: keccak256(stringToBytes('SITE_ADMIN')),
  SUPPLY_REGISTRAR: keccak256(stringToBytes('SUPPLY_REGISTRAR')),
  METERING_SIGNER: keccak256(stringToBytes('METERING_SIGNER'))
} as const;

/** Parameters of {@link isSiteRegistered}. */
export type IsSiteRegisteredParameters = { client: Client; ledgerAddress: Address; siteId: string };

/** Is the site in the ledger's registry? */
export async function isSiteRegistered({ client, ledgerAddress, siteId }: IsSiteRegisteredParameters): Promise<boolean> {
  const s = await readContract(client, { address: ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'siteOf', args: [toBytes32Id({ id: siteId })] });
  return s.registered;
}

/** Parameters of {@link registerSiteWithOperator}. */
export type RegisterSiteWithOperatorParameters = {
  /** The registry admin's client (the embedded demo operator, or anvil's account #0 in deploy-local). */
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  siteId: string;
  /** The account that becomes site admin, supply registrar and metering signer of the site. */
  operator: Address;
  issuingBody?: Hex;
};

/**
 * Registers a site with one operator account holding all three site roles (the demo set-up: a real site
 * would give the metering signer to its backend key and the registrar to its energy manager). The
 * registry admin signs the registration; the operator, as the new site admin, grants itself the roles.
 * Skips whatever is in place already, so it can run on every start.
 */
export async function registerSiteWithOperator({ client, account, ledgerAddress, siteId, operator, issuingBody = DEMO_ISSUING_BODY }: RegisterSiteWithOperatorParameters): Promise<TxOutcome | undefined> {
  const site = toBytes32Id({ id: siteId });
  const tx = { client, ledgerAddress } as const;
  let last: TxOutcome | undefined;
  if (!(await isSiteRegistered({ client, ledgerAddress, siteId }))) {
    last = await sendLedgerTransaction({ ...tx, account, functionName: 'registerSite', args: [site, operator, issuingBody] });
    if (last.state !== 'confirmed') return last;
  }
  for (const role of [SITE_ROLES.SUPPLY_REGISTRAR, SITE_ROLES.METERING_SIGNER]) {
    const has = await readContract(client, { address: ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'hasSiteRole', args: [site, role, operator] });
    if (has) continue;
    last = await sendLedgerTransaction({ ...tx, account: operator, functionName: 'grantSiteRole', args: [site, role, operator] });
    if (last.state !== 'confirmed') return last;
  }
  return last;
}
