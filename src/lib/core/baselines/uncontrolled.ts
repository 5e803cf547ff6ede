import type { Scheduler } from '../model/scheduler';
import { ALLOCATION_EPS, claimCapKw, claimFloorKw } from './allocate-by-priority';
import { simulatePolicy } from './simulate-policy';

/**
 * Uncontrolled charging: every car charges at full power (EVSE and vehicle max) from the start of
 * its window until it is full, ignoring every grid limit (only an EVSE shared by two sessions is
 * not overbooked). The engine and the metrics record the overloads this causes; that is the point
 * of the baseline.
 */
export const uncontrolledScheduler: Scheduler = async (input) =>
  simulatePolicy({
    input,
    name: 'uncontrolled',
    ignoreRows: true,
    policy: ({ capacity, sessions }) => {
      const kwById = new Map<string, number>();
      for (const s of sessions) {
        let kw = Math.min(claimCapKw(s), capacity.headroomKw(s.evseId));
        if (kw < ALLOCATION_EPS || kw < claimFloorKw(s) - ALLOCATION_EPS) kw = 0;
        if (kw > 0) capacity.add(s.evseId, kw);
        kwById.set(s.id, kw);
      }
      return kwById;
    }
  });
