import { edfScheduler } from '../baselines/edf';
import { buildChargingModel, modelledMinKw, type MinPowerMode } from './build-charging-model';
import type { ChargingModel } from './charging-model';
import { checkScheduleInput } from './check-schedule-input';
import { extractSchedule } from './extract-schedule';
import { defaultAggregation, type AggregationTier } from './horizon-steps';
import { solveWithHighs, type HighsInputMode, type HighsLoadParameters } from './highs-adapter';
import { rowActivities, type LpModel } from './lp-model';
import type { LpSolution, LpSolveOptions } from './lp-solution';
import { repairPower } from './repair-power';
import { roundMinPower } from './round-min-power';
import type { ActiveSession } from '../model/active-session';
import type { ScheduleInput, ScheduleResult, Scheduler } from '../model/scheduler';
import { strategyWeights, type ObjectiveWeights } from './strategies';
import { validateLpModel } from './validate-lp-model';

/** Options of `optimizeCharging` (all optional; the defaults suit a gate in Node or a worker). */
export type OptimizeChargingOptions = HighsLoadParameters & {
  /** Overrides of the strategy preset's weights. */
  weights?: Partial<ObjectiveWeights>;
  /**
   * Another solver for comparisons, e.g. `(model, o) => solveWithGlpk({ model, options: o })`
   * (kept out of this module so the browser bundle never pulls GLPK in). Default: HiGHS.
   */
  solveLp?: (model: LpModel, options: LpSolveOptions) => Promise<LpSolution>;
  /** Name put in `ScheduleResult.scheduler` (default `highs`, or `custom` with `solveLp`). */
  solverName?: string;
  /** How the model reaches HiGHS (default `arrays`). */
  highsMode?: HighsInputMode;
  /** Relative MIP gap (HiGHS `mip_rel_gap`, and the rounding shortcut's). Default 1e-3. */
  mipRelGap?: number;
  /**
   * Minimum power is enforced (binaries) in the first hours of the horizon only, h; later slots
   * are planned with continuous power. Only the first slot is dispatched and every gate plans
   * again, so the far plan only needs to be close. Default 0.25 h (the next 15 minutes); `Infinity` for the whole horizon
   * (the offline optimum, whose plan is replayed as it is).
   */
  minPowerHorizonHours?: number;
  /** Absolute MIP gap, objective units. Default 1 Wh of shortfall (`DEFAULT_MIP_ABS_GAP_KWH` × the shortfall weight). */
  mipAbsGap?: number;
  /** `milp` (default) models minimum power with binaries; `relax` solves the LP and rounds. */
  minPower?: MinPowerMode;
  /** Share of the time budget kept for the MILP after its LP relaxation. Default 0.5. */
  milpBudgetShare?: number;
  /**
   * Cap on the MILP branch-and-bound search, ms (after the relaxation and the rounding). Default
   * 700: the rounded plan is already feasible, the search only closes the last fraction of a
   * percent and a replay runs thousands of gates. Measured with far slots aggregated: the
   * generated 5- and 15-min Caltech months deliver the same energy at 700 ms as at 1.5 s; the
   * ACN week at 25 kVA and 5-min slots 0.05 of 2,179 kWh less, its slowest gate 0.85 s instead
   * of 1.6 s. Raise it for live gates with a spare minute.
   */
  milpSearchMs?: number;
  /**
   * Far slots merged into longer steps (horizon-steps.ts). Default `defaultAggregation(slot
   * minutes)`: 5-min slots plan the first hour per slot, then quarter-hours, then hours beyond
   * 6 h; 15-min slots are not aggregated. `[]` = none. Tiers that start before the
   * binaries' near term (`minPowerHorizonHours`) start at its end instead; with
   * `minPowerHorizonHours: Infinity` nothing is aggregated (that plan is replayed as it is).
   */
  aggregation?: readonly AggregationTier[];
  /** Scheduler used when the solver fails or runs out of time. Default: EDF. */
  fallback?: Scheduler;
};

/** Default time budget per gate, ms: the gate's last minute minus a 10-s margin. */
export const DEFAULT_TIME_LIMIT_MS = 50_000;

/** Default cap of the MILP search, ms (see `milpSearchMs`). */
export const DEFAULT_MILP_SEARCH_MS = 700;

