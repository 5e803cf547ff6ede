import type { Scheduler } from '../model/scheduler';
import { allocateByPriority } from './allocate-by-priority';
import { compareId } from './compare-id';
import { simulatePolicy, type PolicySession } from './simulate-policy';

/** First come, first served: earlier request first, then id. */
export function compareRequestTime(a: PolicySession, b: PolicySession): number {
  return a.session.requestMs - b.session.requestMs || compareId(a.id, b.id);
}

/**
 * First-come-first-served baseline: in every slot the earliest requests get power first, each as
 * much as its caps and the grid rows allow.
 */
export const fcfsScheduler: Scheduler = async (input) =>
  simulatePolicy({
    input,
    name: 'fcfs',
    policy: ({ capacity, sessions }) => allocateByPriority({ capacity, claims: [...sessions].sort(compareRequestTime) })
  });
