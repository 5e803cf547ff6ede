import { describe, expect, it } from 'vitest';
import { TEST_START_MS, TEST_TIMELINE } from '../testing/small-site';
import type { ChargingRequest } from '../model/charging-request';
import { defaultSlotRange } from './default-slot-range';

const MIN = 60_000;
const request = (requestMin: number, leaveMin: number): ChargingRequest => ({
  id: `r${requestMin}`,
  requestMs: TEST_START_MS + requestMin * MIN,
  arrivalMs: TEST_START_MS + requestMin * MIN,
  departureMs: TEST_START_MS + leaveMin * MIN,
  energyKWh: 5,
  vehicleMaxKw: 11,
  evseId: null,
  preference: 'balanced'
});

describe('defaultSlotRange', () => {
  it('starts a day timeline at slot 0 and ends at the last departure slot', () => {
    expect(defaultSlotRange({ timeline: TEST_TIMELINE, requests: [request(8 * 60, 17 * 60 + 5), request(9 * 60, 12 * 60)] })).toEqual({ startSlot: 0, endSlot: 68 });
  });

  it('starts at the first request when the timeline begins long before the data', () => {
    const early = { ...TEST_TIMELINE, startMs: TEST_START_MS - 30 * 86_400_000 };
    const range = defaultSlotRange({ timeline: early, requests: [request(60, 120)] });
    expect(range.startSlot).toBe(30 * 96 + 5); // request in slot 4 → charges from slot 5
    expect(range.endSlot).toBe(30 * 96 + 8);
  });

  it('starts before slot 0 for a request before the timeline, and is empty without requests', () => {
    expect(defaultSlotRange({ timeline: TEST_TIMELINE, requests: [request(-60, 120)] }).startSlot).toBe(-3);
    expect(defaultSlotRange({ timeline: TEST_TIMELINE, requests: [] })).toEqual({ startSlot: 0, endSlot: 0 });
  });
});
