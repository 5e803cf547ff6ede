import type { ScheduleInput, ScheduleResult } from '$lib/core/model/scheduler';
import type { StrategyName } from '$lib/core/model/strategy-name';
import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { ChargingRequest } from '$lib/core/model/charging-request';

/**
 * The typed message protocol between the app (main thread) and solver.worker.ts. Every request
 * carries an `id`; the worker answers with the same id. Messages are plain structured-cloneable
 * data (no functions, no class instances).
 */

/** Scheduler names the worker knows (the core registry's names). */
export type SchedulerName = 'optimal' | 'edf' | 'llf' | 'rr' | 'fcfs' | 'uncontrolled' | 'offline';

/** One gate's solve: the optimizer (or a baseline) on the given input. */
export type SolveMessage = {
  type: 'solve';
  id: number;
  scheduler: SchedulerName;
  strategy?: StrategyName;
  input: ScheduleInput;
};

/** One run of the strategy comparison: a whole day under one scheduler. */
export type CompareRun = { label: string; scheduler: SchedulerName; strategy?: StrategyName };

/** Runs the same day under several schedulers and returns their KPIs. */
export type CompareMessage = {
  type: 'compare';
  id: number;
  site: Site;
  timeline: Timeline;
  requests: ChargingRequest[];
  /** Slot range (default: the engine's, the whole day of the requests). */
  startSlot?: number;
  endSlot?: number;
  runs: CompareRun[];
  /** Per-gate solver budget, ms. */
  timeLimitMs?: number;
  /** The grid connection's (root node's) kW limit for this comparison; default: the site's own. */
  rootLimitKw?: number;
};

/** Any message to the worker. */
export type WorkerRequest = SolveMessage | CompareMessage;

/** KPIs of one comparison run (the keys of the core's computeMetrics). */
export type CompareRow = {
  label: string;
  scheduler: SchedulerName;
  strategy?: StrategyName;
  energyDeliveredPct: number;
  demandsMetPct: number;
  peakKw: number;
  violationsKwSlots: number;
  greenSharePct: number;
  co2GPerKWh: number;
  cost: number;
  solveMsP50: number;
  solveMsMax: number;
  sessions: number;
  fallbacks: number;
  wallMs: number;
};

/** Messages from the worker. */
export type WorkerResponse =
  | { type: 'solved'; id: number; result: ScheduleResult; workerMs: number }
  | { type: 'progress'; id: number; done: number; total: number; label: string }
  | { type: 'compared'; id: number; rows: CompareRow[] }
  | { type: 'error'; id: number; message: string };
