import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGridRows, evaluateGridRows } from '../grid/grid-rows';
import type { Scheduler, ScheduleResult } from '../model/scheduler';
import { edfScheduler } from './edf';
import { fcfsScheduler } from './fcfs';
import { llfScheduler } from './llf';
import { roundRobinScheduler } from './round-robin';
import { uncontrolledScheduler } from './uncontrolled';
import { arbitraryGateCase, arbitraryLineToLineSite, gateOn } from '../testing/arbitrary-gates';
import { activeSession, smallSite, TEST_TIMELINE } from '../testing/small-site';

const TOL = 1e-6;
const BASELINES: [string, Scheduler, boolean][] = [
  ['fcfs', fcfsScheduler, true],
  ['edf', edfScheduler, true],
  ['llf', llfScheduler, true],
  ['rr', roundRobinScheduler, true],
  ['uncontrolled', uncontrolledScheduler, false]
];

const withoutTimes = (r: ScheduleResult) => ({ ...r, buildMs: 0, solveMs: 0 });

const SITE_KINDS = [
  ['random trees', arbitraryGateCase],
  ['line-to-line transformer sites', gateOn(arbitraryLineToLineSite)]
] as const;

describe.each(BASELINES)('%s baseline', (name, scheduler, respectsRows) => {
  it.each(SITE_KINDS)(`keeps every plan within EVSE max, the window, the request and 0-or-minKw${respectsRows ? ', and within every grid row' : ''} on %s`, async (_kind, gates) => {
    await fc.assert(
      fc.asyncProperty(gates, async ({ site, firstSlot, sessions }) => {
        const result = await scheduler({ site, timeline: TEST_TIMELINE, firstSlot, sessions });
        expect(result.scheduler).toBe(name);
        const horizon = Math.max(0, ...result.plans.map((p) => p.kw.length));
        const slots = Array.from({ length: horizon }, (_, i) => firstSlot + i);
        const rows = buildGridRows({ site, slots });
        const evseMax = new Map(site.evses.map((e) => [e.id, e.maxKw]));
        for (let i = 0; i < horizon; i++) {
          const kwByEvse: Record<string, number> = {};
          for (const plan of result.plans) {
            const s = sessions.find((x) => x.id === plan.sessionId)!;
            const kw = plan.kw[i] ?? 0;
            expect(kw).toBeGreaterThanOrEqual(0);
            expect(kw).toBeLessThanOrEqual(s.maxKw + TOL);
            if (kw > 0) {
              expect(firstSlot + i).toBeGreaterThanOrEqual(s.startSlot);
              expect(firstSlot + i).toBeLessThan(s.endSlot);
              // A car whose own cap is below the EVSE minimum draws its cap (claimFloorKw).
              expect(kw).toBeGreaterThanOrEqual(Math.min(s.minKw, s.maxKw) - TOL);
            }
            kwByEvse[s.evseId] = (kwByEvse[s.evseId] ?? 0) + kw;
          }
          for (const [evseId, kw] of Object.entries(kwByEvse)) expect(kw).toBeLessThanOrEqual(evseMax.get(evseId)! + TOL);
          if (respectsRows) {
            for (const o of evaluateGridRows({ rows, slotIndex: i, kwByEvse })) expect(o.overKw).toBeLessThanOrEqual(TOL);
          }
        }
        for (const plan of result.plans) {
          const s = sessions.find((x) => x.id === plan.sessionId)!;
          expect(plan.plannedKWh).toBeLessThanOrEqual(s.remainingKWh + TOL);
          expect(plan.plannedKWh + plan.shortfallKWh).toBeCloseTo(s.remainingKWh, 6);
          expect(result.setpointsKw[s.id]).toBe(plan.kw[0] ?? 0);
          expect(plan.expectedGreenShare).toBeGreaterThanOrEqual(0);
          expect(plan.expectedGreenShare).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60, seed: 7 }
    );
  });

  it('returns the same result for the same input', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryGateCase, async ({ site, firstSlot, sessions }) => {
        const a = await scheduler({ site, timeline: TEST_TIMELINE, firstSlot, sessions });
        const b = await scheduler({ site, timeline: TEST_TIMELINE, firstSlot, sessions: [...sessions] });
        expect(withoutTimes(b)).toEqual(withoutTimes(a));
      }),
      { numRuns: 40, seed: 11 }
    );
  });
});

describe('baselines on a tight root', () => {
  const site = smallSite({ rootLimitKw: 15, evses: 4 });
  const sessions = [0, 1, 2, 3].map((i) => activeSession({ id: `s${i}`, evseId: `e${i}`, endSlot: 30, requestedKWh: 20 }));

  it('uncontrolled charges everyone at full power and overloads the root', async () => {
    const result = await uncontrolledScheduler({ site, timeline: TEST_TIMELINE, firstSlot: 1, sessions });
    expect(Object.values(result.setpointsKw)).toEqual([11, 11, 11, 11]);
    const rows = buildGridRows({ site, slots: [1] });
    const root = evaluateGridRows({ rows, slotIndex: 0, kwByEvse: { e0: 11, e1: 11, e2: 11, e3: 11 } }).find((o) => o.name === 'node.root')!;
    expect(root.overKw).toBeCloseTo(44 - 15, 9);
  });

  it('round-robin shares the root equally while FCFS serves the first request first', async () => {
    const rr = await roundRobinScheduler({ site, timeline: TEST_TIMELINE, firstSlot: 1, sessions });
    for (const kw of Object.values(rr.setpointsKw)) expect(kw).toBeCloseTo(3.75, 9);
    const fcfs = await fcfsScheduler({ site, timeline: TEST_TIMELINE, firstSlot: 1, sessions });
    expect(fcfs.setpointsKw).toEqual({ s0: 11, s1: 4, s2: 0, s3: 0 });
  });

  it('LLF serves the session with the least slack first', async () => {
    const relaxed = activeSession({ id: 'relaxed', evseId: 'e0', endSlot: 40, requestedKWh: 5 });
    const urgent = activeSession({ id: 'urgent', evseId: 'e1', endSlot: 40, requestedKWh: 80 });
    const result = await llfScheduler({ site: smallSite({ rootLimitKw: 11, evses: 2 }), timeline: TEST_TIMELINE, firstSlot: 1, sessions: [relaxed, urgent] });
    expect(result.setpointsKw).toEqual({ relaxed: 0, urgent: 11 });
    expect(result.plans.find((p) => p.sessionId === 'relaxed')!.plannedKWh).toBeCloseTo(5, 9);
  });
});
