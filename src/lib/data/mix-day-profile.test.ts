import { describe, expect, it } from 'vitest';
import { mixDayProfile } from './mix-day-profile';

const slots = (n: number) => Array.from({ length: n }, (_, i) => ({ solar: i / n, gas: 1 - i / n }));

describe('mixDayProfile', () => {
  it('takes the first whole local day, starting at local midnight', () => {
    // 22:00 UTC = midnight in Berlin (summer): the data starts on a local midnight.
    const timeline = { startMs: Date.UTC(2023, 6, 1, 22), slotMinutes: 15 };
    const r = mixDayProfile({ mixes: slots(96 * 3), timeline, timeZone: 'Europe/Berlin' });
    expect(r.ok && r.day).toBe('2023-07-02');
    expect(r.ok && r.mixes).toHaveLength(96);
    expect(r.days).toEqual(['2023-07-02', '2023-07-03', '2023-07-04']);
  });

  it('keeps the 92 quarter hours of the spring DST day and the 100 of the autumn one', () => {
    const spring = { startMs: Date.UTC(2023, 2, 25, 23), slotMinutes: 15 };
    const s = mixDayProfile({ mixes: slots(96 * 2), timeline: spring, timeZone: 'Europe/Berlin', day: '2023-03-26' });
    expect(s.ok && s.mixes.length).toBe(92);
    const autumn = { startMs: Date.UTC(2023, 9, 28, 22), slotMinutes: 15 };
    const a = mixDayProfile({ mixes: slots(96 * 2), timeline: autumn, timeZone: 'Europe/Berlin', day: '2023-10-29' });
    expect(a.ok && a.mixes.length).toBe(100);
  });

  it('by default skips a DST day at the start of the data: a 92-slot profile would drift an hour a day', () => {
    const spring = { startMs: Date.UTC(2023, 2, 25, 23), slotMinutes: 15 };
    const r = mixDayProfile({ mixes: slots(96 * 2), timeline: spring, timeZone: 'Europe/Berlin' });
    expect(r.days).toEqual(['2023-03-26', '2023-03-27']);
    expect(r.ok && [r.day, r.mixes.length]).toEqual(['2023-03-27', 96]);
    // Data holding only the DST day still gives it (the user sees which day was taken).
    const only = mixDayProfile({ mixes: slots(92 + 8), timeline: spring, timeZone: 'Europe/Berlin' });
    expect(only.ok && [only.day, only.mixes.length]).toEqual(['2023-03-26', 92]);
  });

  it('error: a day outside the data or data shorter than a day is refused with the range it covers', () => {
    const timeline = { startMs: Date.UTC(2023, 0, 1), slotMinutes: 15 };
    const r = mixDayProfile({ mixes: slots(96 * 2), timeline, timeZone: 'UTC', day: '2024-01-01' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('2023-01-01');
    expect(mixDayProfile({ mixes: slots(50), timeline, timeZone: 'UTC' }).ok).toBe(false);
  });
});
