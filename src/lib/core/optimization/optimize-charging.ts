import { edfScheduler } from '../baselines/edf';
import { buildChargingModel, type MinPowerMode } from './build-charging-model';
import type { ChargingModel } from './charging-model';
import { checkScheduleInput } from './check-schedule-input';
import { extractSchedule } from './extract-schedule';
import { solveWithHighs, type HighsInputMode, type HighsLoadParameters } from './highs-adapter';
import { rowActivities, type LpModel } from './lp-model';
import type { LpSolution, LpSolveOptions } from './lp-solution';
import { repairPower } from './repair-power';
import { roundMinPower } from './round-min-power';
import type { ActiveSession, ScheduleInput, ScheduleResult, Scheduler } from './schedule';
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
  /** `milp` (default) models minimum power with binaries; `relax` solves the LP and rounds. */
  minPower?: MinPowerMode;
  /** Share of the time budget kept for the MILP after its LP relaxation. Default 0.5. */
  milpBudgetShare?: number;
  /**
   * Cap on the MILP branch-and-bound search, ms (after the relaxation and the rounding). Default
   * 5 000: the rounded plan is already feasible, the search only closes the last fraction of a
   * percent, and a replay runs thousands of gates. Raise it for live gates with a spare minute.
   */
  milpSearchMs?: number;
  /** Scheduler used when the solver fails or runs out of time. Default: EDF. */
  fallback?: Scheduler;
};

/** Default time budget per gate, ms: the gate's last minute minus a 10-s margin. */
export const DEFAULT_TIME_LIMIT_MS = 50_000;

