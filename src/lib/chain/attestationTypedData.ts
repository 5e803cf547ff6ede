import type { Address, Hex, TypedDataDefinition } from 'viem';
import type { Receipt } from './receipt';
import { receiptHash } from './receipt';
import { toBytes32Id } from './toBytes32Id';
import { receiptLedgerSlot } from './ledgerSlot';

/** EIP-712 domain name and version the ledger was deployed with (GreenClaimLedger constructor). */
export const LEDGER_DOMAIN = { name: 'GreenSlot', version: '1' } as const;

/** EIP-712 types of an attestation; must match ATTESTATION_TYPEHASH in GreenClaimLedger.sol. */
export const attestationTypes = {
  Attestation: [
    { name: 'sessionId', type: 'bytes32' },
    { name: 'siteId', type: 'bytes32' },
    { name: 'stationId', type: 'bytes32' },
    { name: 'firstSlot', type: 'uint64' },
    { name: 'lastSlot', type: 'uint64' },
    { name: 'deliveredWh', type: 'uint64' },
    { name: 'claimSlots', type: 'uint64[]' },
    { name: 'claimWh', type: 'uint64[]' },
    { name: 'receiptHash', type: 'bytes32' },
    { name: 'driver', type: 'address' }
  ]
} as const;

/** The attestation struct as signed and submitted (Wh; slots as ledger keys: start minute since the Unix epoch). */
export type Attestation = {
  sessionId: Hex;
  siteId: Hex;
  stationId: Hex;
  firstSlot: bigint;
  lastSlot: bigint;
  deliveredWh: bigint;
  claimSlots: readonly bigint[];
  claimWh: readonly bigint[];
  receiptHash: Hex;
  driver: Address;
};

/** Parameters of {@link attestationFromReceipt}. */
export type AttestationFromReceiptParameters = { receipt: Receipt; driver: Address };

/**
 * The key figures of a receipt as the ledger's Attestation struct: claims are exactly the receipt's,
 * its slots translated to ledger keys (ledgerSlot.ts), so receipts of different days never collide.
 */
export function attestationFromReceipt({ receipt, driver }: AttestationFromReceiptParameters): Attestation {
  return {
    sessionId: toBytes32Id({ id: receipt.sessionId }),
    siteId: toBytes32Id({ id: receipt.siteId }),
    stationId: toBytes32Id({ id: receipt.stationId }),
    firstSlot: BigInt(receiptLedgerSlot({ receipt, slot: receipt.firstSlot })),
    lastSlot: BigInt(receiptLedgerSlot({ receipt, slot: receipt.lastSlot })),
    deliveredWh: BigInt(receipt.deliveredWh),
    claimSlots: receipt.claims.map((c) => BigInt(receiptLedgerSlot({ receipt, slot: c.slot }))),
    claimWh: receipt.claims.map((c) => BigInt(c.greenWh)),
    receiptHash: receiptHash({ receipt }),
    driver
  };
}

/** Parameters of {@link attestationTypedData}. */
export type AttestationTypedDataParameters = { attestation: Attestation; chainId: number; verifyingContract: Address };

/**
 * EIP-712 typed data the driver signs. The domain binds chain id and contract address, so a
 * signature cannot be replayed on another chain or another ledger.
 */
export function attestationTypedData({ attestation, chainId, verifyingContract }: AttestationTypedDataParameters) {
  return {
    domain: { ...LEDGER_DOMAIN, chainId, verifyingContract },
    types: attestationTypes,
    primaryType: 'Attestation',
    message: attestation
  } as const satisfies TypedDataDefinition<typeof attestationTypes, 'Attestation'>;
}
