import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { localToUtcMs, toLocalDateTime, zoneOffsetMs } from './zoned-time';

describe('zoned time', () => {
  it('converts Oslo wall-clock times to UTC in winter (+1 h) and summer (+2 h)', () => {
    expect(localToUtcMs({ local: { year: 2018, month: 12, day: 21, hour: 10, minute: 20 }, timeZone: 'Europe/Oslo' })).toBe(Date.UTC(2018, 11, 21, 9, 20));
    expect(localToUtcMs({ local: { year: 2019, month: 7, day: 1, hour: 10, minute: 20 }, timeZone: 'Europe/Oslo' })).toBe(Date.UTC(2019, 6, 1, 8, 20));
  });

  it('reads a time in a spring-forward gap with the offset before the gap, and picks the earlier instant in a fall-back overlap', () => {
    // Europe/Amsterdam: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
    expect(localToUtcMs({ local: { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, timeZone: 'Europe/Amsterdam' })).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(localToUtcMs({ local: { year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, timeZone: 'Europe/Amsterdam' })).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('gives local parts with the weekday and the offset from UTC', () => {
    const l = toLocalDateTime({ ms: Date.UTC(2018, 3, 28, 18, 0), timeZone: 'America/Los_Angeles' });
    expect(l).toMatchObject({ year: 2018, month: 4, day: 28, hour: 11, minute: 0, weekday: 6 });
    expect(zoneOffsetMs({ ms: Date.UTC(2018, 3, 28), timeZone: 'America/Denver' })).toBe(-6 * 3_600_000);
  });

  it('error: rejects an unknown time zone as a ValidationError', () => {
    expect(() => toLocalDateTime({ ms: 0, timeZone: 'Mars/Olympus' })).toThrow(ValidationError);
  });
});
