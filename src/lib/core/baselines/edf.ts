import type { Scheduler } from '../model/scheduler';
import { allocateByPriority } from './allocate-by-priority';
import { compareId } from './compare-id';
import { simulatePolicy, type PolicySession } from './simulate-policy';

/** Earliest deadline first: earlier endSlot, then earlier request, then id (deterministic). */
export function compareDeadline(a: PolicySession, b: PolicySession): number {
  return a.session.endSlot - b.session.endSlot || a.session.requestMs - b.session.requestMs || compareId(a.id, b.id);
}

/**
 * Earliest-deadline-first baseline: in every slot the sessions leaving first get power first, each
 * as much as its caps and the grid rows allow. Also the optimizer's fallback.
 * @example const result = await edfScheduler({ site, timeline, firstSlot: 33, sessions })
 */
export const edfScheduler: Scheduler = async (input) =>
  simulatePolicy({
    input,
    name: 'edf',
    policy: ({ capacity, sessions }) => allocateByPriority({ capacity, claims: [...sessions].sort(compareDeadline) })
  });
