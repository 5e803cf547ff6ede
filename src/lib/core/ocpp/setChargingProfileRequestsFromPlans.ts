import type { ValidationIssue } from '../errors';
import type { Site } from '../grid/site';
import type { SessionPlan } from '../model/session-plan';
import type { Timeline } from '../time/timeline';
import { buildSetChargingProfileRequest } from './buildSetChargingProfileRequest';
import type { SetChargingProfileRequest } from './setChargingProfileRequestSchema';

/** One request to send, with the session and GreenSlot EVSE it is for. */
export type PlannedChargingProfile = {
  sessionId: string;
  /** GreenSlot Evse.id. */
  evseId: string;
  request: SetChargingProfileRequest;
  truncated: boolean;
};

/**
 * OCPP charging profiles for a gate's plans: one TxProfile per session (= per transaction on its
 * EVSE), starting at `firstSlot`. Amperes use the EVSE's wiring from the site: 3P → 3 phases at
 * `voltageV`; L1/L2/L3 → 1 phase at `voltageV`; AB/BC/CA → 1 phase at `lineVoltageV`.
 * Plans whose EVSE has no OCPP number are skipped and reported.
 */
export function setChargingProfileRequestsFromPlans({
  plans,
  site,
  timeline,
  firstSlot,
  evseNumbers,
  transactionIds = {},
  chargingRateUnit = 'W',
  firstProfileId = 1,
  stackLevel = 0
}: {
  plans: readonly SessionPlan[];
  site: Site;
  timeline: Timeline;
  firstSlot: number;
  /** OCPP evseId (≥ 1) per GreenSlot Evse.id. */
  evseNumbers: Readonly<Record<string, number>>;
  /** OCPP transaction id per session id. */
  transactionIds?: Readonly<Record<string, string>>;
  chargingRateUnit?: 'W' | 'A';
  firstProfileId?: number;
  stackLevel?: number;
}): { profiles: PlannedChargingProfile[]; issues: ValidationIssue[] } {
  const evses = new Map(site.evses.map((e) => [e.id, e]));
  const profiles: PlannedChargingProfile[] = [];
  const issues: ValidationIssue[] = [];
  plans.forEach((plan, i) => {
    const evseNumber = evseNumbers[plan.evseId];
    const evse = evses.get(plan.evseId);
    if (evseNumber === undefined || !evse) {
      issues.push({ file: 'plans', where: `$[${i}]`, message: `EVSE "${plan.evseId}" has no OCPP evseId (or is not on the site); no profile sent` });
      return;
    }
    const lineToLine = evse.phase === 'AB' || evse.phase === 'BC' || evse.phase === 'CA';
    const { request, truncated } = buildSetChargingProfileRequest({
      evseId: evseNumber,
      transactionId: transactionIds[plan.sessionId],
      startMs: timeline.startMs + firstSlot * timeline.slotMinutes * 60_000,
      slotMinutes: timeline.slotMinutes,
      kw: plan.kw,
      chargingRateUnit,
      numberPhases: evse.phase === '3P' ? 3 : 1,
      voltageV: lineToLine ? (site.lineVoltageV ?? 208) : (site.voltageV ?? 230),
      profileId: firstProfileId + profiles.length,
      stackLevel
    });
    profiles.push({ sessionId: plan.sessionId, evseId: plan.evseId, request, truncated });
  });
  return { profiles, issues };
}