/** Default absolute MIP gap, kWh of shortfall (times the shortfall weight): 1 Wh per gate. */
export const DEFAULT_MIP_ABS_GAP_KWH = 1e-3;

/** Default near term in which minimum power is enforced with binaries, h (see `minPowerHorizonHours`). */
export const DEFAULT_MIN_POWER_HORIZON_HOURS = 0.25;

/** Most MILP solves of the lazy-integrality loop (the last one has every binary). */
const LAZY_MILP_ROUNDS = 10;

/** Row violation above which a solver's answer is repaired before dispatch, kW-equivalents. */
const ROW_TOLERANCE = 1e-7;

/**
 * The gate-closure optimizer (`system_charging_optimization`): builds one LP/MILP over all
 * active sessions and the remaining horizon, solves it with HiGHS and returns the next slot's
 * setpoints and every session's plan. Never throws for ordinary outcomes:
 * - LP (no minimum powers) solved → `optimal`;
 * - MILP: the LP relaxation is rounded to 0/≥ minKw and repaired; within `mipRelGap` of the
 *   relaxation's bound → `optimal` at once; else HiGHS searches from it: proven → `optimal`,
 *   time limit with a better incumbent → `time-limit`, nothing better → the rounded plan, `feasible`;
 * - invalid input, NaN/∞ in the model, solver error, LP (or relaxation) time limit → EDF in the
 *   same gate, `fallback`. Every non-optimal status carries `fallbackReason`.
 * @example const result = await optimizeCharging({ site, timeline, firstSlot: 33, sessions, strategy: 'green-first' })
 */
