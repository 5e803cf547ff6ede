import { ValidationError } from '../errors';
import { importIssues } from '../ocpi/importIssues';
import { setChargingProfileRequestSchema, type SetChargingProfileRequest } from './setChargingProfileRequestSchema';

/** Parameters of buildSetChargingProfileRequest. */
export type BuildSetChargingProfileRequestParams = {
  /** OCPP evseId of the EVSE on its charging station (integer ≥ 1). */
  evseId: number;
  /** OCPP transaction id (≤ 36 characters); when given the profile is bound to that transaction. */
  transactionId?: string;
  /** Start of the first planned slot, UTC ms. */
  startMs: number;
  slotMinutes: number;
  /** Planned power per slot from startMs, kW. */
  kw: readonly number[];
  /** `W` (default) or `A` per phase. */
  chargingRateUnit?: 'W' | 'A';
  /** Phases the EVSE charges on (3 = balanced three-phase). */
  numberPhases?: 1 | 2 | 3;
  /** Voltage per phase used to turn W into A, V. */
  voltageV?: number;
  /** chargingProfile.id (unique per charging station). */
  profileId: number;
  stackLevel?: number;
};

/** A built request and whether the plan had to be cut to OCPP's 1,024 periods. */
export type BuildSetChargingProfileRequestResult = { request: SetChargingProfileRequest; truncated: boolean };

/**
 * One OCPP 2.0.1 SetChargingProfileRequest (TxProfile, Absolute) from a per-slot power plan.
 * Consecutive slots with the same limit share one period; limits are rounded down to one decimal
 * (OCPP allows no more, and down never exceeds the plan); `duration` ends the profile with the plan.
 * The result is validated against setChargingProfileRequestSchema; invalid input throws ValidationError.
 * @example buildSetChargingProfileRequest({ evseId: 1, transactionId: 'tx-1', startMs, slotMinutes: 15, kw: [11, 11, 3.7], profileId: 1 })
 */
export function buildSetChargingProfileRequest({
  evseId,
  transactionId,
  startMs,
  slotMinutes,
  kw,
  chargingRateUnit = 'W',
  numberPhases = 3,
  voltageV = 230,
  profileId,
  stackLevel = 0
}: BuildSetChargingProfileRequestParams): BuildSetChargingProfileRequestResult {
  const slotSeconds = slotMinutes * 60;
  const toLimit = (powerKw: number) => {
    const watts = Math.max(0, powerKw) * 1000;
    const value = chargingRateUnit === 'W' ? watts : watts / (voltageV * numberPhases);
    return Math.floor(value * 10 + 1e-9) / 10;
  };
  const periods: { startPeriod: number; limit: number; numberPhases: number }[] = [];
  for (let i = 0; i < kw.length; i++) {
    const limit = toLimit(kw[i]);
    if (periods.length && periods[periods.length - 1].limit === limit) continue;
    periods.push({ startPeriod: i * slotSeconds, limit, numberPhases });
  }
  if (periods.length === 0) periods.push({ startPeriod: 0, limit: 0, numberPhases });
  const truncated = periods.length > 1024;
  const kept = truncated ? periods.slice(0, 1024) : periods;
  // A cut plan ends where the first dropped period would have started.
  const durationSeconds = truncated ? periods[1024].startPeriod : Math.max(1, kw.length) * slotSeconds;
  const request = {
    evseId,
    chargingProfile: {
      id: profileId,
      stackLevel,
      chargingProfilePurpose: 'TxProfile' as const,
      chargingProfileKind: 'Absolute' as const,
      chargingSchedule: [
        {
          id: profileId,
          startSchedule: new Date(startMs).toISOString(),
          duration: durationSeconds,
          chargingRateUnit,
          chargingSchedulePeriod: kept
        }
      ],
      ...(transactionId !== undefined ? { transactionId } : {})
    }
  };
  const checked = setChargingProfileRequestSchema.safeParse(request);
  if (!checked.success) throw new ValidationError(importIssues({ error: checked.error, input: request, file: 'SetChargingProfileRequest' }));
  return { request: checked.data, truncated };
}