/** Default cap of the MILP search, ms (see `milpSearchMs`). */
export const DEFAULT_MILP_SEARCH_MS = 5_000;

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
  const { minPower = 'milp', mipRelGap = 1e-3, milpBudgetShare = 0.5, milpSearchMs = DEFAULT_MILP_SEARCH_MS } = options;
  const scheduler = options.solverName ?? (options.solveLp ? 'custom' : 'highs');
  const issues = checkScheduleInput(input);
  if (issues.length > 0) return fallback({ input, options, reason: `invalid input: ${summarize(issues)}`, t0 });
  if (input.sessions.length === 0) return { scheduler, status: 'empty', setpointsKw: {}, plans: [], buildMs: performance.now() - t0, solveMs: 0 };

  const weights = strategyWeights({ strategy: input.strategy, overrides: options.weights });
  let cm: ChargingModel;
  try {
    cm = buildChargingModel({ input, weights, minPower });
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

  const budgetMs = input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const solve = (model: ChargingModel['model'], timeLimitMs: number, start?: { indices: Int32Array; values: Float64Array }): Promise<LpSolution> => {
    const solveOptions: LpSolveOptions = { timeLimitMs: Math.max(1, timeLimitMs), mipRelGap };
    return options.solveLp
      ? options.solveLp(model, solveOptions)
      : solveWithHighs({ model, options: solveOptions, mode: options.highsMode, start, loader: options.loader, locateFile: options.locateFile });
  };
  const tSolve = performance.now();
  // The MILP path builds a second (relaxed) model; its build time counts as build, not solve.
  let relaxedBuildMs = 0;
  const elapsed = () => performance.now() - t0;
  const done = (status: ScheduleResult['status'], kw: Float64Array[], extra: Partial<ScheduleResult> = {}): ScheduleResult => {
    const { setpointsKw, plans } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw });
    return { scheduler, status, setpointsKw, plans, buildMs, solveMs: performance.now() - tSolve - relaxedBuildMs, ...extra };
  };

  if (!cm.hasIntegers) {
    const lp = await solve(cm.model, budgetMs - elapsed());
    if (lp.x && lp.status === 'optimal') {
      const { kw, repairNote } = checkedPowers(cm, lp.x);
      return done('optimal', kw, { objective: lp.objective, ...(repairNote ? { fallbackReason: repairNote } : {}) });
    }
    const reason =
      lp.status === 'time-limit'
        ? `solver reached its time limit (${fmtS(budgetMs)}) without an optimal LP solution`
        : `solver returned ${lp.status} (${lp.message ?? lp.solverStatus})`;
    return fallback({ input, options, reason, t0 });
  }

  // MILP (docs/optimization.md, "Minimum power"): the LP relaxation first (minimum power
  // ignored), rounded to 0 / ≥ minKw and repaired — a feasible plan in hand — then the MILP
  // starting from it, so a time limit can only improve on the rounded plan.
  const tRelaxed = performance.now();
  const relaxedCm = buildChargingModel({ input, weights, minPower: 'relax' });
  relaxedBuildMs = performance.now() - tRelaxed;
  buildMs += relaxedBuildMs;
  const relaxed = await solve(relaxedCm.model, (budgetMs - elapsed()) * (1 - milpBudgetShare));
  if (!(relaxed.x && relaxed.status === 'optimal')) {
    return fallback({ input, options, reason: `LP relaxation of the MILP: ${relaxed.status} (${relaxed.message ?? relaxed.solverStatus})`, t0 });
  }
  // Two roundings, each re-optimized with its on/off pattern fixed (an LP, feasible since the
  // rounded plan satisfies it); the better one is kept. Within the gap of the relaxation's bound it
  // is a proven near-optimal MILP answer and no search is needed.
  let rounded: Float64Array[] = [];
  let roundedObjective = NaN;
  for (const method of ['pack', 'threshold'] as const) {
    const kw = sessionPowers(relaxedCm, relaxed.x);
    roundMinPower({ chargingModel: cm, kw, minKw: cm.sessions.map((s) => s.minKw), method });
    const pattern = await solve(patternModel(relaxedCm, kw, cm), budgetMs - elapsed());
    let objective = NaN;
    if (pattern.x && pattern.status === 'optimal') {
      const levels = sessionPowers(relaxedCm, pattern.x);
      if (respectsMinimum(cm, levels)) {
        levels.forEach((p, j) => kw[j].set(p));
        objective = pattern.objective;
      }
    }
    if (rounded.length === 0 || objective < roundedObjective || (Number.isNaN(roundedObjective) && !Number.isNaN(objective))) {
      rounded = kw;
      roundedObjective = objective;
    }
  }
  if (roundedObjective - relaxed.objective <= mipRelGap * Math.max(1, Math.abs(relaxed.objective))) {
    return done('optimal', rounded, { objective: roundedObjective });
  }
  const milp = await solve(cm.model, Math.min(budgetMs - elapsed(), milpSearchMs), milpStart(cm, rounded));
  if (milp.x && (milp.status === 'optimal' || milp.status === 'feasible' || milp.status === 'time-limit') && !(milp.objective > roundedObjective)) {
    const { kw, repairNote } = checkedPowers(cm, milp.x);
    const limited = milp.status === 'time-limit';
    const note = limited ? `MILP search reached its time limit (${fmtS(Math.min(budgetMs, milpSearchMs))}): using the best integer solution found` : repairNote;
    return done(limited ? 'time-limit' : milp.status, kw, { objective: milp.objective, ...(note ? { fallbackReason: note } : {}) });
  }
  const why = milp.x
    ? `MILP (${milp.status}) found nothing better than the rounded relaxation`
    : milp.status === 'time-limit'
      ? `MILP found no integer solution within ${fmtS(Math.min(budgetMs, milpSearchMs))}`
      : `MILP: ${milp.status} (${milp.message ?? milp.solverStatus})`;
  return done('feasible', rounded, {
    ...(Number.isFinite(roundedObjective) ? { objective: roundedObjective } : {}),
    fallbackReason: `${why}: LP relaxation rounded to 0 or ≥ minKw and repaired against the limits`
  });
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
function patternModel(relaxedCm: ChargingModel, kw: Float64Array[], milpCm: ChargingModel): ChargingModel['model'] {
  const colLower = relaxedCm.model.colLower.slice();
  const colUpper = relaxedCm.model.colUpper.slice();
  relaxedCm.sessions.forEach((s, j) => {
    const m = milpCm.sessions[j].minKw;
    if (m <= 0) return;
    for (let i = 0; i < kw[j].length; i++) {
      const c = s.pCol + i;
      const v = kw[j][i];
      if (v <= 0) colUpper[c] = 0;
      else if (v >= m - 1e-9) colLower[c] = Math.min(m, colUpper[c]);
      else colLower[c] = colUpper[c] = v;
    }
  });
  return { ...relaxedCm.model, colLower, colUpper };
}

/** True when every session's power is 0, ≥ its minimum, or a completing last slot. */
function respectsMinimum(cm: ChargingModel, kw: Float64Array[]): boolean {
  return cm.sessions.every((s, j) => {
    if (s.minKw <= 0) return true;
    let energy = 0;
    let last = -1;
    for (let i = 0; i < kw[j].length; i++) {
      energy += kw[j][i] * cm.slotHours;
      if (kw[j][i] > 1e-7) last = i;
    }
    return kw[j].every((v, i) => v <= 1e-7 || v >= s.minKw - 1e-7 || (i === last && energy >= s.remainingKWh - 1e-6));
  });
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
      const p = s.onCol >= 0 && kw[j][i] < s.minKw ? 0 : kw[j][i];
      indices.push(s.pCol + i);
      values.push(p);
      energy += p * cm.slotHours;
      if (s.onCol >= 0) {
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
function checkedPowers(cm: ChargingModel, x: Float64Array): { kw: Float64Array[]; repairNote?: string } {
  const kw = sessionPowers(cm, x);
  if (!needsRepair(cm, x)) return { kw };
  const repair = repairPower({ chargingModel: cm, kw, minKw: cm.sessions.map((s) => s.minKw) });
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
