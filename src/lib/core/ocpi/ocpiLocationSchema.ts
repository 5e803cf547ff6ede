import { z } from 'zod';

/**
 * Zod schemas for the parts of an OCPI 2.2.1 Location GreenSlot reads (Locations module, §8.3).
 * Unknown members are ignored (OCPI lets parties add fields); `null` members are dropped before
 * validation (see importIssues.dropNulls) because 2.1-era backends send null for "absent".
 * OCPI 2.1.1 connectors call the electrical fields `voltage`/`amperage`: they are accepted too.
 */

/** OCPI DateTime: ISO 8601 in UTC; a missing zone designator is read as UTC (as the spec says). */
export const ocpiDateTime = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/i, 'expected an ISO 8601 date-time like 2023-07-01T12:00:00Z');

/** Epoch ms of an OCPI DateTime (already validated by `ocpiDateTime`). */
export function ocpiDateMs(text: string): number {
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`);
}

/** EVSE status values of OCPI 2.2.1 (§8.4.22); REMOVED marks a deleted EVSE. */
export const OCPI_EVSE_STATUSES = [
  'AVAILABLE',
  'BLOCKED',
  'CHARGING',
  'INOPERATIVE',
  'OUTOFORDER',
  'PLANNED',
  'REMOVED',
  'RESERVED',
  'UNKNOWN'
] as const;

/** One OCPI EVSE status. */
export type OcpiEvseStatus = (typeof OCPI_EVSE_STATUSES)[number];

/** OCPI PowerType (§8.4.23). */
export const OCPI_POWER_TYPES = ['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC'] as const;

/** One OCPI power type. */
export type OcpiPowerType = (typeof OCPI_POWER_TYPES)[number];

/** OCPI EnergySourceCategory (§8.4.8). */
export const OCPI_ENERGY_SOURCES = ['NUCLEAR', 'GENERAL_FOSSIL', 'COAL', 'GAS', 'GENERAL_GREEN', 'SOLAR', 'WIND', 'WATER'] as const;

const positive = (what: string) => z.number({ error: `expected ${what} as a number` }).positive(`${what} must be > 0`);

// 2.1.1 names → 2.2.1 names, so both generations of backends validate with one schema.
const connectorAliases = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const c = { ...(value as Record<string, unknown>) };
  if (c.max_voltage === undefined && c.voltage !== undefined) c.max_voltage = c.voltage;
  if (c.max_amperage === undefined && c.amperage !== undefined) c.max_amperage = c.amperage;
  return c;
};

/** OCPI Connector: the electrical facts GreenSlot uses to size an EVSE. */
export const ocpiConnectorSchema = z.preprocess(
  connectorAliases,
  z.object({
    id: z.string().min(1),
    standard: z.string().min(1),
    format: z.string().optional(),
    power_type: z.enum(OCPI_POWER_TYPES),
    max_voltage: positive('max_voltage (V)'),
    max_amperage: positive('max_amperage (A)'),
    max_electric_power: positive('max_electric_power (W)').optional(),
    tariff_ids: z.array(z.string()).optional(),
    last_updated: ocpiDateTime.optional()
  })
);

/** A validated OCPI Connector. */
export type OcpiConnector = z.infer<typeof ocpiConnectorSchema>;

/** OCPI EVSE with its connectors and status. */
export const ocpiEvseSchema = z.object({
  uid: z.string().min(1),
  evse_id: z.string().optional(),
  status: z.enum(OCPI_EVSE_STATUSES),
  capabilities: z.array(z.string()).optional(),
  connectors: z.array(ocpiConnectorSchema).min(1, 'an EVSE needs at least one connector'),
  physical_reference: z.string().optional(),
  floor_level: z.string().optional(),
  last_updated: ocpiDateTime
});

/** A validated OCPI EVSE. */
export type OcpiEvse = z.infer<typeof ocpiEvseSchema>;

/** OCPI EnergyMix (§8.4.7): green flag, source percentages, environmental impact. */
export const ocpiEnergyMixSchema = z.object({
  is_green_energy: z.boolean(),
  energy_sources: z
    .array(z.object({ source: z.enum(OCPI_ENERGY_SOURCES), percentage: z.number().min(0).max(100) }))
    .optional(),
  environ_impact: z
    .array(
      // OCPI 2.1.1 named the category field `source`.
      z.preprocess(
        (v) => (v !== null && typeof v === 'object' && !('category' in v) && 'source' in v ? { ...v, category: (v as { source: unknown }).source } : v),
        z.object({ category: z.enum(['NUCLEAR_WASTE', 'CARBON_DIOXIDE']), amount: z.number().min(0) })
      )
    )
    .optional(),
  supplier_name: z.string().optional(),
  energy_product_name: z.string().optional()
});

/** A validated OCPI EnergyMix. */
export type OcpiEnergyMix = z.infer<typeof ocpiEnergyMixSchema>;

/** OCPI Location: identity, place, time zone, EVSEs and energy mix. */
export const ocpiLocationSchema = z.object({
  country_code: z.string().optional(),
  party_id: z.string().optional(),
  id: z.string().min(1),
  publish: z.boolean().optional(),
  name: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  postal_code: z.string().optional(),
  country: z.string().optional(),
  coordinates: z.object({ latitude: z.string(), longitude: z.string() }).optional(),
  parking_type: z.string().optional(),
  evses: z.array(z.unknown()).optional(),
  operator: z.object({ name: z.string() }).optional(),
  time_zone: z.string().optional(),
  energy_mix: z.unknown().optional(),
  last_updated: ocpiDateTime
});

/** A validated OCPI Location (EVSEs and energy mix are validated one by one afterwards). */
export type OcpiLocation = z.infer<typeof ocpiLocationSchema>;
