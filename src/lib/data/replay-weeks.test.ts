import { describe, expect, it } from 'vitest';
import { localMidnightMs, replayWeeks } from './replay-weeks';

describe('replayWeeks', () => {
  it('counts sessions per week from the local midnight of the first arrival day, listing weeks with sessions', () => {
    const day = (d: number, h = 9) => Date.UTC(2026, 2, 2 + d, h);
    const weeks = replayWeeks({ arrivalsMs: [day(0), day(1), day(6, 22), day(20)], timeZone: 'UTC' });
    expect(weeks).toEqual([
      { startMs: Date.UTC(2026, 2, 2), count: 3 },
      { startMs: Date.UTC(2026, 2, 16), count: 1 }
    ]);
    expect(replayWeeks({ arrivalsMs: [] })).toEqual([]);
  });

  it('steps weeks in local calendar days across a DST change', () => {
    // Europe/Amsterdam moves to summer time on 2026-03-29: the second week starts 23 h short of 7 × 24 h.
    const weeks = replayWeeks({ arrivalsMs: [Date.UTC(2026, 2, 25, 8), Date.UTC(2026, 3, 2, 8)], timeZone: 'Europe/Amsterdam' });
    expect(weeks.map((w) => new Date(w.startMs).toISOString())).toEqual(['2026-03-24T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(localMidnightMs({ ms: Date.UTC(2026, 2, 25, 8), days: 7, timeZone: 'Europe/Amsterdam' })).toBe(Date.UTC(2026, 2, 31, 22));
  });

  it('error: a bogus far-future arrival adds one week entry, not thousands', () => {
    const weeks = replayWeeks({ arrivalsMs: [Date.UTC(2026, 2, 2, 9), Date.UTC(9999, 0, 1), NaN] });
    expect(weeks.map((w) => w.count)).toEqual([1, 1]);
  });
});