export async function optimizeCharging(input: ScheduleInput, options: OptimizeChargingOptions = {}): Promise<ScheduleResult> {
  const t0 = performance.now();
  const { minPower = 'milp', minPowerHorizonHours = DEFAULT_MIN_POWER_HORIZON_HOURS, mipRelGap = 1e-3, milpBudgetShare = 0.5, milpSearchMs = DEFAULT_MILP_SEARCH_MS } = options;
  const scheduler = options.solverName ?? (options.solveLp ? 'custom' : 'highs');
  const issues = checkScheduleInput(input);
  if (issues.length > 0) return fallback({ input, options, reason: `invalid input: ${summarize(issues)}`, t0 });
  if (input.sessions.length === 0) return { scheduler, status: 'empty', setpointsKw: {}, plans: [], buildMs: performance.now() - t0, solveMs: 0 };

  const weights = strategyWeights({ strategy: input.strategy, overrides: options.weights });
  // The LP (minimum power relaxed) is built first: most gates need nothing more (see "lazy
  // integrality" below); binaries are added only for sessions whose minimum binds.
  // Far slots are aggregated only beyond the near term whose slots get binaries (those stay one slot each).
  const aggregation = Number.isFinite(minPowerHorizonHours)
    ? (options.aggregation ?? defaultAggregation(input.timeline?.slotMinutes)).map((t) => ({ ...t, afterHours: Math.max(t.afterHours, minPowerHorizonHours) }))
    : [];
  let cm: ChargingModel;
  try {
    cm = buildChargingModel({ input, weights, minPower: 'relax', aggregation });
  } catch (e) {
    return fallback({ input, options, reason: `model build failed: ${(e as Error).message ?? e}`, t0 });
  }
  const modelIssues = validateLpModel({ model: cm.model, maxIssues: 5 });
  if (modelIssues.length > 0) {
    return fallback({ input, options, reason: `model has invalid numbers (NaN/∞ never reach the solver): ${summarize(modelIssues.map((i) => `${i.where}: ${i.message}`))}`, t0 });
  }
  let buildMs = performance.now() - t0;
  if (cm.sessions.every((s) => s.pCol < 0)) {
    const { setpointsKw, plans } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw: cm.sessions.map(() => new Float64Array(0)) });
    return { scheduler, status: 'empty', setpointsKw, plans, buildMs, solveMs: 0 };
  }
  // Gap at which a MILP answer counts as solved: relative, or 1 Wh of shortfall, whichever is larger
  // (a gate with no shortfall has a tiny objective and a relative gap alone sends HiGHS searching
  // seconds for a milliwatt-hour).
  const absGap = options.mipAbsGap ?? DEFAULT_MIP_ABS_GAP_KWH * weights.shortfall;
  const withinGap = (objective: number, bound: number) => objective - bound <= Math.max(absGap, mipRelGap * Math.max(1, Math.abs(bound)));

  const budgetMs = input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const solve = (model: ChargingModel['model'], timeLimitMs: number, start?: { indices: Int32Array; values: Float64Array }): Promise<LpSolution> => {
    const solveOptions: LpSolveOptions = { timeLimitMs: Math.max(1, timeLimitMs), mipRelGap, mipAbsGap: absGap };
    return options.solveLp
      ? options.solveLp(model, solveOptions)
      : solveWithHighs({ model, options: solveOptions, mode: options.highsMode, start, loader: options.loader, locateFile: options.locateFile });
  };
  const tSolve = performance.now();
  // Models built after the first solve (lazy MILP rounds) count as build, not solve.
  let laterBuildMs = 0;
  const elapsed = () => performance.now() - t0;
  const done = (status: ScheduleResult['status'], kw: Float64Array[], extra: Partial<ScheduleResult> = {}): ScheduleResult => {
    const { setpointsKw, plans } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw });
    return { scheduler, status, setpointsKw, plans, buildMs, solveMs: performance.now() - tSolve - laterBuildMs, ...extra };
  };
  // Slots before this one get binaries; `near[j]` = how many of session j's window slots that is.
  const integerUntilSlot = Number.isFinite(minPowerHorizonHours) ? Math.min(cm.horizonEndSlot, input.firstSlot + Math.max(1, Math.ceil(minPowerHorizonHours / cm.slotHours - 1e-9))) : cm.horizonEndSlot;
  const near = cm.sessions.map((s) => Math.max(0, Math.min(s.toSlot, integerUntilSlot) - s.fromSlot));
  // Minimum power per model session as the MILP would enforce it (0 = continuous or relaxed).
  const minKw = minPower === 'milp'
    ? cm.sessions.map((s, j) =>
        s.pCol >= 0 ? modelledMinKw({ minKw: input.sessions[j].minKw, maxKw: s.maxKw, remainingKWh: s.remainingKWh, slotHours: cm.slotHours, battery: input.sessions[j].battery, binarySlots: near[j] }) : 0
      )
    : cm.sessions.map(() => 0);
  const hasMinimum = minKw.some((m) => m > 0);
  const respects = (j: number, kw: Float64Array) => respectsMinimumOf(cm.sessions[j], kw, minKw[j], cm.steps.hours.subarray(cm.sessions[j].fromSlot - cm.firstSlot), near[j]);

  // The LP (for a MILP gate: its relaxation, with half the budget).
  const relaxed = await solve(cm.model, hasMinimum ? (budgetMs - elapsed()) * (1 - milpBudgetShare) : budgetMs - elapsed());
  if (!(relaxed.x && relaxed.status === 'optimal')) {
    const reason = hasMinimum
      ? `LP relaxation of the MILP: ${relaxed.status} (${relaxed.message ?? relaxed.solverStatus})`
      : relaxed.status === 'time-limit'
        ? `solver reached its time limit (${fmtS(budgetMs)}) without an optimal LP solution`
        : `solver returned ${relaxed.status} (${relaxed.message ?? relaxed.solverStatus})`;
    return fallback({ input, options, reason, t0 });
  }
  const relaxedKw = sessionPowers(cm, relaxed.x);
  // Lazy integrality: the relaxation is a lower bound of the MILP, so when its answer already
  // charges every session at 0 or ≥ its minimum it is the MILP's optimum (no binaries needed).
  const binding = new Set(cm.sessions.filter((_, j) => !respects(j, relaxedKw[j])).map((s) => s.id));
  if (binding.size === 0) {
    const { kw, repairNote } = checkedPowers(cm, relaxed.x, minKw);
    return done('optimal', kw, { objective: relaxed.objective, ...(repairNote ? { fallbackReason: repairNote } : {}) });
  }

  // MILP (docs/optimization.md, "Minimum power"): the relaxation rounded to 0 / ≥ minKw and
  // repaired — a feasible plan in hand — then the MILP starting from it, so a time limit can only
  // improve on the rounded plan. Two roundings, each re-optimized with its on/off pattern fixed
  // (an LP, feasible since the rounded plan satisfies it); the better one is kept. Within the gap
  // of the relaxation's bound it is a proven near-optimal MILP answer and no search is needed.
  let rounded: Float64Array[] = [];
  let roundedObjective = NaN;
  /** Rounds `fromKw` both ways, re-optimizes each pattern, keeps the best plan so far. */
  const roundAndKeep = async (fromKw: Float64Array[]) => {
    for (const method of ['pack', 'threshold'] as const) {
      const kw = fromKw.map((p) => p.slice());
      roundMinPower({ chargingModel: cm, kw, minKw, method });
      const pattern = await solve(patternModel(cm, kw, minKw, near), budgetMs - elapsed());
      let objective = NaN;
      if (pattern.x && pattern.status === 'optimal') {
        const levels = sessionPowers(cm, pattern.x);
        if (levels.every((p, j) => respects(j, p))) {
          levels.forEach((p, j) => kw[j].set(p));
          objective = pattern.objective;
        }
      }
      if (rounded.length === 0 || objective < roundedObjective || (Number.isNaN(roundedObjective) && !Number.isNaN(objective))) {
        rounded = kw;
        roundedObjective = objective;
      }
      if (withinGap(roundedObjective, relaxed.objective)) return true;
    }
    return false;
  };
  await roundAndKeep(relaxedKw);
  if (withinGap(roundedObjective, relaxed.objective)) return done('optimal', rounded, { objective: roundedObjective });

  // The search, with binaries only for the sessions whose minimum binds in the relaxation; a
  // session that the answer then charges below its minimum joins them and the MILP runs again.
  // The last model's answer respects every minimum, so it is the full MILP's answer too (its
  // model is a relaxation of the full one).
  const searchCap = Math.min(budgetMs - elapsed(), milpSearchMs);
  /**
   * A proven MILP answer is at least as good as any rounding. An incumbent cut short by the time
   * limit must beat the rounded plan's objective, or — when no pattern LP could price that plan —
   * plan at least its energy (a time-limited incumbent can be "charge nothing").
   */
  const notWorseThanRounded = (answer: LpSolution, kw: Float64Array[]): boolean => {
    if (answer.status !== 'time-limit') return true;
    if (Number.isFinite(roundedObjective)) return !(answer.objective > roundedObjective);
    return plannedKWh(cm, kw) >= plannedKWh(cm, rounded) - 1e-6;
  };
  const searchStart = performance.now();
  let milp: LpSolution | null = null;
  let milpKw: Float64Array[] | null = null;
  let milpCm: ChargingModel = cm;
  for (let round = 0; round < LAZY_MILP_ROUNDS && searchCap - (performance.now() - searchStart) > 1; round++) {
    const tBuild = performance.now();
    const last = round === LAZY_MILP_ROUNDS - 1;
    milpCm = buildChargingModel({ input, weights, minPower: 'milp', integerUntilSlot, aggregation, ...(last ? {} : { integerSessionIds: binding }) });
    laterBuildMs += performance.now() - tBuild;
    buildMs += performance.now() - tBuild;
    milp = await solve(milpCm.model, searchCap - (performance.now() - searchStart), milpStart(milpCm, rounded));
    if (!milp.x) break;
    milpKw = sessionPowers(milpCm, milp.x);
    const missed = cm.sessions.filter((s, j) => !binding.has(s.id) && !respects(j, milpKw![j]));
    if (missed.length === 0) break;
    // Closer to integral than the relaxation: its rounding often lands within the gap.
    if (await roundAndKeep(milpKw)) return done('optimal', rounded, { objective: roundedObjective });
    for (const s of missed) binding.add(s.id);
    milpKw = null;
  }
  if (milp && milp.x && milpKw && (milp.status === 'optimal' || milp.status === 'feasible' || milp.status === 'time-limit') && notWorseThanRounded(milp, milpKw)) {
    const { kw, repairNote } = checkedPowers(milpCm, milp.x, minKw);
    const limited = milp.status === 'time-limit';
    const note = limited ? `MILP search reached its time limit (${fmtS(Math.min(budgetMs, milpSearchMs))}): using the best integer solution found` : repairNote;
    return done(limited ? 'time-limit' : milp.status, kw, { objective: milp.objective, ...(note ? { fallbackReason: note } : {}) });
  }
  const why = !milp
    ? `no time left for a MILP search`
    : milp.x
      ? milpKw
        ? `MILP (${milp.status}) found nothing better than the rounded relaxation`
        : `MILP answer still charged sessions below their minimum after ${LAZY_MILP_ROUNDS} rounds`
      : milp.status === 'time-limit'
        ? `MILP found no integer solution within ${fmtS(Math.min(budgetMs, milpSearchMs))}`
        : `MILP: ${milp.status} (${milp.message ?? milp.solverStatus})`;
  return done('feasible', rounded, {
    ...(Number.isFinite(roundedObjective) ? { objective: roundedObjective } : {}),
    fallbackReason: `${why}: LP relaxation rounded to 0 or ≥ minKw and repaired against the limits`
  });
}

