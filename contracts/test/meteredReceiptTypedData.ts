/**
 * EIP-712 typed data of GreenClaimLedger v2's MeteredReceipt, for the contract tests and the gas benchmark
 * (the app keeps its own copy under src/lib/chain; the tests check both hash to the contract's digest).
 */
import { hashTypedData, keccak256, encodeAbiParameters, type Address, type Hex } from 'viem';

/** EIP-712 domain name and version of the v2 ledger. */
export const LEDGER_DOMAIN_V2 = { name: 'GreenSlot', version: '2' } as const;

/** Must match GREEN_CLAIM_TYPEHASH and METERED_RECEIPT_TYPEHASH in GreenClaimLedger.sol. */
export const meteredReceiptTypes = {
  GreenClaim: [
    { name: 'startMinute', type: 'uint64' },
    { name: 'lengthMinutes', type: 'uint16' },
    { name: 'source', type: 'uint8' },
    { name: 'wh', type: 'uint64' }
  ],
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
    { name: 'deadline', type: 'uint64' }
  ]
} as const;

/** One green claim: Wh of one source in one registered slot (minutes since the Unix epoch). */
export type GreenClaim = { startMinute: bigint; lengthMinutes: number; source: number; wh: bigint };

/** The receipt struct as signed and submitted. */
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
  deadline: bigint;
};

/** Typed data for signing `receipt` in the domain of one ledger on one chain. */
export function meteredReceiptTypedData({ receipt, chainId, verifyingContract }: { receipt: MeteredReceipt; chainId: number; verifyingContract: Address }) {
  return {
    domain: { ...LEDGER_DOMAIN_V2, chainId, verifyingContract },
    types: meteredReceiptTypes,
    primaryType: 'MeteredReceipt',
    message: receipt
  } as const;
}

/** The receipt's EIP-712 digest (what both parties sign and the Merkle leaf commits to). */
export function meteredReceiptDigest(p: { receipt: MeteredReceipt; chainId: number; verifyingContract: Address }): Hex {
  return hashTypedData(meteredReceiptTypedData(p));
}

/** OpenZeppelin StandardMerkleTree leaf of a ["bytes32"] value (double keccak, as the contract's _leaf). */
export function receiptLeaf(digest: Hex): Hex {
  return keccak256(keccak256(encodeAbiParameters([{ type: 'bytes32' }], [digest])));
}
