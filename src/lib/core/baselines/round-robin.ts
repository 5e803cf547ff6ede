import type { Scheduler } from '../model/scheduler';
import { allocateEqualShares } from './allocate-equal-shares';
import { compareRequestTime } from './fcfs';
import { simulatePolicy } from './simulate-policy';

/**
 * Round-robin baseline: the grid's room is shared equally among the sessions charging in a slot
 * (water-filling, see allocateEqualShares). When not every session can get its minimum power, the
 * turn rotates by one session per slot so nobody is skipped twice in a row for the same reason.
 */
export const roundRobinScheduler: Scheduler = async (input) =>
  simulatePolicy({
    input,
    name: 'rr',
    policy: ({ capacity, sessions, slot }) => {
      const order = [...sessions].sort(compareRequestTime);
      const shift = order.length > 0 ? ((slot % order.length) + order.length) % order.length : 0;
      return allocateEqualShares({ capacity, claims: [...order.slice(shift), ...order.slice(0, shift)] });
    }
  });
