import { getAddress, type Account, type Address, type Client } from 'viem';
import { readContract, signTypedData } from 'viem/actions';
import { ledgerKeyOf, type ClaimRecordRow, type ClaimsDb } from './claimStore';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { ledgerSupplyWh } from './ledgerSupplyWh';
import { CLAIM_WINDOW_SEC, meteredReceiptFromReceipt } from './meteredReceiptFromReceipt';
import { meteredReceiptToJson, meteredReceiptFromJson } from './meteredReceiptJson';
import { meteredReceiptDigest, meteredReceiptTypedData } from './meteredReceiptTypedData';
import { receiptLedgerSlot } from './ledgerSlot';
import { receiptHash, type Receipt } from './receipt';
import type { GreenSupplySlot } from './registerGreenSupply';
import type { LedgerClient } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';

/** Parameters of {@link vouchReceipt}. */
export type VouchReceiptParameters = {
  db: ClaimsDb;
  chainId: number;
  ledgerAddress: Address;
  receipt: Receipt;
  /** Reads the session's current revision (receiptRevision) from the ledger. */
  reader: Client;
  /** The wallet the driver gives for the claim (used only while the site has not vouched yet). */
  beneficiary: Address;
  /** The engine's supply of the receipt's slots: splits each slot's green Wh by source. */
  supply?: readonly GreenSupplySlot[];
  /** The site's metering signer; without it the record waits for the operator's anchor. */
  siteSigner?: { client: LedgerClient; account?: Account | Address };
  nowMs?: number;
};

/**
 * The receipt's claim record on one ledger: the metered receipt (beneficiary, deadline = now + 30 days),
 * its digest, and — when a metering signer is at hand (the embedded demo operator) — the site's
 * signature. Once the site has vouched (signed or anchored), the record is final: its beneficiary and
 * deadline never change, whoever asks later. A receipt whose bytes changed gets a new record, and so does
 * one whose session was revoked since (the ledger's revision moved on): same beneficiary, signed again.
 */
export async function vouchReceipt({ db, chainId, ledgerAddress, receipt, reader, beneficiary, supply = [], siteSigner, nowMs = Date.now() }: VouchReceiptParameters): Promise<ClaimRecordRow> {
  const ledgerKey = ledgerKeyOf({ chainId, ledger: ledgerAddress });
  const hash = receiptHash({ receipt });
  const revision = await readContract(reader, {
    address: ledgerAddress,
    abi: greenClaimLedgerAbi,
    functionName: 'receiptRevision',
    args: [toBytes32Id({ id: receipt.siteId }), toBytes32Id({ id: receipt.sessionId })]
  });
  const stored = await db.claims.get([ledgerKey, receipt.sessionId]);
  const sameReceipt = !!stored && stored.receiptHash === hash;
  const vouched = sameReceipt && (stored.siteSignature || stored.anchor);
  let row: ClaimRecordRow;
  if (sameReceipt && stored.metered.revision === revision && (vouched || getAddress(stored.metered.beneficiary) === getAddress(beneficiary))) {
    row = stored;
  } else {
    const metered = meteredReceiptFromReceipt({
      receipt,
      // After a revoke the vouched beneficiary stays: a new revision is not a chance to redirect the claim.
      beneficiary: getAddress(vouched ? stored.metered.beneficiary : beneficiary),
      revision,
      deadlineSec: Math.floor(nowMs / 1000) + CLAIM_WINDOW_SEC,
      supplyWhBySlot: new Map(supply.map((s) => [s.slot, ledgerSupplyWh({ greenKWhBySource: s.greenKWhBySource })]))
    });
    row = {
      ledgerKey,
      sessionId: receipt.sessionId,
      siteId: receipt.siteId,
      receiptHash: hash,
      metered: meteredReceiptToJson(metered),
      digest: meteredReceiptDigest({ metered, chainId, verifyingContract: ledgerAddress }),
      endMinute: receiptLedgerSlot({ receipt, slot: receipt.lastSlot + 1 }),
      createdMs: nowMs
    };
  }
  if (!row.siteSignature && siteSigner) {
    const metered = meteredReceiptFromJson(row.metered);
    const siteSignature = await signTypedData(siteSigner.client, {
      account: siteSigner.account ?? siteSigner.client.account!,
      ...meteredReceiptTypedData({ metered, chainId, verifyingContract: ledgerAddress })
    });
    row = { ...row, siteSignature };
  }
  if (row !== stored) await db.claims.put(row);
  return row;
}
