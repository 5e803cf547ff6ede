import type { Address, Hex } from 'viem';
import { z } from 'zod';
import { LEDGER_SOURCE_CATEGORIES } from './ledgerSupplyWh';
import type { MeteredReceipt } from './meteredReceiptTypedData';
import type { Receipt } from './receipt';

/** Schema tag of the certificate-cancellation export (docs/green-claims.md, docs/schemas/certificate-cancellation.schema.json). */
export const CERTIFICATE_CANCELLATION_SCHEMA = 'greenslot.certificate-cancellation/1';

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/).describe('0x-prefixed 32-byte hex');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/).describe('0x-prefixed 20-byte address');
const decimal = z.string().regex(/^(0|[1-9][0-9]{0,19})$/).describe('unsigned integer as a decimal string (uint64 on the ledger)');
const wh = z.number().int().nonnegative();
const utc = z.iso.datetime().describe('UTC date-time (ISO 8601, Z)');

/**
 * The certificate-cancellation document: which granular-certificate Wh (bundle id ranges on the ledger)
 * were cancelled for one metered charging session, for whom, and how to check it on the ledger.
 */
export const certificateCancellationSchema = z
  .object({
    schema: z.literal(CERTIFICATE_CANCELLATION_SCHEMA),
    createdAt: utc,
    registry: z
      .object({
        chainId: z.number().int().positive(),
        chainName: z.string().min(1),
        ledger: address.describe('GreenClaimLedger address (EIP-712 verifyingContract)'),
        domain: z.object({ name: z.literal('GreenSlot'), version: z.literal('2') }).strict()
      })
      .strict(),
    consumption: z
      .object({
        siteId: z.string().min(1),
        siteIdHash: hex32.describe('keccak256(utf8(siteId)): the ledger key'),
        sessionId: z.string().min(1),
        sessionIdHash: hex32,
        stationId: z.string().min(1),
        beneficiary: address.describe('the wallet the cancelled Wh are claimed for'),
        intervalStart: utc,
        intervalEnd: utc,
        deliveredWh: wh,
        receiptHash: hex32.describe('keccak256 of the receipt canonical JSON'),
        receiptRevision: z
          .number()
          .int()
          .min(0)
          .max(0xffff_ffff)
          .describe('revision of the metered receipt: how often the session claim was revoked before this receipt was signed'),
        meteredReceiptDigest: hex32.describe('EIP-712 digest signed by the site metering signer and the beneficiary')
      })
      .strict(),
    claim: z
      .object({
        status: z.enum(['claimed', 'revoked']),
        proof: z.enum(['site-signature', 'merkle-proof']),
        anchorRoot: hex32.optional(),
        claimedWh: wh.describe('sum of the cancelled ranges'),
        claimedBlock: z.number().int().nonnegative().optional()
      })
      .strict(),
    cancellations: z
      .array(
        z
          .object({
            bundleId: decimal,
            energySource: z.enum(LEDGER_SOURCE_CATEGORIES),
            productionStart: utc,
            productionEnd: utc,
            productionLengthMinutes: z.number().int().min(1).max(60),
            deviceId: hex32,
            issuingBody: hex32,
            firstWhId: decimal,
            lastWhId: decimal.describe('inclusive'),
            wh: z.number().int().positive()
          })
          .strict()
      )
      .describe('cancelled Wh id ranges, one per (bundle, range)')
  })
  .strict()
  .meta({ title: 'GreenSlot certificate cancellation', description: 'EnergyTag-shaped granular certificate Wh cancelled for one metered EV charging session.' });

/** A certificate-cancellation document. */
export type CertificateCancellation = z.infer<typeof certificateCancellationSchema>;

/** One cancelled Wh id range of a bundle, with the bundle's certificate fields (as read from the ledger). */
export type CancelledRange = {
  bundleId: bigint;
  source: number;
  startMinute: bigint;
  lengthMinutes: number;
  deviceId: Hex;
  issuingBody: Hex;
  firstWhId: bigint;
  wh: bigint;
};

/** Parameters of {@link certificateCancellation}. */
export type CertificateCancellationParameters = {
  receipt: Receipt;
  metered: MeteredReceipt;
  digest: Hex;
  chain: { id: number; name: string };
  ledger: Address;
  status: 'claimed' | 'revoked';
  proof: 'site-signature' | 'merkle-proof';
  anchorRoot?: Hex;
  claimedBlock?: bigint;
  ranges: readonly CancelledRange[];
  createdAtMs: number;
};

const iso = (minute: bigint) => new Date(Number(minute) * 60_000).toISOString().replace(/\.000Z$/, 'Z');

/** The export of a claimed receipt: every cancelled range with its certificate fields; checked against the schema. */
export function certificateCancellation(p: CertificateCancellationParameters): CertificateCancellation {
  const doc: CertificateCancellation = {
    schema: CERTIFICATE_CANCELLATION_SCHEMA,
    createdAt: new Date(p.createdAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    registry: { chainId: p.chain.id, chainName: p.chain.name, ledger: p.ledger, domain: { name: 'GreenSlot', version: '2' } },
    consumption: {
      siteId: p.receipt.siteId,
      siteIdHash: p.metered.siteId,
      sessionId: p.receipt.sessionId,
      sessionIdHash: p.metered.sessionId,
      stationId: p.receipt.stationId,
      beneficiary: p.metered.beneficiary,
      intervalStart: iso(p.metered.startMinute),
      intervalEnd: iso(p.metered.endMinute),
      deliveredWh: Number(p.metered.deliveredWh),
      receiptHash: p.metered.receiptHash,
      receiptRevision: p.metered.revision,
      meteredReceiptDigest: p.digest
    },
    claim: {
      status: p.status,
      proof: p.proof,
      ...(p.anchorRoot ? { anchorRoot: p.anchorRoot } : {}),
      claimedWh: p.ranges.reduce((s, r) => s + Number(r.wh), 0),
      ...(p.claimedBlock !== undefined ? { claimedBlock: Number(p.claimedBlock) } : {})
    },
    cancellations: p.ranges.map((r) => ({
      bundleId: r.bundleId.toString(),
      energySource: LEDGER_SOURCE_CATEGORIES[r.source] ?? 'GENERAL_GREEN',
      productionStart: iso(r.startMinute),
      productionEnd: iso(r.startMinute + BigInt(r.lengthMinutes)),
      productionLengthMinutes: r.lengthMinutes,
      deviceId: r.deviceId,
      issuingBody: r.issuingBody,
      firstWhId: r.firstWhId.toString(),
      lastWhId: (r.firstWhId + r.wh - 1n).toString(),
      wh: Number(r.wh)
    }))
  };
  // Built from ledger reads: parse once more so a document that does not fit its schema is never saved.
  return certificateCancellationSchema.parse(doc);
}

/** The JSON Schema (draft 2020-12) of the document, as committed in docs/schemas/. */
export function certificateCancellationJsonSchema(): Record<string, unknown> {
  return { $id: 'https://greenslot.example/schemas/certificate-cancellation.schema.json', ...z.toJSONSchema(certificateCancellationSchema) };
}
