import { describe, expect, it } from 'vitest';
import { zonedTimeToUtcMs, zoneOffsetMs } from './zonedTimeToUtcMs';

const berlin = 'Europe/Berlin';

describe('zonedTimeToUtcMs', () => {
  it('converts summer and winter wall times in Europe/Berlin with +2 h and +1 h', () => {
    expect(zonedTimeToUtcMs({ wall: { year: 2023, month: 7, day: 1, hour: 0, minute: 0 }, timeZone: berlin })).toBe(Date.parse('2023-06-30T22:00:00Z'));
    expect(zonedTimeToUtcMs({ wall: { year: 2023, month: 1, day: 15, hour: 12, minute: 15 }, timeZone: berlin })).toBe(Date.parse('2023-01-15T11:15:00Z'));
  });

  it('gives null for the skipped hour of 26 March 2023 in Berlin', () => {
    expect(zonedTimeToUtcMs({ wall: { year: 2023, month: 3, day: 26, hour: 2, minute: 30 }, timeZone: berlin })).toBeNull();
    expect(zonedTimeToUtcMs({ wall: { year: 2023, month: 3, day: 26, hour: 3, minute: 0 }, timeZone: berlin })).toBe(Date.parse('2023-03-26T01:00:00Z'));
  });

  it('places the repeated hour of 29 October 2023 first in CEST, then in CET when time must move on', () => {
    const wall = { year: 2023, month: 10, day: 29, hour: 2, minute: 30 };
    const first = zonedTimeToUtcMs({ wall, timeZone: berlin });
    expect(first).toBe(Date.parse('2023-10-29T00:30:00Z'));
    expect(zonedTimeToUtcMs({ wall, timeZone: berlin, notBeforeMs: first! })).toBe(Date.parse('2023-10-29T01:30:00Z'));
  });

  it('knows offsets of zones far from Europe (half-hour zone, southern hemisphere)', () => {
    expect(zoneOffsetMs({ timeZone: 'Asia/Kolkata', utcMs: Date.parse('2023-07-01T00:00:00Z') })).toBe(5.5 * 3_600_000);
    expect(zoneOffsetMs({ timeZone: 'Australia/Sydney', utcMs: Date.parse('2023-01-01T00:00:00Z') })).toBe(11 * 3_600_000);
    expect(zoneOffsetMs({ timeZone: 'UTC', utcMs: 0 })).toBe(0);
  });
});
