import { createAdmissionDesk } from '../engine/admission-desk';
import { defaultSlotRange } from '../engine/default-slot-range';
import type { Site } from '../grid/site';
import { optimizeCharging } from '../optimization/optimize-charging';
import type { ActiveSession, SessionBattery } from '../model/active-session';
import type { ScheduleInput, ScheduleResult, Scheduler } from '../model/scheduler';
import type { SessionPlan } from '../model/session-plan';
import type { StrategyName } from '../model/strategy-name';
import type { ChargingRequest } from '../model/charging-request';
import { slotHours } from '../time/gates';
import type { Timeline } from '../time/timeline';
import { buildGridRows } from '../grid/grid-rows';
import { ALLOCATION_EPS, allocateByPriority } from './allocate-by-priority';
import { compareId } from './compare-id';
import { indexRows, slotCapacity } from './slot-capacity';

/**
 * The optimizer as the offline optimum runs it: without the `headroom` term, which keeps capacity
 * free for arrivals an online gate cannot see (perfect foresight sees them all), and with minimum
 * power relaxed — one LP, solved to proven optimality. It is the yardstick on energy: the engine
 * delivers min(setpoint, cap) whatever the setpoint, so every schedule an online strategy runs
 * within the limits (EVSE and vehicle caps, taper, grid rows) is feasible for this LP, and its
 * objective puts served energy first. As a MILP (minimum power with binaries) it could not take
 * the sub-minimum draws the engine books (a tapering battery below the EVSE minimum, a completing
 * last slot) and its capped search left it below the live optimizer (issue 10: 95.0 vs 95.7 %).
 */
const offlineOptimize: Scheduler = (input) => optimizeCharging(input, { weights: { headroom: 0 }, minPower: 'relax', aggregation: [] });

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
  /** The optimizer (default `optimizeCharging` without the headroom term). */
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
 * is an upper bound on served energy for evaluation (see baselines/README.md for the caveats: a
 * time-limited MILP search), not something a real site could do. Admissions come from the
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
  optimize = offlineOptimize
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
        requestMs: a.request.requestMs,
        ...batteryOf({ request: a.request, deliveredKWh: 0 })
      });
    }
  }
  const result = await optimize({ site, timeline, firstSlot, horizonEndSlot, sessions, strategy, timeLimitMs });
  const planBySession = new Map(result.plans.map((p) => [p.sessionId, p]));
  return { firstSlot, horizonEndSlot, sessions, result, planBySession, wallMs: performance.now() - started };
}

/** Parameters of `createOfflineScheduler`. */
export type CreateOfflineSchedulerParameters = Omit<OfflineOptimumParameters, 'startSlot' | 'endSlot'> & {
  /** Most re-solves when sessions fall behind the plan (a plan the cars could not draw, e.g. from a custom `optimize` without the taper). Default 12; 0 = never. */
  maxResolves?: number;
  /** Energy behind plan (Σ over sessions) that triggers a re-solve, kWh. Default max(0.25, 0.05 % of Σ requested). */
  resolveBehindKWh?: number;
};

/**
 * A Scheduler that replays the offline optimum gate by gate, so the engine books its energy and the
 * metrics compare like for like. The big solve runs at the first gate (from that gate's slot on);
 * its build and solve time are reported there. The LP models the battery taper of requests with SoC
 * fields (`battery`, taper rows), so its plan is one the cars can draw; sessions that still fell
 * behind (e.g. a custom `optimize` without the taper) are topped up from spare capacity, and when the lag grows past
 * `resolveBehindKWh` the plan is solved again from that gate (still with perfect foresight). A
 * gate with a session the plan does not know (e.g. a request submitted live) is handed to the
 * online optimizer, with the reason.
 */
