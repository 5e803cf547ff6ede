import type { Site } from '../grid/site';
import type { Timeline } from '../time/timeline';
import type { ActiveSession } from './active-session';
import type { SessionPlan } from './session-plan';
import type { StrategyName } from './strategy-name';

/**
 * The contract every scheduler honours — the HiGHS optimizer, the baselines (FCFS, EDF, LLF,
 * round-robin, uncontrolled) and the offline optimum — so the engine, the CLI and the app can
 * swap them freely.
 */

/** Input of one gate: every active session over the remaining horizon. */
export type ScheduleInput = {
  site: Site;
  timeline: Timeline;
  /** The slot whose setpoints get dispatched (gate slot + 1). */
  firstSlot: number;
  /** Exclusive end of the horizon; default: latest session endSlot. */
  horizonEndSlot?: number;
  sessions: readonly ActiveSession[];
  /** Optimizer preset (baselines ignore it). */
  strategy?: StrategyName;
  /** Wall-clock budget for the solver, ms (default 50 000: the gate's last minute minus margin). */
  timeLimitMs?: number;
};

/** What a scheduler returns. Ordinary outcomes are statuses, never exceptions. */
export type ScheduleResult = {
  /** Which scheduler produced the result (e.g. `highs`, `edf`, `edf-fallback`). */
  scheduler: string;
  status: 'optimal' | 'feasible' | 'time-limit' | 'fallback' | 'empty';
  /** Power for the dispatched slot per session id, kW. */
  setpointsKw: Record<string, number>;
  plans: SessionPlan[];
  buildMs: number;
  solveMs: number;
  objective?: number;
  /** Why the gate fell back (solver error, time limit, …). */
  fallbackReason?: string;
};

/** A scheduler: the optimizer, a baseline, or the offline optimum. */
export type Scheduler = (input: ScheduleInput) => Promise<ScheduleResult>;