/** Energy a plan gives all sessions together, kWh (powers per model session and window slot). */
function plannedKWh(cm: ChargingModel, kw: readonly Float64Array[]): number {
  let e = 0;
  cm.sessions.forEach((s, j) => {
    for (let i = 0; i < (kw[j]?.length ?? 0); i++) e += kw[j][i] * cm.steps.hours[s.fromSlot - cm.firstSlot + i];
  });
  return e;
}

/** `optimizeCharging` as a `Scheduler` (the default options). */
export const optimizeChargingScheduler: Scheduler = (input) => optimizeCharging(input);

function sessionPowers(cm: ChargingModel, x: Float64Array): Float64Array[] {
  return cm.sessions.map((s) => {
    if (s.pCol < 0) return new Float64Array(0);
    const p = x.slice(s.pCol, s.pCol + (s.toSlot - s.fromSlot));
    for (let i = 0; i < p.length; i++) p[i] = Math.min(s.maxKw, Math.max(0, p[i]));
    return p;
  });
}

/**
 * The relaxed model with a plan's on/off pattern fixed: off slots 0, on slots ≥ the minimum,
 * completing tails (below the minimum) kept as planned; continuous sessions stay free.
 */
function patternModel(relaxedCm: ChargingModel, kw: Float64Array[], minKw: readonly number[], near: readonly number[]): ChargingModel['model'] {
  const colLower = relaxedCm.model.colLower.slice();
  const colUpper = relaxedCm.model.colUpper.slice();
  relaxedCm.sessions.forEach((s, j) => {
    const m = minKw[j];
    if (m <= 0) return;
    for (let i = 0; i < Math.min(kw[j].length, near[j]); i++) {
      const c = s.pCol + i;
      const v = kw[j][i];
      if (v <= 0) colUpper[c] = 0;
      else if (v >= m - 1e-9) colLower[c] = Math.min(m, colUpper[c]);
      else colLower[c] = colUpper[c] = v;
    }
  });
  return { ...relaxedCm.model, colLower, colUpper };
}

