import { z } from 'zod';
import { chargingScheduleSchema } from './setChargingProfileRequestSchema';

/**
 * OCPP 2.0.1 NotifyEVChargingNeedsRequest and NotifyEVChargingScheduleRequest as zod schemas: the
 * constraints of the official JSON schemas (OCA, "OCPP 2.0.1 FINAL", as published in
 * mobilityhouse/ocpp `ocpp/v201/schemas/`) restated in our own words. Objects are closed
 * (additionalProperties: false); customData is open. From the spec text: evseId may not be 0;
 * AC parameters go with an AC transfer mode and DC parameters with DC.
 */

const customData = z.looseObject({ vendorId: z.string().max(255) });
const int = z.number().int();
const percent = int.min(0).max(100);
const dateTime = z.iso.datetime({ offset: true });

/** ACChargingParametersType (energyAmount Wh; currents A per phase; voltage V). */
export const acChargingParametersSchema = z
  .object({ customData: customData.optional(), energyAmount: int, evMinCurrent: int, evMaxCurrent: int, evMaxVoltage: int })
  .strict();

/** DCChargingParametersType (energies Wh, power W, SoC %). */
export const dcChargingParametersSchema = z
  .object({
    customData: customData.optional(),
    evMaxCurrent: int,
    evMaxVoltage: int,
    energyAmount: int.optional(),
    evMaxPower: int.optional(),
    stateOfCharge: percent.optional(),
    evEnergyCapacity: int.optional(),
    fullSoC: percent.optional(),
    bulkSoC: percent.optional()
  })
  .strict();

/** EnergyTransferModeEnumType. */
export const ENERGY_TRANSFER_MODES = ['DC', 'AC_single_phase', 'AC_two_phase', 'AC_three_phase'] as const;

/** ChargingNeedsType. */
export const chargingNeedsSchema = z
  .object({
    customData: customData.optional(),
    acChargingParameters: acChargingParametersSchema.optional(),
    dcChargingParameters: dcChargingParametersSchema.optional(),
    requestedEnergyTransfer: z.enum(ENERGY_TRANSFER_MODES),
    departureTime: dateTime.optional()
  })
  .strict()
  .refine((n) => n.acChargingParameters === undefined || n.requestedEnergyTransfer !== 'DC', { message: 'acChargingParameters go with an AC requestedEnergyTransfer', path: ['acChargingParameters'] })
  .refine((n) => n.dcChargingParameters === undefined || n.requestedEnergyTransfer === 'DC', { message: 'dcChargingParameters go with requestedEnergyTransfer DC', path: ['dcChargingParameters'] });

/** OCPP 2.0.1 NotifyEVChargingNeedsRequest. */
export const notifyEvChargingNeedsRequestSchema = z
  .object({
    customData: customData.optional(),
    maxScheduleTuples: int.optional(),
    chargingNeeds: chargingNeedsSchema,
    evseId: int.refine((n) => n !== 0, 'evseId may not be 0')
  })
  .strict();

/** OCPP 2.0.1 NotifyEVChargingScheduleRequest (the schedule part without salesTariff, as ours). */
export const notifyEvChargingScheduleRequestSchema = z
  .object({
    customData: customData.optional(),
    timeBase: dateTime,
    chargingSchedule: chargingScheduleSchema,
    evseId: int.min(1, 'evseId must be > 0')
  })
  .strict();

/** A validated NotifyEVChargingNeedsRequest. */
export type NotifyEvChargingNeedsRequest = z.infer<typeof notifyEvChargingNeedsRequestSchema>;
/** A validated NotifyEVChargingScheduleRequest. */
export type NotifyEvChargingScheduleRequest = z.infer<typeof notifyEvChargingScheduleRequestSchema>;
