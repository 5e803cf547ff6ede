import { z } from 'zod';
import { SOURCES } from '../energy/sources';

/**
 * zod schema of the Site JSON (structure and number ranges only; tree and cross-field checks
 * live in `parseSite`). Objects are strict so a misspelt field is reported, not ignored.
 * Documented field by field in docs/site-json.md.
 */

// z.number() in zod 4 already rejects NaN and ±Infinity.
const nonNegative = z.number().min(0, 'expected a number ≥ 0');
const positive = z.number().positive('expected a number > 0');

/** A non-negative constant or a non-empty periodic array of non-negative numbers. */
export const nonNegativeProfileSchema = z.union([nonNegative, z.array(nonNegative).min(1, 'expected a non-empty array of numbers ≥ 0')], {
  error: 'expected a number ≥ 0 or a non-empty array of numbers ≥ 0'
});

/** A signed constant or non-empty periodic array (prices may be negative). */
export const signedProfileSchema = z.union([z.number(), z.array(z.number()).min(1, 'expected a non-empty array of numbers')], {
  error: 'expected a number or a non-empty array of numbers'
});

const id = z.string().min(1, 'expected a non-empty id');

/** One grid source mix: shares per source in [0, 1]. */
export const sourceMixSchema = z.strictObject(
  Object.fromEntries(SOURCES.map((s) => [s, z.number().min(0, 'expected a share in [0, 1]').max(1, 'expected a share in [0, 1]').optional()])) as Record<
    (typeof SOURCES)[number],
    z.ZodOptional<z.ZodNumber>
  >
);

/** ACN-style transformer limits. */
export const transformerSchema = z.strictObject({
  secondaryLimitA: positive,
  primaryLimitA: positive.optional(),
  turnsRatio: positive.optional()
});

/** One grid node. */
export const gridNodeSchema = z.strictObject({
  id,
  parentId: z.union([id, z.null()], { error: 'expected a parent node id, or null for the root' }),
  name: z.string().optional(),
  kind: z.enum(['connection', 'transformer', 'feeder', 'pod']).optional(),
  limitKw: nonNegativeProfileSchema,
  baseLoadKw: nonNegativeProfileSchema.optional(),
  phaseLimitA: positive.optional(),
  transformer: transformerSchema.optional()
});

/** One EVSE. */
export const evseSchema = z.strictObject({
  id,
  nodeId: id,
  name: z.string().optional(),
  maxKw: positive,
  minKw: nonNegative,
  phase: z.enum(['L1', 'L2', 'L3', '3P', 'AB', 'BC', 'CA']),
  connectors: z.array(z.string()).optional()
});

/** One PV plant. */
export const pvPlantSchema = z.strictObject({ id, nodeId: id, kw: nonNegativeProfileSchema });

/** A grid mix at absolute times (startMs = UTC epoch ms of the first entry). */
export const gridMixSeriesSchema = z.strictObject({
  startMs: z.number().int('expected UTC epoch milliseconds (an integer)'),
  slotMinutes: z.number().int('expected whole minutes').min(1, 'expected whole minutes ≥ 1').max(1440, 'expected at most 1440 minutes'),
  mixes: z.array(sourceMixSchema).min(1, 'expected at least one source mix')
});

/** A marginal emissions rate at absolute times, g/kWh per slot (null = no value). */
export const marginalCo2SeriesSchema = z.strictObject({
  startMs: z.number().int('expected UTC epoch milliseconds (an integer)'),
  slotMinutes: z.number().int('expected whole minutes').min(1, 'expected whole minutes ≥ 1').max(1440, 'expected at most 1440 minutes'),
  gPerKWh: z.array(z.number().finite().nonnegative('expected g/kWh ≥ 0').nullable()).min(1, 'expected at least one value'),
  label: z.string().optional()
});

/** Energy data of a site. */
export const siteEnergySchema = z.strictObject({
  gridMix: z.array(sourceMixSchema).min(1, 'expected at least one source mix'),
  gridMixSeries: gridMixSeriesSchema.optional(),
  marginalCo2Series: marginalCo2SeriesSchema.optional(),
  pricePerKWh: signedProfileSchema.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like EUR').optional()
});

/** The whole Site JSON. */
export const siteSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: z.string(),
  description: z.string().optional(),
  source: z.string().optional(),
  timezone: z.string().min(1, 'expected an IANA time zone like Europe/Amsterdam'),
  voltageV: positive.optional(),
  lineVoltageV: positive.optional(),
  nodes: z.array(gridNodeSchema).min(1, 'expected at least one node (the connection point)'),
  evses: z.array(evseSchema),
  pv: z.array(pvPlantSchema).optional(),
  energy: siteEnergySchema.optional()
});
