import { describe, expect, it } from 'vitest';
import { slotTimeLabel } from './slotTimeLabel';

describe('slotTimeLabel', () => {
  const startMs = Date.UTC(2026, 10, 25, 22, 15);
  const endMs = Date.UTC(2026, 10, 25, 22, 30);

  it('shows a slot in the site’s local time, without an engine slot number', () => {
    expect(slotTimeLabel({ startMs, endMs, timeZone: 'Europe/Berlin' })).toBe('23:15–23:30');
  });

  it('names the zone when the site runs on UTC', () => {
    expect(slotTimeLabel({ startMs, endMs, timeZone: 'UTC' })).toBe('22:15–22:30 UTC');
    expect(slotTimeLabel({ startMs, endMs, timeZone: 'Etc/UTC' })).toBe('22:15–22:30 UTC');
  });

  it('marks a slot after midnight of the listed day, and a slot ending at midnight, with "+1 day"', () => {
    const dayStartMs = Date.UTC(2026, 10, 25, 6); // 07:00 in Berlin
    expect(slotTimeLabel({ startMs: Date.UTC(2026, 10, 25, 23, 15), endMs: Date.UTC(2026, 10, 25, 23, 30), timeZone: 'Europe/Berlin', dayStartMs })).toBe('00:15 +1 day–00:30');
    expect(slotTimeLabel({ startMs: Date.UTC(2026, 10, 25, 22, 45), endMs: Date.UTC(2026, 10, 25, 23), timeZone: 'Europe/Berlin', dayStartMs })).toBe('23:45–00:00 +1 day');
  });
});
