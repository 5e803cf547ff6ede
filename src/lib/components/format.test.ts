import { describe, expect, it } from 'vitest';
import { formatDay, formatDuration, formatRange, formatTimeAfter, formatZone } from './format';

const tz = 'Europe/Amsterdam';
const utc = (iso: string) => Date.parse(iso);

describe('one time rule: site-local 24-hour times', () => {
  it('marks a time on the next local day: "08:45–06:00 +1 day"', () => {
    expect(formatRange(utc('2026-12-05T07:45Z'), utc('2026-12-06T05:00Z'), tz)).toBe('08:45–06:00 +1 day');
    expect(formatRange(utc('2026-12-05T07:45Z'), utc('2026-12-05T09:00Z'), tz)).toBe('08:45–10:00');
    expect(formatTimeAfter(utc('2026-12-07T05:00Z'), utc('2026-12-05T07:45Z'), tz)).toBe('06:00 +2 days');
  });

  it('counts local days, not UTC days (23:30 UTC is already the next day in Amsterdam)', () => {
    expect(formatRange(utc('2026-12-05T20:00Z'), utc('2026-12-05T23:30Z'), tz)).toBe('21:00–00:30 +1 day');
  });

  it('names the zone with its offset at that instant, summer and winter', () => {
    expect(formatZone(utc('2026-12-05T07:00Z'), tz)).toBe('Europe/Amsterdam (UTC+01:00)');
    expect(formatZone(utc('2026-07-05T07:00Z'), tz)).toBe('Europe/Amsterdam (UTC+02:00)');
    expect(formatZone(utc('2026-07-05T07:00Z'), 'UTC')).toBe('UTC (UTC+00:00)');
  });

  it('writes days and durations in words', () => {
    expect(formatDay(utc('2026-12-05T07:00Z'), tz)).toBe('Sat 5 Dec');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(135 * 60_000)).toBe('2 h 15 min');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
  });
});
