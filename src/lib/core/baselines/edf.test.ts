import { describe, expect, it } from 'vitest';
import { edfScheduler } from './edf';
import { activeSession, smallSite, TEST_TIMELINE } from '../testing/small-site';

describe('edfScheduler', () => {
  it('serves the session that leaves first before the others under a tight root', async () => {
    const site = smallSite({ rootLimitKw: 11, evses: 2 });
    const result = await edfScheduler({
      site,
      timeline: TEST_TIMELINE,
      firstSlot: 1,
      sessions: [
        activeSession({ id: 'late', evseId: 'e0', endSlot: 20, requestedKWh: 10 }),
        activeSession({ id: 'early', evseId: 'e1', endSlot: 6, requestedKWh: 5 })
      ]
    });
    expect(result.scheduler).toBe('edf');
    expect(result.status).toBe('feasible');
    expect(result.setpointsKw.early).toBe(11);
    expect(result.setpointsKw.late).toBe(0);
    const early = result.plans.find((p) => p.sessionId === 'early')!;
    expect(early.plannedKWh).toBeCloseTo(5, 9);
    expect(early.shortfallKWh).toBe(0);
    expect(early.expectedFinishSlot).toBe(2); // 2.75 kWh in slot 1, the remaining 2.25 in slot 2
    const late = result.plans.find((p) => p.sessionId === 'late')!;
    expect(late.kw.slice(0, 3)).toEqual([0, 2, 11]);
    expect(late.plannedKWh).toBeCloseTo(10, 9);
  });

  it('meets every deadline when the grid is not congested', async () => {
    const site = smallSite({ rootLimitKw: 500, feederLimitKw: 500, evses: 4 });
    const sessions = [0, 1, 2, 3].map((i) => activeSession({ id: `s${i}`, evseId: `e${i}`, startSlot: 1 + i, endSlot: 6 + 2 * i, requestedKWh: 12 }));
    const result = await edfScheduler({ site, timeline: TEST_TIMELINE, firstSlot: 1, sessions });
    for (const plan of result.plans) {
      expect(plan.shortfallKWh).toBe(0);
      expect(plan.plannedKWh).toBeCloseTo(12, 9);
    }
  });

  it('reports a shortfall (not an error) when the window is too short', async () => {
    const result = await edfScheduler({
      site: smallSite(),
      timeline: TEST_TIMELINE,
      firstSlot: 1,
      sessions: [activeSession({ id: 'a', endSlot: 3, requestedKWh: 30 })]
    });
    expect(result.plans[0].shortfallKWh).toBeCloseTo(30 - 2 * 11 * 0.25, 9);
    expect(result.plans[0].expectedFinishSlot).toBeNull();
  });

  it('returns an empty result without sessions', async () => {
    const result = await edfScheduler({ site: smallSite(), timeline: TEST_TIMELINE, firstSlot: 1, sessions: [] });
    expect(result.status).toBe('empty');
    expect(result.plans).toEqual([]);
  });

  it('uses PV surplus in the expected green share', async () => {
    const sunny = smallSite({ pvKw: 100 });
    const result = await edfScheduler({ site: sunny, timeline: TEST_TIMELINE, firstSlot: 1, sessions: [activeSession({ id: 'a' })] });
    expect(result.plans[0].expectedGreenShare).toBeCloseTo(1, 9);
    const cloudy = await edfScheduler({ site: smallSite(), timeline: TEST_TIMELINE, firstSlot: 1, sessions: [activeSession({ id: 'a' })] });
    expect(cloudy.plans[0].expectedGreenShare).toBeCloseTo(0.3, 9); // the grid mix has 30 % wind
  });
});
