import { hashTypedData, type Address, type Hex, type TypedDataDefinition } from 'viem';

/** EIP-712 domain name and version of GreenClaimLedger v2 (its EIP712 constructor arguments). */
export const LEDGER_DOMAIN = { name: 'GreenSlot', version: '2' } as const;

/** EIP-712 types of a metered receipt; must match the MeteredReceipt / GreenClaim typehashes of the ledger. */
export const meteredReceiptTypes = {
  MeteredReceipt: [
    { name: 'siteId', type: 'bytes32' },
    { name: 'sessionId', type: 'bytes32' },
    { name: 'stationId', type: 'bytes32' },
    { name: 'beneficiary', type: 'address' },
    { name: 'startMinute', type: 'uint64' },
    { name: 'endMinute', type: 'uint64' },
    { name: 'deliveredWh', type: 'uint64' },
    { name: 'claims', type: 'GreenClaim[]' },
    { name: 'receiptHash', type: 'bytes32' },
    { name: 'revision', type: 'uint32' },
    { name: 'deadline', type: 'uint64' }
  ],
  GreenClaim: [
    { name: 'startMinute', type: 'uint64' },
    { name: 'lengthMinutes', type: 'uint16' },
    { name: 'source', type: 'uint8' },
    { name: 'wh', type: 'uint64' }
  ]
} as const;

/** Green Wh of one (slot, source) in a metered receipt; slot = start minute since the Unix epoch + length in minutes. */
export type GreenClaim = { startMinute: bigint; lengthMinutes: number; source: number; wh: bigint };

/**
 * The receipt's key figures as the site's metering signer signs them and the ledger checks them:
 * ids hashed (toBytes32Id), the charging window [startMinute, endMinute) in minutes since the epoch,
 * Wh, the beneficiary wallet, the canonical receipt hash, the session's revision (how often its claim
 * was revoked when the site signed; the ledger takes only the current one) and a deadline in Unix seconds.
 */
export type MeteredReceipt = {
  siteId: Hex;
  sessionId: Hex;
  stationId: Hex;
  beneficiary: Address;
  startMinute: bigint;
  endMinute: bigint;
  deliveredWh: bigint;
  claims: readonly GreenClaim[];
  receiptHash: Hex;
  /** The ledger's receiptRevision(site, session) when the site vouched (uint32). */
  revision: number;
  deadline: bigint;
};

/** Parameters of {@link meteredReceiptTypedData}. */
export type MeteredReceiptTypedDataParameters = { metered: MeteredReceipt; chainId: number; verifyingContract: Address };

/**
 * EIP-712 typed data of a metered receipt: the site's metering signer and the beneficiary sign the
 * same digest. The domain binds chain id and ledger address, so no signature replays elsewhere.
 */
export function meteredReceiptTypedData({ metered, chainId, verifyingContract }: MeteredReceiptTypedDataParameters) {
  return {
    domain: { ...LEDGER_DOMAIN, chainId, verifyingContract },
    types: meteredReceiptTypes,
    primaryType: 'MeteredReceipt',
    message: metered
  } as const satisfies TypedDataDefinition<typeof meteredReceiptTypes, 'MeteredReceipt'>;
}

/** The EIP-712 digest of a metered receipt (what both parties sign and what a Merkle leaf holds). */
export function meteredReceiptDigest(parameters: MeteredReceiptTypedDataParameters): Hex {
  return hashTypedData(meteredReceiptTypedData(parameters));
}
