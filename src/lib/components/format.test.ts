import { describe, expect, it } from 'vitest';
import { formatDay, formatDuration, formatRange, formatTimeAfter, formatZone, kwSlotsToKWh, slotNoun } from './format';

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

  it('a range in a listed day marks a start after midnight from the day, its end from the start', () => {
    const dayStart = utc('2026-12-05T06:00Z'); // 07:00 in Amsterdam
    expect(formatRange(utc('2026-12-05T23:30Z'), utc('2026-12-06T02:00Z'), tz, dayStart)).toBe('00:30 +1 day–03:00');
    expect(formatRange(utc('2026-12-05T21:00Z'), utc('2026-12-06T05:00Z'), tz, dayStart)).toBe('22:00–06:00 +1 day');
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

describe('plain words for slot lengths and kW over slots', () => {
  it('says the slot length as people do: quarter-hour, or N-minute period', () => {
    expect(slotNoun(15)).toBe('quarter-hour');
    expect(slotNoun(5)).toBe('5-minute period');
    expect(slotNoun(60)).toBe('hour');
  });

  it('turns Σ kW over slots into kWh by the slot length (4 quarter-hours at 10 kW over = 10 kWh)', () => {
    expect(kwSlotsToKWh({ kwSlots: 40, slotMinutes: 15 })).toBe(10);
    expect(kwSlotsToKWh({ kwSlots: 12, slotMinutes: 5 })).toBe(1);
  });
});
