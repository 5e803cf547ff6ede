import type { Address, Client, Hex } from 'viem';
import { readContract } from 'viem/actions';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';

/** Status of a session on the ledger. */
export type AttestationStatus = 'none' | 'attested' | 'revoked';

/** A session's on-chain record, Wh and slots (ledger keys: start minute since the Unix epoch) as plain numbers. */
export type AttestationRecord = {
  status: AttestationStatus;
  revokeReason: number;
  driver: Address;
  siteId: Hex;
  stationId: Hex;
  receiptHash: Hex;
  firstSlot: number;
  lastSlot: number;
  deliveredWh: number;
  greenWhClaimed: number;
  attestedBlock: bigint;
  claims: { slot: number; greenWh: number }[];
};

/** Parameters of {@link readAttestation}. */
export type ReadAttestationParameters = { client: Client; ledgerAddress: Address; sessionId: Hex };

const STATUS: AttestationStatus[] = ['none', 'attested', 'revoked'];

/** Reads a session's attestation record (status 'none' when never attested). */
export async function readAttestation({ client, ledgerAddress, sessionId }: ReadAttestationParameters): Promise<AttestationRecord> {
  const r = await readContract(client, { address: ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'getAttestation', args: [sessionId] });
  return {
    status: STATUS[r.status] ?? 'none',
    revokeReason: r.revokeReason,
    driver: r.driver,
    siteId: r.siteId,
    stationId: r.stationId,
    receiptHash: r.receiptHash,
    firstSlot: Number(r.firstSlot),
    lastSlot: Number(r.lastSlot),
    deliveredWh: Number(r.deliveredWh),
    greenWhClaimed: Number(r.greenWhClaimed),
    attestedBlock: r.attestedBlock,
    claims: r.claimSlots.map((slot, i) => ({ slot: Number(slot), greenWh: Number(r.claimWh[i]) }))
  };
}

/** Parameters of {@link readGreenSupply}. */
export type ReadGreenSupplyParameters = { client: Client; ledgerAddress: Address; siteId: Hex; slot: number };

/** Registered and claimed green Wh of one (site, ledger slot key; see ledgerSlot.ts). */
export async function readGreenSupply({ client, ledgerAddress, siteId, slot }: ReadGreenSupplyParameters) {
  const [greenWh, claimedWh, sourceWh, evidenceHash] = await readContract(client, {
    address: ledgerAddress,
    abi: greenClaimLedgerAbi,
    functionName: 'greenSupply',
    args: [siteId, BigInt(slot)]
  });
  return { greenWh: Number(greenWh), claimedWh: Number(claimedWh), sourceWh: sourceWh.map(Number), evidenceHash };
}
