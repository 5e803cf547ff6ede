import { BaseError } from '../errors';
import type { Site } from '../grid/site';
import { optimizeCharging } from '../optimization/optimize-charging';
import type { Scheduler } from '../model/scheduler';
import type { StrategyName } from '../model/strategy-name';
import type { ChargingRequest } from '../model/charging-request';
import type { Timeline } from '../time/timeline';
import { edfScheduler } from './edf';
import { fcfsScheduler } from './fcfs';
import { llfScheduler } from './llf';
import { createOfflineScheduler } from './offline-optimum';
import { roundRobinScheduler } from './round-robin';
import { uncontrolledScheduler } from './uncontrolled';

/** Names the CLI and the app use for schedulers. */
export const SCHEDULER_NAMES = ['optimal', 'edf', 'llf', 'rr', 'fcfs', 'uncontrolled', 'offline'] as const;

/** A scheduler name. */
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];

/** One registry entry: what the scheduler is, for menus and reports. */
export type SchedulerEntry = {
  name: SchedulerName;
  label: string;
  description: string;
  /** True when it respects the grid rows (everything but uncontrolled). */
  respectsLimits: boolean;
  /** True when it needs the whole run's requests up front (the offline optimum). */
  needsRequests: boolean;
};

/** Every scheduler the engine can run, by name. */
export const SCHEDULERS: Readonly<Record<SchedulerName, SchedulerEntry>> = {
  optimal: { name: 'optimal', label: 'Optimizer (HiGHS)', description: 'LP/MILP over all sessions at every gate, with a strategy preset', respectsLimits: true, needsRequests: false },
  edf: { name: 'edf', label: 'Earliest deadline first', description: 'Sessions leaving first get power first', respectsLimits: true, needsRequests: false },
  llf: { name: 'llf', label: 'Least laxity first', description: 'Sessions with the least slack time get power first', respectsLimits: true, needsRequests: false },
  rr: { name: 'rr', label: 'Round-robin', description: 'Equal shares of the free capacity, rotating', respectsLimits: true, needsRequests: false },
  fcfs: { name: 'fcfs', label: 'First come, first served', description: 'Earliest requests get power first', respectsLimits: true, needsRequests: false },
  uncontrolled: { name: 'uncontrolled', label: 'Uncontrolled', description: 'Full power on arrival, ignoring grid limits', respectsLimits: false, needsRequests: false },
  offline: { name: 'offline', label: 'Offline optimum', description: 'One optimization of the whole run with perfect foresight (evaluation bound)', respectsLimits: true, needsRequests: true }
};

/** Thrown for an unknown scheduler name or an offline optimum without its requests. */
export class SchedulerNameError extends BaseError {
  override name = 'SchedulerNameError';
}

/** Options of `schedulerByName`. */
export type SchedulerByNameOptions = {
  /** Optimizer preset for `optimal` and `offline` (the engine's per-gate strategy overrides it when set). */
  strategy?: StrategyName;
  /** The run's site, timeline and requests: required by `offline`, ignored by the others. */
  site?: Site;
  timeline?: Timeline;
  requests?: readonly ChargingRequest[];
  /** Budget of the offline solve, ms. */
  timeLimitMs?: number;
};

/**
 * The Scheduler for a name. `optimal` wraps optimizeCharging with the strategy; `offline` builds a
 * fresh perfect-foresight replay for the given run (make one per run).
 * @example createEngine({ site, timeline, requests, scheduler: schedulerByName('edf') })
 */
export function schedulerByName(name: string, { strategy, site, timeline, requests, timeLimitMs }: SchedulerByNameOptions = {}): Scheduler {
  switch (name) {
    case 'optimal':
      return (input) => optimizeCharging({ ...input, strategy: input.strategy ?? strategy });
    case 'edf':
      return edfScheduler;
    case 'llf':
      return llfScheduler;
    case 'rr':
      return roundRobinScheduler;
    case 'fcfs':
      return fcfsScheduler;
    case 'uncontrolled':
      return uncontrolledScheduler;
    case 'offline':
      if (!site || !timeline || !requests) throw new SchedulerNameError('the offline optimum needs the run\'s site, timeline and requests');
      return createOfflineScheduler({ site, timeline, requests, strategy, timeLimitMs });
    default:
      throw new SchedulerNameError(`unknown scheduler "${name}"`, { details: `expected one of ${SCHEDULER_NAMES.join(', ')}` });
  }
}
