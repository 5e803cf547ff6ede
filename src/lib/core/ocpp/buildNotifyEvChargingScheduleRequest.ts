import { ValidationError } from '../errors';
import { importIssues } from '../ocpi/importIssues';
import { buildSetChargingProfileRequest, type BuildSetChargingProfileRequestParams } from './buildSetChargingProfileRequest';
import { notifyEvChargingScheduleRequestSchema, type NotifyEvChargingScheduleRequest } from './notifyEvChargingNeedsRequestSchema';

/** Parameters of {@link buildNotifyEvChargingScheduleRequest}: the plan as for SetChargingProfile, plus the car's limit. */
export type BuildNotifyEvChargingScheduleRequestParams = Omit<BuildSetChargingProfileRequestParams, 'transactionId' | 'stackLevel'> & {
  /** The car's `maxScheduleTuples`: a longer schedule is an error (the car could not take it). */
  maxScheduleTuples?: number;
};

/**
 * The plan's answer to the car's charging needs as an OCPP 2.0.1 NotifyEVChargingScheduleRequest:
 * the same schedule as the SetChargingProfileRequest for that EVSE (one period per change of limit,
 * limits rounded down to one decimal), `timeBase` = the schedule's start. Validated against the schema.
 */
export function buildNotifyEvChargingScheduleRequest({ maxScheduleTuples, ...plan }: BuildNotifyEvChargingScheduleRequestParams): { request: NotifyEvChargingScheduleRequest; truncated: boolean } {
  const { request: profile, truncated } = buildSetChargingProfileRequest(plan);
  const schedule = profile.chargingProfile.chargingSchedule[0];
  if (maxScheduleTuples !== undefined && schedule.chargingSchedulePeriod.length > maxScheduleTuples) {
    throw new ValidationError([
      { file: 'NotifyEVChargingScheduleRequest', where: '$.chargingSchedule.chargingSchedulePeriod', message: `expected at most ${maxScheduleTuples} periods (the car's maxScheduleTuples), got ${schedule.chargingSchedulePeriod.length}` }
    ]);
  }
  const request = { timeBase: schedule.startSchedule ?? new Date(plan.startMs).toISOString(), evseId: plan.evseId, chargingSchedule: schedule };
  const r = notifyEvChargingScheduleRequestSchema.safeParse(request);
  if (!r.success) throw new ValidationError(importIssues({ error: r.error, input: request, file: 'NotifyEVChargingScheduleRequest' }));
  return { request: r.data, truncated };
}
