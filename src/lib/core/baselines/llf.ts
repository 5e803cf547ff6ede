import type { Scheduler } from '../model/scheduler';
import { allocateByPriority } from './allocate-by-priority';
import { compareDeadline } from './edf';
import { simulatePolicy, type PolicySession } from './simulate-policy';

/** Parameters of `laxityHours`. */
export type LaxityHoursParameters = { session: PolicySession; slot: number; slotHours: number };

/**
 * Laxity at the start of `slot`, h: time left in the window minus the time the remaining energy
 * needs at full power. Negative = cannot finish any more. A session with no power cap has −∞
 * (it is hopeless either way, and sorting it first costs nothing since it gets 0 kW).
 */
export function laxityHours({ session, slot, slotHours }: LaxityHoursParameters): number {
  const timeLeftH = (session.session.endSlot - slot) * slotHours;
  if (!(session.maxKw > 0)) return -Infinity;
  return timeLeftH - session.remainingKWh / session.maxKw;
}

/**
 * Least-laxity-first baseline: in every slot the sessions with the least slack time get power
 * first (laxity recomputed each slot from the energy still wanted; ties by deadline, request, id).
 */
export const llfScheduler: Scheduler = async (input) =>
  simulatePolicy({
    input,
    name: 'llf',
    policy: ({ capacity, sessions, slot, slotHours }) => {
      const laxity = new Map(sessions.map((s) => [s.id, laxityHours({ session: s, slot, slotHours })]));
      // Laxities are compared rounded to 1e-9 h so float noise never flips a tie.
      const key = (s: PolicySession) => Math.round((laxity.get(s.id) ?? 0) * 1e9);
      const order = [...sessions].sort((a, b) => key(a) - key(b) || compareDeadline(a, b));
      return allocateByPriority({ capacity, claims: order });
    }
  });
