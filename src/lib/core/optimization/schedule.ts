import type { Site } from '../grid/site';
import type { Timeline } from '../time/timeline';
import type { Preference } from '../model/charging-request';

/**
 * The contract every scheduler honours — the HiGHS optimizer, the baselines (FCFS, EDF, LLF,
 * round-robin, uncontrolled) and the offline optimum — so the engine, the CLI and the app can
 * swap them freely.
 */

/** A session as a scheduler sees it at a gate. Slots are absolute (see time/timeline). */
export type ActiveSession = {
  id: string;
  evseId: string;
  /** First slot the session may charge in (≥ the dispatched slot for late or future arrivals). */
  startSlot: number;
  /** Slot at which the vehicle leaves: it may charge in slots < endSlot. */
  endSlot: number;
  /** Energy the driver asked for, kWh. */
  requestedKWh: number;
  /** Energy delivered so far, kWh. */
  deliveredKWh: number;
  /** Energy still wanted, kWh (requestedKWh − deliveredKWh, ≥ 0). */
  remainingKWh: number;
  /** Power cap: min(EVSE max, vehicle max), kW. */
  maxKw: number;
  /** Minimum power while charging (0 = may pause), kW. */
  minKw: number;
  preference: Preference;
  /** When the request reached the system (FCFS order), UTC ms. */
  requestMs: number;
  /**
   * Optional battery facts for the taper (engine/battery-taper.ts). When present the optimizer adds
   * the taper as linear rows (`taper.<id>.<t>`), so the plan is one the car can actually draw.
   */
  battery?: SessionBattery;
};

/** A session's battery as the taper rows need it. */
export type SessionBattery = {
  /** State of charge when `remainingKWh` starts to flow (now, or at arrival for a later session), 0..1. */
  soc: number;
  batteryKWh: number;
  /** The vehicle's own maximum power, kW (the taper scales it; maxKw may be lower). */
  vehicleMaxKw: number;
};

/** Named strategy presets of the optimizer (weights of the objective terms). */
export type StrategyName = 'balanced' | 'grid-first' | 'green-first' | 'user-first' | 'lowest-marginal-co2';

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

/** Per-session plan from `firstSlot` to the session's `endSlot`. */
export type SessionPlan = {
  sessionId: string;
  evseId: string;
  /** Planned power, kW; index 0 is `firstSlot`. */
  kw: number[];
  /** Energy the plan delivers, kWh. */
  plannedKWh: number;
  /** Energy the plan leaves undelivered, kWh (0 when the request is met). */
  shortfallKWh: number;
  /** Slot in which the plan completes the request, or null if it does not. */
  expectedFinishSlot: number | null;
  /** Expected green share of the planned energy, 0..1. */
  expectedGreenShare: number;
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
