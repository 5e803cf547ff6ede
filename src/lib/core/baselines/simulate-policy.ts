import { buildGridRows, type GridRow } from '../grid/grid-rows';
import type { ActiveSession } from '../model/active-session';
import type { ScheduleInput, ScheduleResult } from '../model/scheduler';
import type { SessionPlan } from '../model/session-plan';
import { slotHours } from '../time/gates';
import { ALLOCATION_EPS, type PowerClaim } from './allocate-by-priority';
import { planGreenShares } from './plan-green-shares';
import { indexRows, slotCapacity, type SlotCapacity } from './slot-capacity';

/** A session as a policy sees it in one simulated slot. */
export type PolicySession = PowerClaim & {
  session: ActiveSession;
  /** Energy still wanted at the start of this simulated slot, kWh. */
  remainingKWh: number;
};

/** What a policy gets for one slot of the forward simulation. */
export type PolicyContext = {
  slot: number;
  /** slot − firstSlot. */
  slotIndex: number;
  slotHours: number;
  /** Remaining grid and EVSE capacity (empty rows when the policy ignores the grid). */
  capacity: SlotCapacity;
  /** Sessions inside their window with energy still wanted, in input order. */
  sessions: readonly PolicySession[];
};

/** A baseline's rule for one slot: power per session id, kW (missing = 0). */
export type Policy = (context: PolicyContext) => Map<string, number>;

/** Parameters of `simulatePolicy`. */
export type SimulatePolicyParameters = {
  input: ScheduleInput;
  /** Scheduler name put in the result (`edf`, `fcfs`, …). */
  name: string;
  policy: Policy;
  /** Uncontrolled charging: no grid rows at all (EVSE max still applies). */
  ignoreRows?: boolean;
};

/**
 * Runs a baseline policy forward over the whole horizon, as if every later gate made the same
 * decisions with no new arrivals. Only the first slot is dispatched; the rest becomes each
 * session's plan (expected finish, expected green share), so baselines inform drivers like the
 * optimizer does.
 */
export function simulatePolicy({ input, name, policy, ignoreRows = false }: SimulatePolicyParameters): ScheduleResult {
  const buildStart = performance.now();
  const { site, timeline, firstSlot, sessions } = input;
  const h = slotHours(timeline);
  const lastEnd = sessions.reduce((m, s) => Math.max(m, finiteOr(s.endSlot, firstSlot)), firstSlot);
  const horizonEnd = Math.max(firstSlot, Math.min(input.horizonEndSlot ?? lastEnd, lastEnd));
  const slots: number[] = [];
  for (let t = firstSlot; t < horizonEnd; t++) slots.push(t);
  if (sessions.length === 0 || slots.length === 0) {
    return emptyResult({ name, sessions, firstSlot, buildMs: performance.now() - buildStart });
  }
  const rows: GridRow[] = ignoreRows ? [] : buildGridRows({ site, slots });
  const index = indexRows({ rows, evseMaxKw: new Map(site.evses.map((e) => [e.id, e.maxKw])) });
  const buildMs = performance.now() - buildStart;

  const solveStart = performance.now();
  const remaining = sessions.map((s) => Math.max(0, finiteOr(s.remainingKWh, 0)));
  const kwPlans = sessions.map((s) => new Array<number>(Math.max(0, Math.min(finiteOr(s.endSlot, firstSlot), horizonEnd) - firstSlot)).fill(0));
  const energyPlans = kwPlans.map((p) => new Array<number>(p.length).fill(0));
  const finish: (number | null)[] = sessions.map(() => null);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const active: PolicySession[] = [];
    const activeIdx: number[] = [];
    sessions.forEach((s, j) => {
      if (slot < s.startSlot || slot >= s.endSlot || remaining[j] <= ALLOCATION_EPS) return;
      const maxKw = Math.max(0, finiteOr(s.maxKw, 0));
      const minKw = Math.max(0, finiteOr(s.minKw, 0));
      active.push({ id: s.id, evseId: s.evseId, maxKw, minKw, wantKw: remaining[j] / h, session: s, remainingKWh: remaining[j] });
      activeIdx.push(j);
    });
    if (active.length === 0) continue;
    const kwById = policy({ slot, slotIndex: i, slotHours: h, capacity: slotCapacity({ index, slotIndex: i }), sessions: active });
    activeIdx.forEach((j, a) => {
      const kw = kwById.get(active[a].id) ?? 0;
      if (!(kw > 0)) return;
      const energy = Math.min(kw * h, remaining[j]);
      remaining[j] -= energy;
      kwPlans[j][i] = kw;
      energyPlans[j][i] = energy;
      if (remaining[j] <= ALLOCATION_EPS && finish[j] === null) finish[j] = slot;
    });
  }
  const greenShares = planGreenShares({ site, firstSlot, energyPlans, slotHours: h, timeline });
  const plans: SessionPlan[] = sessions.map((s, j) => {
    const plannedKWh = energyPlans[j].reduce((a, b) => a + b, 0);
    const alreadyMet = remaining[j] <= ALLOCATION_EPS && plannedKWh === 0;
    return {
      sessionId: s.id,
      evseId: s.evseId,
      kw: kwPlans[j],
      plannedKWh,
      shortfallKWh: remaining[j] > ALLOCATION_EPS ? remaining[j] : 0,
      // A session with nothing left to deliver is done already: it "finishes" before the first slot.
      expectedFinishSlot: alreadyMet ? firstSlot - 1 : finish[j],
      expectedGreenShare: greenShares[j]
    };
  });
  const setpointsKw: Record<string, number> = {};
  sessions.forEach((s, j) => (setpointsKw[s.id] = kwPlans[j][0] ?? 0));
  return { scheduler: name, status: 'feasible', setpointsKw, plans, buildMs, solveMs: performance.now() - solveStart };
}

function emptyResult({ name, sessions, firstSlot, buildMs }: { name: string; sessions: readonly ActiveSession[]; firstSlot: number; buildMs: number }): ScheduleResult {
  const setpointsKw: Record<string, number> = {};
  const plans: SessionPlan[] = sessions.map((s) => {
    setpointsKw[s.id] = 0;
    const left = Math.max(0, finiteOr(s.remainingKWh, 0));
    return {
      sessionId: s.id,
      evseId: s.evseId,
      kw: [],
      plannedKWh: 0,
      shortfallKWh: left,
      expectedFinishSlot: left > ALLOCATION_EPS ? null : firstSlot - 1,
      expectedGreenShare: 0
    };
  });
  return { scheduler: name, status: 'empty', setpointsKw, plans, buildMs, solveMs: 0 };
}

function finiteOr(x: number, fallback: number): number {
  return Number.isFinite(x) ? x : fallback;
}
