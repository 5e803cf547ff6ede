import type { StrategyName } from '../../src/lib/core/model/strategy-name';

/** Scheduler names of issue 2's replay command (`optimal` = the HiGHS optimizer). */
export const SCHEDULER_NAMES = ['optimal', 'edf', 'llf', 'rr', 'fcfs', 'uncontrolled', 'offline'] as const;
/** A scheduler name. */
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];
/** Optimizer presets, also accepted directly as a strategy (`--strategy balanced` = optimal + balanced). */
export const OPTIMIZER_PRESETS: readonly StrategyName[] = ['balanced', 'grid-first', 'green-first', 'user-first'];
/** Everything `--strategy` accepts. */
export const CLI_STRATEGIES = [...SCHEDULER_NAMES, 'balanced', 'grid-first', 'green-first', 'user-first'] as const;
/** A `--strategy` value. */
export type CliStrategy = (typeof CLI_STRATEGIES)[number];

/** Split a `--strategy` value into the scheduler and the optimizer preset it means. */
export function resolveStrategy({ strategy, preset = 'balanced' }: { strategy: CliStrategy; preset?: StrategyName }): { scheduler: SchedulerName; preset: StrategyName } {
  if ((OPTIMIZER_PRESETS as readonly string[]).includes(strategy)) return { scheduler: 'optimal', preset: strategy as StrategyName };
  return { scheduler: strategy as SchedulerName, preset };
}
