import { ValidationError } from '../errors';
import { importIssues, parseJsonText } from '../ocpi/importIssues';
import { notifyEvChargingNeedsRequestSchema } from './notifyEvChargingNeedsRequestSchema';

/** What the car said about itself (ISO 15118 via OCPP), in GreenSlot's units; only the fields it sent. */
export type EvChargingNeeds = {
  /** OCPP evseId the car is plugged into. */
  evseId: number;
  /** Estimated departure, epoch ms. */
  departureMs?: number;
  /** Energy requested, kWh (`energyAmount` Wh / 1000). */
  energyKWh?: number;
  /** The car's maximum power, kW (DC `evMaxPower`, else current × voltage × phases). */
  vehicleMaxKw?: number;
  /** The car's minimum power, kW (AC `evMinCurrent` × voltage × phases). */
  vehicleMinKw?: number;
  /** State of charge now, 0..1 (DC `stateOfCharge`). */
  arrivalSoc?: number;
  /** Battery capacity, kWh (DC `evEnergyCapacity` Wh / 1000). */
  batteryKWh?: number;
  /** SoC the car calls full, 0..1 (DC `fullSoC`). */
  targetSoc?: number;
  /** The transfer mode the car asked for. */
  transfer: 'DC' | 'AC_single_phase' | 'AC_two_phase' | 'AC_three_phase';
  /** Longest schedule the car accepts (`maxScheduleTuples`): the answer must not have more periods. */
  maxScheduleTuples?: number;
};

const PHASES = { AC_single_phase: 1, AC_two_phase: 2, AC_three_phase: 3 } as const;

/**
 * Reads an OCPP 2.0.1 NotifyEVChargingNeedsRequest (the bare payload, or an OCPP-J CALL array
 * `[2, id, "NotifyEVChargingNeeds", payload]`), validated against the official schema's rules;
 * a bad message throws ValidationError with JSON paths. AC voltage ≥ 380 V on three phases (or
 * ≥ 200 V on two) is read as line-to-line, as connector power is.
 */
export function parseEvChargingNeeds({ json, file = 'NotifyEVChargingNeedsRequest' }: { json: unknown; file?: string }): EvChargingNeeds {
  let value = typeof json === 'string' ? parseJsonText({ text: json, file }) : json;
  let base: (string | number)[] = [];
  if (Array.isArray(value)) {
    if (value[0] !== 2 || value[2] !== 'NotifyEVChargingNeeds') {
      throw new ValidationError([{ file, where: '$', message: 'expected a NotifyEVChargingNeedsRequest payload or an OCPP-J CALL [2, id, "NotifyEVChargingNeeds", {…}]' }]);
    }
    value = value[3];
    base = [3];
  }
  const r = notifyEvChargingNeedsRequestSchema.safeParse(value);
  if (!r.success) throw new ValidationError(importIssues({ error: r.error, input: value, file, basePath: base }));
  const { evseId, chargingNeeds: n, maxScheduleTuples } = r.data;
  const out: EvChargingNeeds = { evseId, transfer: n.requestedEnergyTransfer };
  if (maxScheduleTuples !== undefined) out.maxScheduleTuples = maxScheduleTuples;
  if (n.departureTime) out.departureMs = Date.parse(n.departureTime);
  const ac = n.acChargingParameters;
  const dc = n.dcChargingParameters;
  if (ac && n.requestedEnergyTransfer !== 'DC') {
    const phases = PHASES[n.requestedEnergyTransfer];
    const v = ac.evMaxVoltage;
    const perAmp = phases === 3 ? (v >= 380 ? Math.sqrt(3) * v : 3 * v) : phases === 2 ? (v >= 200 ? v : 2 * v) : v;
    out.energyKWh = ac.energyAmount / 1000;
    if (ac.evMaxCurrent > 0 && v > 0) out.vehicleMaxKw = (perAmp * ac.evMaxCurrent) / 1000;
    if (ac.evMinCurrent > 0 && v > 0) out.vehicleMinKw = (perAmp * ac.evMinCurrent) / 1000;
  }
  if (dc) {
    if (dc.energyAmount !== undefined) out.energyKWh = dc.energyAmount / 1000;
    const kw = dc.evMaxPower !== undefined ? dc.evMaxPower / 1000 : (dc.evMaxCurrent * dc.evMaxVoltage) / 1000;
    if (kw > 0) out.vehicleMaxKw = kw;
    if (dc.stateOfCharge !== undefined) out.arrivalSoc = dc.stateOfCharge / 100;
    if (dc.evEnergyCapacity !== undefined && dc.evEnergyCapacity > 0) out.batteryKWh = dc.evEnergyCapacity / 1000;
    if (dc.fullSoC !== undefined) out.targetSoc = dc.fullSoC / 100;
    // Without an energyAmount, the car's own SoC figures say how much it needs.
    if (out.energyKWh === undefined && out.batteryKWh && out.arrivalSoc !== undefined) out.energyKWh = Math.max(0, (out.targetSoc ?? 1) - out.arrivalSoc) * out.batteryKWh;
  }
  return out;
}
