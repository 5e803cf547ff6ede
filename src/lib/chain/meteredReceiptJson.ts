import { getAddress, isAddress, isHex, type Hex } from 'viem';
import { z } from 'zod';
import type { MeteredReceipt } from './meteredReceiptTypedData';

const bytes32 = z.string().refine((s) => isHex(s, { strict: true }) && s.length === 66, { message: 'expected a 0x-prefixed 32-byte hex value' });
const address = z.string().refine((s) => isAddress(s, { strict: false }), { message: 'expected a 0x-prefixed 20-byte address' });
const uint = (max: number) => z.number().int().nonnegative().max(max);

/** A metered receipt as JSON: hex strings, and whole numbers (minutes, Wh, seconds: all within 2^53). */
export const meteredReceiptJsonSchema = z.object({
  siteId: bytes32,
  sessionId: bytes32,
  stationId: bytes32,
  beneficiary: address,
  startMinute: uint(Number.MAX_SAFE_INTEGER),
  endMinute: uint(Number.MAX_SAFE_INTEGER),
  deliveredWh: uint(Number.MAX_SAFE_INTEGER),
  claims: z.array(
    z.object({
      startMinute: uint(Number.MAX_SAFE_INTEGER),
      lengthMinutes: uint(65_535),
      source: uint(255),
      wh: uint(Number.MAX_SAFE_INTEGER)
    })
  ),
  receiptHash: bytes32,
  /** The session's revocation count on the ledger when the site vouched; only the current one can be claimed. */
  revision: uint(0xffff_ffff),
  deadline: uint(Number.MAX_SAFE_INTEGER)
});

/** JSON form of a {@link MeteredReceipt}. */
export type MeteredReceiptJson = z.infer<typeof meteredReceiptJsonSchema>;

/** A metered receipt as plain JSON data (bigint → number: every field fits a double exactly). */
export function meteredReceiptToJson(m: MeteredReceipt): MeteredReceiptJson {
  return {
    ...m,
    startMinute: Number(m.startMinute),
    endMinute: Number(m.endMinute),
    deliveredWh: Number(m.deliveredWh),
    claims: m.claims.map((c) => ({ ...c, startMinute: Number(c.startMinute), wh: Number(c.wh) })),
    deadline: Number(m.deadline)
  };
}

/** JSON data (already checked by {@link meteredReceiptJsonSchema}) back to the struct the ledger takes. */
export function meteredReceiptFromJson(j: MeteredReceiptJson): MeteredReceipt {
  return {
    siteId: j.siteId.toLowerCase() as Hex,
    sessionId: j.sessionId.toLowerCase() as Hex,
    stationId: j.stationId.toLowerCase() as Hex,
    beneficiary: getAddress(j.beneficiary),
    startMinute: BigInt(j.startMinute),
    endMinute: BigInt(j.endMinute),
    deliveredWh: BigInt(j.deliveredWh),
    claims: j.claims.map((c) => ({ startMinute: BigInt(c.startMinute), lengthMinutes: c.lengthMinutes, source: c.source, wh: BigInt(c.wh) })),
    receiptHash: j.receiptHash.toLowerCase() as Hex,
    revision: j.revision,
    deadline: BigInt(j.deadline)
  };
}
