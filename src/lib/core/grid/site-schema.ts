import { z } from 'zod';
import { SOURCES } from '../energy/sources';
import { PLAUSIBLE_TIME } from '../time/plausible-time';

/**
 * zod schema of the Site JSON (structure and number ranges only; tree and cross-field checks
 * live in `parseSite`). Objects are strict so a misspelt field is reported, not ignored.
 * Documented field by field in docs/site-json.md.
 */

/**
 * Plausible maxima: a value beyond them is a typo or a unit error (W for kW, 1e308), and would turn
 * into Infinity or a meaningless optimisation downstream. Documented in docs/site-json.md.
 */
export const SITE_LIMITS = {
  /** Node limits, base load and PV, kW (1 GW). */
  powerKw: 1_000_000,
  /** One EVSE, kW (megawatt charging tops out at 3.75 MW). */
  evseKw: 4000,
  /** Phase currents, A. */
  currentA: 1_000_000,
  /** Voltages, V. */
  voltageV: 1_000_000,
  /** Transformer turns ratio. */
  turnsRatio: 10_000,
  /** |Energy price| per kWh. */
  pricePerKWh: 1_000_000,
  /** Entries of one periodic profile (a year of 5-minute slots is 105,120). */
  profileLength: 1_000_000,
  /** Levels below the root (connection → transformer → feeder → pod is 3). */
  treeDepth: 64
} as const;

// z.number() in zod 4 already rejects NaN and ±Infinity.
const upTo = (max: number, unit: string) => z.number().max(max, `expected at most ${max} ${unit} (a plausible maximum; a unit error?)`);
const nonNegativeUpTo = (max: number, unit: string) => upTo(max, unit).min(0, 'expected a number ≥ 0');
const positiveUpTo = (max: number, unit: string) => upTo(max, unit).positive('expected a number > 0');
const profileOf = (item: z.ZodNumber, what: string) =>
  z.union([item, z.array(item).min(1, `expected a non-empty array of ${what}`).max(SITE_LIMITS.profileLength, `expected at most ${SITE_LIMITS.profileLength} entries`)], {
    error: `expected a ${what.replace(/s\b/, '')} or a non-empty array of ${what}`
  });
const power = nonNegativeUpTo(SITE_LIMITS.powerKw, 'kW');

/** A non-negative power constant or a non-empty periodic array of them, kW (≤ SITE_LIMITS.powerKw). */
export const nonNegativeProfileSchema = profileOf(power, 'numbers ≥ 0');

/** A signed constant or non-empty periodic array (prices may be negative). */
export const signedProfileSchema = profileOf(upTo(SITE_LIMITS.pricePerKWh, 'per kWh').min(-SITE_LIMITS.pricePerKWh, `expected at least -${SITE_LIMITS.pricePerKWh}`), 'numbers');

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
  secondaryLimitA: positiveUpTo(SITE_LIMITS.currentA, 'A'),
  primaryLimitA: positiveUpTo(SITE_LIMITS.currentA, 'A').optional(),
  turnsRatio: positiveUpTo(SITE_LIMITS.turnsRatio, '').optional()
});

/** One grid node. */
export const gridNodeSchema = z.strictObject({
  id,
  parentId: z.union([id, z.null()], { error: 'expected a parent node id, or null for the root' }),
  name: z.string().optional(),
  kind: z.enum(['connection', 'transformer', 'feeder', 'pod']).optional(),
  limitKw: nonNegativeProfileSchema,
  baseLoadKw: nonNegativeProfileSchema.optional(),
  phaseLimitA: positiveUpTo(SITE_LIMITS.currentA, 'A').optional(),
  transformer: transformerSchema.optional()
});

/** One EVSE. */
export const evseSchema = z.strictObject({
  id,
  nodeId: id,
  name: z.string().optional(),
  maxKw: positiveUpTo(SITE_LIMITS.evseKw, 'kW'),
  minKw: nonNegativeUpTo(SITE_LIMITS.evseKw, 'kW'),
  phase: z.enum(['L1', 'L2', 'L3', '3P', 'AB', 'BC', 'CA']),
  connectors: z.array(z.string()).optional()
});

/** One PV plant. */
export const pvPlantSchema = z.strictObject({ id, nodeId: id, kw: nonNegativeProfileSchema });

/** A grid mix at absolute times (startMs = UTC epoch ms of the first entry). */
export const gridMixSeriesSchema = z.strictObject({
  startMs: z
    .number()
    .int('expected UTC epoch milliseconds (an integer)')
    .min(PLAUSIBLE_TIME.earliestMs, `expected a time in the years ${PLAUSIBLE_TIME.years}`)
    .max(PLAUSIBLE_TIME.latestMs, `expected a time in the years ${PLAUSIBLE_TIME.years}`),
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
  voltageV: positiveUpTo(SITE_LIMITS.voltageV, 'V').optional(),
  lineVoltageV: positiveUpTo(SITE_LIMITS.voltageV, 'V').optional(),
  nodes: z.array(gridNodeSchema).min(1, 'expected at least one node (the connection point)'),
  evses: z.array(evseSchema),
  pv: z.array(pvPlantSchema).optional(),
  energy: siteEnergySchema.optional()
});
