import { keccak256, stringToBytes, type Hex } from 'viem';
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../core/errors';
import { SOURCES, type SourceKWh } from '../core/energy/sources';
import type { Timeline } from '../core/time/timeline';

/** Schema tag every receipt carries; bump it when the key figures change meaning. */
export const RECEIPT_SCHEMA = 'greenslot.receipt/1';

const nonNegInt = z.number().int().nonnegative();

const receiptSchema = z.looseObject({
  schema: z.literal(RECEIPT_SCHEMA),
  sessionId: z.string().min(1),
  siteId: z.string().min(1),
  stationId: z.string().min(1),
  // The ledger keys slots by their start minute since the epoch (ledgerSlot.ts): any other start could
  // not be signed or verified, so it is refused here, by name, instead of failing later mid-signing.
  timelineStartMs: z
    .number()
    .int()
    .nonnegative()
    .refine((ms) => ms % 60_000 === 0, { message: 'expected a whole minute since the Unix epoch (a multiple of 60000 ms)' }),
  slotMinutes: z.number().int().positive(),
  firstSlot: nonNegInt,
  lastSlot: nonNegInt,
  deliveredWh: nonNegInt,
  greenWh: nonNegInt,
  claims: z.array(z.object({ slot: nonNegInt, greenWh: z.number().int().positive() })),
  sourcesWh: z.partialRecord(z.enum(SOURCES), nonNegInt),
  issuedAtMs: z.number().int()
});

/**
 * A charging receipt as the app exports it. Energies are integer Wh (exactly what goes on chain);
 * `claims` are the green Wh the engine allocated to this session per slot (ascending, > 0).
 * Extra fields (cost, CO2, strategy…) are allowed and are covered by the hash too.
 */
export type Receipt = z.infer<typeof receiptSchema>;

/** Parameters of {@link canonicalJson}. */
export type CanonicalJsonParameters = { value: unknown };

/**
 * Canonical JSON: object keys sorted (UTF-16 order), no whitespace, undefined members dropped,
 * non-finite numbers refused. The same value always gives the same bytes, whatever the key order.
 * @example canonicalJson({ value: { b: 1, a: [2, 'x'] } }) // '{"a":[2,"x"],"b":1}'
 */
export function canonicalJson({ value }: CanonicalJsonParameters): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError([{ file: 'receipt', where: '$', message: `expected a finite number, got ${value}` }]);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson({ value: v === undefined ? null : v })).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson({ value: v })}`).join(',')}}`;
  }
  throw new ValidationError([{ file: 'receipt', where: '$', message: `expected JSON data, got ${typeof value}` }]);
}

/** Parameters of {@link receiptHash}. */
export type ReceiptHashParameters = { receipt: Receipt };

/** keccak256 of the receipt's canonical JSON bytes (UTF-8): the hash the ledger stores. */
export function receiptHash({ receipt }: ReceiptHashParameters): Hex {
  return keccak256(stringToBytes(canonicalJson({ value: receipt })));
}

/** Parameters of {@link parseReceipt}. */
export type ParseReceiptParameters = { json: string | unknown; file?: string };

/** Parses and checks a receipt (schema, integer Wh, claims ascending within the slot range, sums). */
export function parseReceipt({ json, file = 'receipt' }: ParseReceiptParameters): Receipt {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new ValidationError([{ file, where: '$', message: `expected JSON, got a parse error (${(cause as Error).message})` }], { cause });
    }
  }
  const parsed = receiptSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ file, where: `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`, message: i.message }))
    );
  }
  const r = parsed.data;
  const issues: ValidationIssue[] = [];
  if (r.firstSlot > r.lastSlot) issues.push({ file, where: '$.lastSlot', message: `expected lastSlot ≥ firstSlot (${r.firstSlot}), got ${r.lastSlot}` });
  r.claims.forEach((c, i) => {
    if (c.slot < r.firstSlot || c.slot > r.lastSlot) issues.push({ file, where: `$.claims[${i}].slot`, message: `expected a slot in [${r.firstSlot}, ${r.lastSlot}], got ${c.slot}` });
    if (i > 0 && c.slot <= r.claims[i - 1].slot) issues.push({ file, where: `$.claims[${i}].slot`, message: `expected slots strictly ascending, got ${c.slot} after ${r.claims[i - 1].slot}` });
  });
  const claimed = r.claims.reduce((s, c) => s + c.greenWh, 0);
  if (claimed !== r.greenWh) issues.push({ file, where: '$.greenWh', message: `expected the sum of claims (${claimed} Wh), got ${r.greenWh}` });
  if (r.greenWh > r.deliveredWh) issues.push({ file, where: '$.greenWh', message: `expected at most deliveredWh (${r.deliveredWh}), got ${r.greenWh}` });
  if (issues.length > 0) throw new ValidationError(issues);
  return r;
}

/** Parameters of {@link createReceipt}. */
export type CreateReceiptParameters = {
  sessionId: string;
  siteId: string;
  stationId: string;
  timeline: Timeline;
  firstSlot: number;
  lastSlot: number;
  deliveredKWh: number;
  /** Green kWh the engine allocated to the session, per slot. */
  greenKWhBySlot: { slot: number; energyKWh: number }[];
  /** Delivered kWh by source of origin. */
  sourcesKWh?: SourceKWh;
  issuedAtMs?: number;
  /** Extra figures shown on the receipt (cost, CO2, strategy); hashed too. */
  extra?: Record<string, unknown>;
};

const toWh = (kWh: number) => Math.round(kWh * 1000);

/** Builds a receipt from engine figures in kWh: whole Wh (delivered rounded, green claims rounded down). */
export function createReceipt({
  sessionId,
  siteId,
  stationId,
  timeline,
  firstSlot,
  lastSlot,
  deliveredKWh,
  greenKWhBySlot,
  sourcesKWh = {},
  issuedAtMs = Date.now(),
  extra = {}
}: CreateReceiptParameters): Receipt {
  // Claims round down (the ledger's supply rounds up): Σ claims per slot can never exceed the supply
  // registered for the same engine figures, whatever the number of sessions sharing the slot.
  const claims = [...greenKWhBySlot]
    .sort((a, b) => a.slot - b.slot)
    .map((c) => ({ slot: c.slot, greenWh: Math.floor(c.energyKWh * 1000 + 1e-6) }))
    .filter((c) => c.greenWh > 0);
  // Rounding delivered can still leave it below the green sum by a Wh: trim the latest claims.
  const deliveredWh = toWh(deliveredKWh);
  let excessWh = claims.reduce((s, c) => s + c.greenWh, 0) - deliveredWh;
  for (let i = claims.length - 1; i >= 0 && excessWh > 0; i--) {
    const cut = Math.min(excessWh, claims[i].greenWh);
    claims[i] = { ...claims[i], greenWh: claims[i].greenWh - cut };
    excessWh -= cut;
  }
  const kept = claims.filter((c) => c.greenWh > 0);
  const greenWh = kept.reduce((s, c) => s + c.greenWh, 0);
  const sourcesWh = Object.fromEntries(Object.entries(sourcesKWh).map(([k, v]) => [k, toWh(v ?? 0)]));
  return parseReceipt({
    json: {
      ...extra,
      schema: RECEIPT_SCHEMA,
      sessionId,
      siteId,
      stationId,
      timelineStartMs: timeline.startMs,
      slotMinutes: timeline.slotMinutes,
      firstSlot,
      lastSlot,
      deliveredWh,
      greenWh,
      claims: kept,
      sourcesWh,
      issuedAtMs
    }
  });
}
