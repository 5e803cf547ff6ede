import type { Address, Client, Hex } from 'viem';
import { isHex } from 'viem';
import { ValidationError } from '../core/errors';
import { attestationFromReceipt } from './attestationTypedData';
import { readAttestation, type AttestationRecord } from './readAttestation';
import { parseReceipt, type Receipt } from './receipt';
import { toBytes32Id } from './toBytes32Id';
import { ledgerSlotLabel } from './ledgerSlot';

/** One key figure where the receipt and the chain disagree. */
export type FigureDifference = { field: string; receipt: string; chain: string };

/** Outcome of a verification: a value for every case the /verify page shows. */
export type VerifyResult =
  | { status: 'valid'; sessionId: Hex; record: AttestationRecord; receiptChecked: boolean }
  | { status: 'figures-differ'; sessionId: Hex; record: AttestationRecord; differences: FigureDifference[] }
  | { status: 'not-attested'; sessionId: Hex }
  | { status: 'revoked'; sessionId: Hex; record: AttestationRecord; differences: FigureDifference[] }
  | { status: 'invalid-input'; message: string };

/** Parameters of {@link verifyReceipt}. */
export type VerifyReceiptParameters = {
  client: Client;
  ledgerAddress: Address;
  /** Receipt JSON text (or parsed object), a session id, or a 0x bytes32 session id. */
  input: string | Receipt;
};

const compare = (receipt: Receipt, record: AttestationRecord): FigureDifference[] => {
  const expected = attestationFromReceipt({ receipt, driver: record.driver });
  const diffs: FigureDifference[] = [];
  const check = (field: string, r: unknown, c: unknown) => {
    if (String(r) !== String(c)) diffs.push({ field, receipt: String(r), chain: String(c) });
  };
  check('receiptHash', expected.receiptHash, record.receiptHash);
  check('siteId', expected.siteId, record.siteId);
  check('stationId', expected.stationId, record.stationId);
  // Slots compare as ledger keys and show as start times (the receipt's own numbers are day-relative).
  const at = (slot: number | bigint) => ledgerSlotLabel({ slot });
  check('firstSlot', at(expected.firstSlot), at(record.firstSlot));
  check('lastSlot', at(expected.lastSlot), at(record.lastSlot));
  check('deliveredWh', receipt.deliveredWh, record.deliveredWh);
  check('greenWh', receipt.greenWh, record.greenWhClaimed);
  const fmt = (cs: { slot: number | bigint; greenWh: number | bigint }[]) => cs.map((c) => `${at(c.slot)}: ${c.greenWh} Wh`).join(', ');
  check('claims', fmt(expected.claimSlots.map((slot, i) => ({ slot, greenWh: expected.claimWh[i] }))), fmt(record.claims));
  return diffs;
};

/**
 * Verifies a receipt (or just a session id) against the ledger: recomputes the canonical hash and
 * key figures and compares them with the stored attestation.
 */
export async function verifyReceipt({ client, ledgerAddress, input }: VerifyReceiptParameters): Promise<VerifyResult> {
  let receipt: Receipt | undefined;
  let sessionId: Hex;
  const text = typeof input === 'string' ? input.trim() : undefined;
  if (text === undefined || text.startsWith('{')) {
    try {
      receipt = parseReceipt({ json: text ?? input });
    } catch (error) {
      if (error instanceof ValidationError) return { status: 'invalid-input', message: error.message };
      throw error;
    }
    sessionId = toBytes32Id({ id: receipt.sessionId });
  } else if (text === '') {
    return { status: 'invalid-input', message: 'Paste a receipt (JSON) or a session id.' };
  } else {
    sessionId = isHex(text) && text.length === 66 ? text : toBytes32Id({ id: text });
  }
  const record = await readAttestation({ client, ledgerAddress, sessionId });
  if (record.status === 'none') return { status: 'not-attested', sessionId };
  const differences = receipt ? compare(receipt, record) : [];
  if (record.status === 'revoked') return { status: 'revoked', sessionId, record, differences };
  if (differences.length > 0) return { status: 'figures-differ', sessionId, record, differences };
  return { status: 'valid', sessionId, record, receiptChecked: receipt !== undefined };
}
