import { createAdmissionDesk } from '../engine/admission-desk';
import { defaultSlotRange } from '../engine/default-slot-range';
import type { Site } from '../grid/site';
import { optimizeCharging } from '../optimization/optimize-charging';
import type { ActiveSession, ScheduleInput, ScheduleResult, Scheduler, SessionPlan, StrategyName } from '../optimization/schedule';
import type { ChargingRequest } from '../simulation/request';
import { slotHours } from '../time/gates';
import type { Timeline } from '../time/timeline';
import { ALLOCATION_EPS } from './allocate-by-priority';

/** Parameters of `offlineOptimum`. */
export type OfflineOptimumParameters = {
  site: Site;
  timeline: Timeline;
  requests: readonly ChargingRequest[];
  strategy?: StrategyName;
  /** Budget of the one big solve, ms (default: the optimizer's). */
  timeLimitMs?: number;
  /** First slot of the run (default: as the engine's). */
  startSlot?: number;
  /** Exclusive end of the run (default: as the engine's). */
  endSlot?: number;
  /** The optimizer (default `optimizeCharging`). */
  optimize?: Scheduler;
};

/** The perfect-foresight schedule of a whole run. */
export type OfflinePlan = {
  firstSlot: number;
  horizonEndSlot: number;
  /** Every session as admitted (same EVSE and window rule as the engine), nothing delivered yet. */
  sessions: ActiveSession[];
  /** The one solve over the whole horizon. */
  result: ScheduleResult;
  /** The solve's plan per session id (kw index 0 = firstSlot). */
  planBySession: Map<string, SessionPlan>;
  wallMs: number;
};

/**
 * The offline optimum: one optimization over the whole run with every request known from the start
 * (each session still starts no earlier than its own window allows: request gate and arrival). It
 * is an upper bound for evaluation, not something a real site could do. Admissions come from the
 * engine's own admission desk, so the sessions and EVSEs are exactly the ones a replay will see.
 */
export async function offlineOptimum({
  site,
  timeline,
  requests,
  strategy,
  timeLimitMs,
  startSlot,
  endSlot,
  optimize = (input) => optimizeCharging(input)
}: OfflineOptimumParameters): Promise<OfflinePlan> {
  const started = performance.now();
  const range = defaultSlotRange({ timeline, requests });
  const firstSlot = startSlot ?? range.startSlot;
  const horizonEndSlot = Math.max(firstSlot, endSlot ?? range.endSlot);
  const desk = createAdmissionDesk({ site, timeline });
  for (const r of requests) desk.receive(r);
  const sessions: ActiveSession[] = [];
  for (let gate = firstSlot - 1; gate < horizonEndSlot - 1; gate++) {
    for (const a of desk.admitAtGate(gate).admitted) {
      sessions.push({
        id: a.request.id,
        evseId: a.evseId,
        startSlot: a.startSlot,
        endSlot: Math.min(a.endSlot, horizonEndSlot),
        requestedKWh: a.request.energyKWh,
        deliveredKWh: 0,
        remainingKWh: a.request.energyKWh,
        maxKw: a.maxKw,
        minKw: a.minKw,
        preference: a.request.preference,
        requestMs: a.request.requestMs
      });
    }
  }
  const result = await optimize({ site, timeline, firstSlot, horizonEndSlot, sessions, strategy, timeLimitMs });
  const planBySession = new Map(result.plans.map((p) => [p.sessionId, p]));
  return { firstSlot, horizonEndSlot, sessions, result, planBySession, wallMs: performance.now() - started };
}

/** Parameters of `createOfflineScheduler`. */
export type CreateOfflineSchedulerParameters = Omit<OfflineOptimumParameters, 'startSlot' | 'endSlot'>;

/**
 * A Scheduler that replays the offline optimum gate by gate, so the engine books its energy and the
 * metrics compare like for like. The big solve runs at the first gate (from that gate's slot on);
 * its build and solve time are reported there. A gate with a session the plan does not know (e.g.
 * a request submitted live) is handed to the online optimizer, with the reason.
 */
export function createOfflineScheduler({ optimize = (input) => optimizeCharging(input), ...rest }: CreateOfflineSchedulerParameters): Scheduler {
  let planned: Promise<OfflinePlan> | null = null;
  let reported = false;
  return async (input: ScheduleInput): Promise<ScheduleResult> => {
    planned ??= offlineOptimum({
      ...rest,
      strategy: rest.strategy ?? input.strategy,
      timeLimitMs: rest.timeLimitMs ?? input.timeLimitMs,
      optimize,
      startSlot: input.firstSlot
    });
    const plan = await planned;
    const known = new Map(plan.sessions.map((s) => [s.id, s]));
    const stranger = input.sessions.find((s) => known.get(s.id)?.evseId !== s.evseId);
    if (stranger) {
      const online = await optimize(input);
      return { ...online, fallbackReason: `offline plan does not know session ${stranger.id}; gate optimized online` };
    }
    const h = slotHours(input.timeline);
    const offset = input.firstSlot - plan.firstSlot;
    const setpointsKw: Record<string, number> = {};
    const plans: SessionPlan[] = input.sessions.map((s) => {
      const offlinePlan = plan.planBySession.get(s.id);
      const kwAll = offlinePlan?.kw ?? [];
      const kw = Array.from({ length: Math.max(0, s.endSlot - input.firstSlot) }, (_, i) => kwAll[offset + i] ?? 0);
      setpointsKw[s.id] = kw[0] ?? 0;
      let left = Math.max(0, s.remainingKWh);
      let plannedKWh = 0;
      let expectedFinishSlot: number | null = left <= ALLOCATION_EPS ? input.firstSlot - 1 : null;
      kw.forEach((p, i) => {
        const e = Math.min(p * h, left);
        left -= e;
        plannedKWh += e;
        if (expectedFinishSlot === null && left <= ALLOCATION_EPS) expectedFinishSlot = input.firstSlot + i;
      });
      return {
        sessionId: s.id,
        evseId: s.evseId,
        kw,
        plannedKWh,
        shortfallKWh: left > ALLOCATION_EPS ? left : 0,
        expectedFinishSlot,
        expectedGreenShare: offlinePlan?.expectedGreenShare ?? 0
      };
    });
    const first = !reported;
    reported = true;
    return {
      scheduler: 'offline',
      status: plan.result.status === 'fallback' ? 'fallback' : plan.result.status === 'empty' ? 'feasible' : plan.result.status,
      setpointsKw,
      plans,
      buildMs: first ? plan.result.buildMs : 0,
      solveMs: first ? plan.result.solveMs : 0,
      ...(first && plan.result.objective !== undefined ? { objective: plan.result.objective } : {}),
      ...(plan.result.fallbackReason !== undefined ? { fallbackReason: `offline solve: ${plan.result.fallbackReason}` } : {})
    };
  };
}
