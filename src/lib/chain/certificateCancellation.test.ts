import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Address, Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { certificateCancellation, certificateCancellationJsonSchema, type CancelledRange } from './certificateCancellation';
import { meteredReceiptFromReceipt } from './meteredReceiptFromReceipt';
import { meteredReceiptDigest } from './meteredReceiptTypedData';
import { createReceipt } from './receipt';

const schemaPath = resolve(__dirname, '../../../docs/schemas/certificate-cancellation.schema.json');
const committed = JSON.parse(readFileSync(schemaPath, 'utf8'));
// Formats are not validated (no ajv-formats); the schema's own patterns pin the date-time shape.
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(committed);

const ledger: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const driver: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const receipt = createReceipt({
  sessionId: 'sess-9',
  siteId: 'site-A',
  stationId: 'evse-2',
  timeline: { startMs: Date.UTC(2026, 10, 25), slotMinutes: 15 },
  firstSlot: 40,
  lastSlot: 43,
  deliveredKWh: 6,
  greenKWhBySlot: [{ slot: 40, energyKWh: 1.2 }, { slot: 41, energyKWh: 0.8 }],
  sourcesKWh: { solar: 2, gas: 4 },
  issuedAtMs: Date.UTC(2026, 10, 25, 11)
});
const metered = meteredReceiptFromReceipt({ receipt, beneficiary: driver, deadlineSec: 1_800_000_000 });
const device = `0x${'ab'.repeat(32)}` as Hex;
const body = `0x${'cd'.repeat(32)}` as Hex;
const ranges: CancelledRange[] = metered.claims.map((c, i) => ({
  bundleId: BigInt(i + 1),
  source: c.source,
  startMinute: c.startMinute,
  lengthMinutes: c.lengthMinutes,
  deviceId: device,
  issuingBody: body,
  firstWhId: 10_000n * BigInt(i + 1),
  wh: c.wh
}));
const exportDoc = () =>
  certificateCancellation({
    receipt,
    metered,
    digest: meteredReceiptDigest({ metered, chainId: 1337, verifyingContract: ledger }),
    chain: { id: 1337, name: 'GreenSlot demo chain' },
    ledger,
    status: 'claimed',
    proof: 'merkle-proof',
    anchorRoot: `0x${'11'.repeat(32)}`,
    claimedBlock: 12n,
    ranges,
    createdAtMs: Date.UTC(2026, 10, 26, 8)
  });

describe('certificate-cancellation export', () => {
  it('the committed JSON schema is the one the app generates (docs/schemas stays in step with the code)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(certificateCancellationJsonSchema())));
  });

  it('an export of a claimed receipt validates against the committed schema and names each cancelled Wh range', () => {
    const doc = exportDoc();
    expect(validate(JSON.parse(JSON.stringify(doc))), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.claim.claimedWh).toBe(2_000);
    expect(doc.consumption).toMatchObject({ intervalStart: '2026-11-25T10:00:00Z', intervalEnd: '2026-11-25T11:00:00Z', beneficiary: driver, deliveredWh: 6_000 });
    expect(doc.cancellations[0]).toEqual({
      bundleId: '1',
      energySource: 'SOLAR',
      productionStart: '2026-11-25T10:00:00Z',
      productionEnd: '2026-11-25T10:15:00Z',
      productionLengthMinutes: 15,
      deviceId: device,
      issuingBody: body,
      firstWhId: '10000',
      lastWhId: '11199',
      wh: 1_200
    });
  });

  it('error: a document with a missing field, a 2-hour production interval or a stray field fails the schema', () => {
    const doc = JSON.parse(JSON.stringify(exportDoc()));
    const { beneficiary: _, ...noBeneficiary } = doc.consumption;
    expect(validate({ ...doc, consumption: noBeneficiary })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/consumption', params: { missingProperty: 'beneficiary' } });
    expect(validate({ ...doc, cancellations: [{ ...doc.cancellations[0], productionLengthMinutes: 120 }] })).toBe(false);
    expect(validate({ ...doc, extra: 1 })).toBe(false);
  });
});