/** True when a session's power is 0, ≥ its minimum, or its completing last slot, in each of its first `near` slots (`hours` from its first slot on). */
function respectsMinimumOf(s: ChargingModel['sessions'][number], kw: Float64Array, minKw: number, hours: Float64Array, near: number): boolean {
  if (minKw <= 0 || near <= 0) return true;
  let energy = 0;
  let last = -1;
  for (let i = 0; i < kw.length; i++) {
    energy += kw[i] * hours[i];
    if (kw[i] > 1e-7) last = i;
  }
  for (let i = 0; i < Math.min(near, kw.length); i++) {
    const v = kw[i];
    if (!(v <= 1e-7 || v >= minKw - 1e-7 || (i === last && energy >= s.remainingKWh - 1e-6))) return false;
  }
  return true;
}

/** A MILP start: p, on and u of every session from a (rounded, repaired) plan. */
function milpStart(cm: ChargingModel, kw: Float64Array[]): { indices: Int32Array; values: Float64Array } {
  const indices: number[] = [];
  const values: number[] = [];
  cm.sessions.forEach((s, j) => {
    if (s.pCol < 0) return;
    let energy = 0;
    for (let i = 0; i < kw[j].length; i++) {
      // A tail below minKw is fine to dispatch but not MILP-feasible: the start leaves it out.
      const binary = s.onCol >= 0 && i < s.onSlots;
      const p = binary && kw[j][i] < s.minKw ? 0 : kw[j][i];
      indices.push(s.pCol + i);
      values.push(p);
      energy += p * cm.steps.hours[s.fromSlot - cm.firstSlot + i];
      if (binary) {
        indices.push(s.onCol + i);
        values.push(p > 0 ? 1 : 0);
      }
    }
    indices.push(s.uCol);
    values.push(Math.max(0, s.remainingKWh - energy));
  });
  const order = indices.map((_, k) => k).sort((a, b) => indices[a] - indices[b]);
  return { indices: Int32Array.from(order, (k) => indices[k]), values: Float64Array.from(order, (k) => values[k]) };
}