export function createOfflineScheduler({
  optimize = offlineOptimize,
  maxResolves = 12,
  resolveBehindKWh,
  ...rest
}: CreateOfflineSchedulerParameters): Scheduler {
  let planned: Promise<OfflinePlan> | null = null;
  let plan: OfflinePlan | null = null;
  let resolves = 0;
  const requestById = new Map(rest.requests.map((r) => [r.id, r]));
  let report: { buildMs: number; solveMs: number; objective?: number } | null = null;
  return async (input: ScheduleInput): Promise<ScheduleResult> => {
    const strategy = rest.strategy ?? input.strategy;
    const timeLimitMs = rest.timeLimitMs ?? input.timeLimitMs;
    planned ??= offlineOptimum({ ...rest, strategy, timeLimitMs, optimize, startSlot: input.firstSlot }).then((p) => {
      report = { buildMs: p.result.buildMs, solveMs: p.result.solveMs, objective: p.result.objective };
      return p;
    });
    let current = plan ?? (await planned);
    const known = new Map(current.sessions.map((s) => [s.id, s]));
    const stranger = input.sessions.find((s) => known.get(s.id)?.evseId !== s.evseId);
    if (stranger) {
      const online = await optimize(input);
      return { ...online, fallbackReason: `offline plan does not know session ${stranger.id}; gate optimized online` };
    }
    const behindKWh = energyBehindPlan({ input, plan: current });
    const threshold = resolveBehindKWh ?? Math.max(0.25, 0.0005 * current.sessions.reduce((a, x) => a + x.requestedKWh, 0));
    if (resolves < maxResolves && behindKWh > threshold) {
      // Still perfect foresight: the sessions present now (with what they got so far and their
      // tapered power) plus every session still to come, planned again from this slot.
      resolves++;
      const present = new Set(input.sessions.map((x) => x.id));
      const future = current.sessions.filter((x) => !present.has(x.id) && x.startSlot >= input.firstSlot);
      // Present sessions get their battery back (the engine does not pass it) at today's SoC.
      const sessions = [...input.sessions.map((x) => {
        const request = requestById.get(x.id);
        return x.battery || !request ? x : { ...x, ...batteryOf({ request, deliveredKWh: x.deliveredKWh }) };
      }), ...future];
      const result = await optimize({ site: input.site, timeline: input.timeline, firstSlot: input.firstSlot, horizonEndSlot: current.horizonEndSlot, sessions, strategy, timeLimitMs });
      current = { ...current, firstSlot: input.firstSlot, result, planBySession: new Map(result.plans.map((p) => [p.sessionId, p])) };
      report = { buildMs: result.buildMs, solveMs: result.solveMs, objective: result.objective };
    }
    plan = current;
    const h = slotHours(input.timeline);
    const offset = input.firstSlot - current.firstSlot;
    const kwBySession = input.sessions.map((s) => {
      const kwAll = current.planBySession.get(s.id)?.kw ?? [];
      return Array.from({ length: Math.max(0, s.endSlot - input.firstSlot) }, (_, i) => kwAll[offset + i] ?? 0);
    });
    topUpBehindPlan({ input, kwBySession, slotHours: h });
    const setpointsKw: Record<string, number> = {};
    const plans: SessionPlan[] = input.sessions.map((s, j) => {
      const kw = kwBySession[j];
      setpointsKw[s.id] = kw[0] ?? 0;
      const { plannedKWh, leftKWh, expectedFinishSlot } = replayPlan({ kw, remainingKWh: s.remainingKWh, firstSlot: input.firstSlot, slotHours: h });
      return {
        sessionId: s.id,
        evseId: s.evseId,
        kw,
        plannedKWh,
        shortfallKWh: leftKWh > ALLOCATION_EPS ? leftKWh : 0,
        expectedFinishSlot,
        expectedGreenShare: current.planBySession.get(s.id)?.expectedGreenShare ?? 0
      };
    });
    const once = report;
    report = null;
    return {
      scheduler: 'offline',
      status: current.result.status === 'fallback' ? 'fallback' : current.result.status === 'empty' ? 'feasible' : current.result.status,
      setpointsKw,
      plans,
      buildMs: once?.buildMs ?? 0,
      solveMs: once?.solveMs ?? 0,
      ...(once?.objective !== undefined ? { objective: once.objective } : {}),
      ...(current.result.fallbackReason !== undefined ? { fallbackReason: `offline solve: ${current.result.fallbackReason}` } : {})
    };
  };
}

/**
 * The taper facts of a request with a known SoC (as the engine decides: battery size and arrival
 * SoC given), at the SoC after `deliveredKWh`; nothing for a request without them.
 */
