import { z } from 'zod';

/**
 * zod restatement (our words) of the OCPI 2.2.1 Session and CDR objects, the fields GreenSlot reads:
 * closed enums where the spec has them, loose objects (a backend may send more than we read).
 */

/** OCPI 2.2.1 SessionStatus. */
export const OCPI_SESSION_STATUSES = ['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING', 'RESERVATION'] as const;

/** OCPI 2.2.1 CdrDimensionType. */
export const OCPI_CDR_DIMENSION_TYPES = [
  'CURRENT',
  'ENERGY',
  'ENERGY_EXPORT',
  'ENERGY_IMPORT',
  'MAX_CURRENT',
  'MIN_CURRENT',
  'MAX_POWER',
  'MIN_POWER',
  'PARKING_TIME',
  'POWER',
  'RESERVATION_TIME',
  'STATE_OF_CHARGE',
  'TIME'
] as const;

// DateTime: RFC 3339 in UTC; OCPI allows a missing zone (meaning UTC), so the zone is optional.
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, 'expected an RFC 3339 date-time like 2020-03-09T10:17:09Z')
  .refine((s) => !Number.isNaN(Date.parse(/[Zz]|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`)), 'expected a real calendar date-time');

const ciString = (max: number) => z.string().min(1).max(max);
const decimal = z.number().finite();

const price = z.looseObject({ excl_vat: decimal.nonnegative(), incl_vat: decimal.nonnegative().optional() });

/** One CdrDimension: `{ type, volume }`. */
export const cdrDimensionSchema = z.looseObject({ type: z.enum(OCPI_CDR_DIMENSION_TYPES), volume: decimal });

/** One ChargingPeriod: from `start_date_time` until the next period starts (or the session ends). */
export const chargingPeriodSchema = z.looseObject({
  start_date_time: dateTime,
  dimensions: z.array(cdrDimensionSchema).min(1, 'expected at least one dimension'),
  tariff_id: ciString(36).optional()
});

/** OCPI 2.2.1 Session object (9.3.1). */
export const ocpiSessionSchema = z.looseObject({
  country_code: z.string().length(2),
  party_id: z.string().length(3),
  id: ciString(36),
  start_date_time: dateTime,
  end_date_time: dateTime.optional(),
  kwh: decimal.nonnegative(),
  auth_method: z.enum(['AUTH_REQUEST', 'COMMAND', 'WHITELIST']).optional(),
  authorization_reference: ciString(36).optional(),
  location_id: ciString(36),
  evse_uid: ciString(36),
  connector_id: ciString(36),
  currency: z.string().length(3),
  charging_periods: z.array(chargingPeriodSchema).optional(),
  total_cost: price.optional(),
  status: z.enum(OCPI_SESSION_STATUSES),
  last_updated: dateTime
});

/** OCPI 2.2.1 CDR object (10.4.1), the fields GreenSlot reads. */
export const ocpiCdrSchema = z.looseObject({
  country_code: z.string().length(2),
  party_id: z.string().length(3),
  id: ciString(39),
  start_date_time: dateTime,
  end_date_time: dateTime,
  session_id: ciString(36).optional(),
  authorization_reference: ciString(36).optional(),
  cdr_location: z.looseObject({ id: ciString(36), evse_uid: ciString(36), evse_id: ciString(48).optional(), connector_id: ciString(36) }),
  currency: z.string().length(3),
  charging_periods: z.array(chargingPeriodSchema).min(1, 'expected at least one charging period'),
  total_cost: price,
  total_energy: decimal.nonnegative(),
  total_time: decimal.nonnegative(),
  last_updated: dateTime
});

/** A parsed OCPI Session as zod returns it. */
export type OcpiSessionObject = z.infer<typeof ocpiSessionSchema>;
/** A parsed OCPI CDR as zod returns it. */
export type OcpiCdrObject = z.infer<typeof ocpiCdrSchema>;
/** A parsed ChargingPeriod. */
export type OcpiChargingPeriod = z.infer<typeof chargingPeriodSchema>;
