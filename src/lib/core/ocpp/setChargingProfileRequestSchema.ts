import { z } from 'zod';

/**
 * The OCPP 2.0.1 SetChargingProfileRequest as a zod schema: the constraints of the official JSON
 * schema (OCA, published MIT-licensed in mobilityhouse/ocpp `ocpp/v201/schemas/`) restated in our
 * own words, for the subset GreenSlot sends (no salesTariff: a request carrying one is rejected).
 * Objects are closed (additionalProperties: false there, `.strict()` here); customData is open.
 * On top of the JSON schema, rules the specification states in prose are checked too: transactionId
 * only with TxProfile, a TxProfile needs evseId > 0, the first period starts at 0 and starts
 * increase, Recurring profiles name a recurrencyKind, phaseToUse only with numberPhases 1.
 */

const customData = z.looseObject({ vendorId: z.string().max(255) });
const int = z.number().int();
// "Accepts at most one digit fraction (e.g. 8.1)".
const oneDecimal = z.number().refine((x) => Number.isFinite(x) && Math.abs(x * 10 - Math.round(x * 10)) < 1e-6, 'must have at most one decimal');
const dateTime = z.iso.datetime({ offset: true });

/** OCPP 2.0.1 ChargingSchedulePeriodType. */
export const chargingSchedulePeriodSchema = z
  .object({
    customData: customData.optional(),
    startPeriod: int.min(0),
    limit: oneDecimal.refine((x) => x >= 0, 'must be ≥ 0'),
    numberPhases: int.min(1).max(3).optional(),
    phaseToUse: int.min(1).max(3).optional()
  })
  .strict()
  .refine((p) => p.phaseToUse === undefined || p.numberPhases === 1, { message: 'phaseToUse is only allowed with numberPhases 1', path: ['phaseToUse'] });

/** OCPP 2.0.1 ChargingScheduleType (without salesTariff). */
export const chargingScheduleSchema = z
  .object({
    customData: customData.optional(),
    id: int,
    startSchedule: dateTime.optional(),
    duration: int.min(0).optional(),
    chargingRateUnit: z.enum(['W', 'A']),
    chargingSchedulePeriod: z.array(chargingSchedulePeriodSchema).min(1).max(1024),
    minChargingRate: oneDecimal.optional()
  })
  .strict()
  .superRefine((s, ctx) => {
    const periods = s.chargingSchedulePeriod;
    if (periods.length === 0) return; // min(1) already reported it
    if (periods[0].startPeriod !== 0) ctx.addIssue({ code: 'custom', message: 'the first period must start at 0', path: ['chargingSchedulePeriod', 0, 'startPeriod'] });
    for (let i = 1; i < periods.length; i++) {
      if (periods[i].startPeriod <= periods[i - 1].startPeriod) {
        ctx.addIssue({ code: 'custom', message: 'startPeriod must increase', path: ['chargingSchedulePeriod', i, 'startPeriod'] });
      }
    }
  });

/** OCPP 2.0.1 ChargingProfileType. */
export const chargingProfileSchema = z
  .object({
    customData: customData.optional(),
    id: int,
    stackLevel: int.min(0),
    chargingProfilePurpose: z.enum(['ChargingStationExternalConstraints', 'ChargingStationMaxProfile', 'TxDefaultProfile', 'TxProfile']),
    chargingProfileKind: z.enum(['Absolute', 'Recurring', 'Relative']),
    recurrencyKind: z.enum(['Daily', 'Weekly']).optional(),
    validFrom: dateTime.optional(),
    validTo: dateTime.optional(),
    chargingSchedule: z.array(chargingScheduleSchema).min(1).max(3),
    transactionId: z.string().max(36).optional()
  })
  .strict()
  .refine((p) => p.transactionId === undefined || p.chargingProfilePurpose === 'TxProfile', {
    message: 'transactionId is only allowed with chargingProfilePurpose TxProfile',
    path: ['transactionId']
  })
  .refine((p) => p.chargingProfileKind !== 'Recurring' || p.recurrencyKind !== undefined, {
    message: 'a Recurring profile needs recurrencyKind',
    path: ['recurrencyKind']
  });

/** OCPP 2.0.1 SetChargingProfileRequest. */
export const setChargingProfileRequestSchema = z
  .object({
    customData: customData.optional(),
    evseId: int.min(0),
    chargingProfile: chargingProfileSchema
  })
  .strict()
  .refine((r) => r.chargingProfile.chargingProfilePurpose !== 'TxProfile' || r.evseId > 0, {
    message: 'a TxProfile must address one EVSE (evseId > 0)',
    path: ['evseId']
  });

/** A SetChargingProfileRequest as GreenSlot builds it. */
export type SetChargingProfileRequest = z.infer<typeof setChargingProfileRequestSchema>;
