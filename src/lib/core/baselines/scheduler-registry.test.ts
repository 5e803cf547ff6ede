import { describe, expect, it } from 'vitest';
import { edfScheduler } from './edf';
import { SCHEDULER_NAMES, SCHEDULERS, schedulerByName, SchedulerNameError } from './scheduler-registry';
import { activeSession, smallSite, TEST_TIMELINE } from '../testing/small-site';

describe('schedulerByName', () => {
  it('has an entry and a scheduler for every name', () => {
    const site = smallSite();
    for (const name of SCHEDULER_NAMES) {
      expect(SCHEDULERS[name].name).toBe(name);
      expect(typeof schedulerByName(name, { site, timeline: TEST_TIMELINE, requests: [] })).toBe('function');
    }
    expect(schedulerByName('edf')).toBe(edfScheduler);
    expect(SCHEDULERS.uncontrolled.respectsLimits).toBe(false);
  });

  it('runs the optimizer with the given strategy under `optimal`', async () => {
    const result = await schedulerByName('optimal', { strategy: 'user-first' })({
      site: smallSite(),
      timeline: TEST_TIMELINE,
      firstSlot: 1,
      sessions: [activeSession({ id: 'a', requestedKWh: 5 })]
    });
    expect(result.scheduler).toBe('highs');
    expect(result.plans[0].plannedKWh).toBeCloseTo(5, 6);
  });

  it('error: rejects an unknown name and an offline optimum without requests', () => {
    expect(() => schedulerByName('greedy')).toThrow(SchedulerNameError);
    expect(() => schedulerByName('greedy')).toThrow('unknown scheduler "greedy"');
    expect(() => schedulerByName('offline')).toThrow('needs the run');
  });
});
