import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { localToUtcMs, resolveLocalTime, toLocalDateTime, zoneOffsetMs } from './zoned-time';

const berlin = 'Europe/Berlin';

describe('zoned time', () => {
  it('converts Oslo wall-clock times to UTC in winter (+1 h) and summer (+2 h)', () => {
    expect(localToUtcMs({ local: { year: 2018, month: 12, day: 21, hour: 10, minute: 20 }, timeZone: 'Europe/Oslo' })).toBe(Date.UTC(2018, 11, 21, 9, 20));
    expect(localToUtcMs({ local: { year: 2019, month: 7, day: 1, hour: 10, minute: 20 }, timeZone: 'Europe/Oslo' })).toBe(Date.UTC(2019, 6, 1, 8, 20));
  });

  it('moves a time in the skipped spring hour forward by the gap and flags it (02:30 → 03:30 CEST)', () => {
    // Europe/Amsterdam: 2026-03-29 02:00 → 03:00.
    expect(resolveLocalTime({ local: { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, timeZone: 'Europe/Amsterdam' })).toEqual({ ms: Date.UTC(2026, 2, 29, 1, 30), dstGap: true });
    expect(toLocalDateTime({ ms: Date.UTC(2026, 2, 29, 1, 30), timeZone: 'Europe/Amsterdam' })).toMatchObject({ hour: 3, minute: 30 });
    expect(resolveLocalTime({ local: { year: 2023, month: 3, day: 26, hour: 3, minute: 0 }, timeZone: berlin })).toEqual({ ms: Date.parse('2023-03-26T01:00:00Z'), dstGap: false });
    // Los Angeles: 2018-03-11 02:00 PST → 03:00 PDT; 02:15 is read as 02:15 PST = 03:15 PDT.
    expect(localToUtcMs({ local: { year: 2018, month: 3, day: 11, hour: 2, minute: 15 }, timeZone: 'America/Los_Angeles' })).toBe(Date.UTC(2018, 2, 11, 10, 15));
  });

  it('places the repeated autumn hour first in summer time, then in winter time when an ordered series must move on', () => {
    const local = { year: 2023, month: 10, day: 29, hour: 2, minute: 30 };
    const first = localToUtcMs({ local, timeZone: berlin });
    expect(first).toBe(Date.parse('2023-10-29T00:30:00Z'));
    expect(localToUtcMs({ local, timeZone: berlin, notBeforeMs: first })).toBe(Date.parse('2023-10-29T01:30:00Z'));
  });

  it('gives local parts with the weekday, and offsets of zones far from Europe (half-hour, southern hemisphere)', () => {
    const l = toLocalDateTime({ ms: Date.UTC(2018, 3, 28, 18, 0), timeZone: 'America/Los_Angeles' });
    expect(l).toMatchObject({ year: 2018, month: 4, day: 28, hour: 11, minute: 0, weekday: 6 });
    expect(zoneOffsetMs({ ms: Date.UTC(2018, 3, 28), timeZone: 'America/Denver' })).toBe(-6 * 3_600_000);
    expect(zoneOffsetMs({ timeZone: 'Asia/Kolkata', ms: Date.parse('2023-07-01T00:00:00Z') })).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs({ timeZone: 'Australia/Sydney', ms: Date.parse('2023-01-01T00:00:00Z') })).toBe(11 * 3_600_000);
  });

  it('keeps years 0–99 as such (Date.UTC would read 50 as 1950)', () => {
    expect(new Date(localToUtcMs({ local: { year: 50, month: 1, day: 1, hour: 0, minute: 0 }, timeZone: 'UTC' })).getUTCFullYear()).toBe(50);
  });

  it('error: rejects an unknown time zone as a ValidationError', () => {
    expect(() => toLocalDateTime({ ms: 0, timeZone: 'Mars/Olympus' })).toThrow(ValidationError);
  });
});