/** Session powers from a solver's answer, repaired if some row is exceeded beyond tolerance. */
function checkedPowers(cm: ChargingModel, x: Float64Array, minKw: readonly number[]): { kw: Float64Array[]; repairNote?: string } {
  const kw = sessionPowers(cm, x);
  if (!needsRepair(cm, x)) return { kw };
  const repair = repairPower({ chargingModel: cm, kw, minKw });
  return { kw, repairNote: `solver answer exceeded rows beyond ${ROW_TOLERANCE} (${repair.violatedRows.slice(0, 3).join(', ')}): repaired` };
}

/** True when a solver's answer violates some row by more than the dispatch tolerance. */
function needsRepair(cm: ChargingModel, x: Float64Array): boolean {
  const act = rowActivities(cm.model, x);
  for (let r = 0; r < cm.model.numRows; r++) {
    const scale = 1 + Math.abs(cm.model.rowUpper[r] === Infinity ? 0 : cm.model.rowUpper[r]);
    if (act[r] > cm.model.rowUpper[r] + ROW_TOLERANCE * scale) return true;
  }
  return false;
}

function fmtS(ms: number): string {
  return `${Math.round(ms) / 1000} s`;
}

function summarize(lines: string[]): string {
  return lines.length > 3 ? `${lines.slice(0, 3).join('; ')} (and ${lines.length - 3} more)` : lines.join('; ');
}

/** Sessions whose numbers a baseline can use (the rest get nothing this gate). */
function usableSessions(sessions: readonly ActiveSession[]): ActiveSession[] {
  const seen = new Set<string>();
  return sessions.filter((s) => {
    const ok =
      typeof s.id === 'string' &&
      !seen.has(s.id) &&
      [s.startSlot, s.endSlot, s.remainingKWh, s.deliveredKWh, s.maxKw, s.minKw].every((v) => Number.isFinite(v) && (v as number) >= -1e15) &&
      s.remainingKWh >= 0 &&
      s.maxKw >= 0 &&
      s.minKw >= 0;
    if (ok) seen.add(s.id);
    return ok;
  });
}

async function fallback({
  input,
  options,
  reason,
  t0
}: {
  input: ScheduleInput;
  options: OptimizeChargingOptions;
  reason: string;
  t0: number;
}): Promise<ScheduleResult> {
  const usable = usableSessions(input.sessions);
  const skipped = input.sessions.filter((s) => !usable.includes(s));
  const tFallback = performance.now();
  let result: ScheduleResult;
  try {
    result = await (options.fallback ?? edfScheduler)({ ...input, sessions: usable });
  } catch (e) {
    // Even the baseline failed (e.g. a broken site): dispatch nothing rather than throw.
    result = { scheduler: 'none', status: 'fallback', setpointsKw: {}, plans: [], buildMs: 0, solveMs: 0 };
    reason += `; fallback failed too: ${(e as Error).message ?? e}`;
  }
  const setpointsKw: Record<string, number> = {};
  for (const [id, v] of Object.entries(result.setpointsKw)) setpointsKw[id] = Number.isFinite(v) && v > 0 ? v : 0;
  for (const s of skipped) if (typeof s.id === 'string') setpointsKw[s.id] = 0;
  return {
    scheduler: `${result.scheduler}-fallback`,
    status: 'fallback',
    setpointsKw,
    plans: result.plans,
    buildMs: tFallback - t0,
    solveMs: performance.now() - tFallback,
    fallbackReason: skipped.length > 0 ? `${reason} (sessions given 0 kW: ${skipped.map((s) => s.id).join(', ')})` : reason
  };
}