function batteryOf({ request, deliveredKWh }: { request: ChargingRequest; deliveredKWh: number }): { battery?: SessionBattery } {
  const { batteryKWh, arrivalSoc, vehicleMaxKw } = request;
  if (!(batteryKWh !== undefined && batteryKWh > 0 && arrivalSoc !== undefined && Number.isFinite(arrivalSoc))) return {};
  const soc = Math.min(1, Math.max(0, arrivalSoc) + Math.max(0, deliveredKWh) / batteryKWh);
  return { battery: { soc, batteryKWh, vehicleMaxKw } };
}

/** Energy a power plan delivers against what is still wanted, and the slot it completes in. */
function replayPlan({ kw, remainingKWh, firstSlot, slotHours }: { kw: readonly number[]; remainingKWh: number; firstSlot: number; slotHours: number }) {
  let leftKWh = Math.max(0, remainingKWh);
  let plannedKWh = 0;
  let expectedFinishSlot: number | null = leftKWh <= ALLOCATION_EPS ? firstSlot - 1 : null;
  kw.forEach((p, i) => {
    const e = Math.min(p * slotHours, leftKWh);
    leftKWh -= e;
    plannedKWh += e;
    if (expectedFinishSlot === null && leftKWh <= ALLOCATION_EPS) expectedFinishSlot = firstSlot + i;
  });
  return { plannedKWh, leftKWh, expectedFinishSlot };
}

/**
 * A plan the engine cannot fully deliver (a custom `optimize` without the taper rows) lets a session fall
 * behind it. Such sessions get extra power in the dispatched slot from whatever the grid rows and
 * EVSEs still allow after the planned setpoints, earliest deadline first (changes kw[0] in place).
 */
function topUpBehindPlan({ input, kwBySession, slotHours }: { input: ScheduleInput; kwBySession: number[][]; slotHours: number }): void {
  const behind = input.sessions
    .map((s, j) => ({ s, j, deficitKWh: replayPlan({ kw: kwBySession[j], remainingKWh: s.remainingKWh, firstSlot: input.firstSlot, slotHours }).leftKWh }))
    .filter(({ s, deficitKWh }) => deficitKWh > 1e-6 && s.startSlot <= input.firstSlot && input.firstSlot < s.endSlot);
  if (behind.length === 0) return;
  const rows = buildGridRows({ site: input.site, slots: [input.firstSlot] });
  const capacity = slotCapacity({ index: indexRows({ rows, evseMaxKw: new Map(input.site.evses.map((e) => [e.id, e.maxKw])) }), slotIndex: 0 });
  input.sessions.forEach((s, j) => {
    const kw = Math.min(kwBySession[j][0] ?? 0, s.maxKw);
    if (kw > 0) capacity.add(s.evseId, kw);
  });
  behind.sort((a, b) => a.s.endSlot - b.s.endSlot || a.s.requestMs - b.s.requestMs || compareId(a.s.id, b.s.id));
  const claims = behind.map(({ s, j, deficitKWh }) => {
    const planned = kwBySession[j][0] ?? 0;
    return { id: s.id, evseId: s.evseId, maxKw: Math.max(0, s.maxKw - planned), minKw: planned > 0 ? 0 : s.minKw, wantKw: deficitKWh / slotHours };
  });
  const extra = allocateByPriority({ capacity, claims });
  for (const { s, j } of behind) if (kwBySession[j].length > 0) kwBySession[j][0] += extra.get(s.id) ?? 0;
}

/** Energy the sessions at this gate are behind the plan, kWh: what the rest of the plan would leave undelivered beyond the plan's own shortfall. */
function energyBehindPlan({ input, plan }: { input: ScheduleInput; plan: OfflinePlan }): number {
  const h = slotHours(input.timeline);
  const offset = input.firstSlot - plan.firstSlot;
  let behind = 0;
  for (const s of input.sessions) {
    const p = plan.planBySession.get(s.id);
    if (!p) continue;
    const { leftKWh } = replayPlan({ kw: p.kw.slice(Math.max(0, offset)), remainingKWh: s.remainingKWh, firstSlot: input.firstSlot, slotHours: h });
    behind += Math.max(0, leftKWh - p.shortfallKWh);
  }
  return behind;
}
