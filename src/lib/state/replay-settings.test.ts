import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE } from '$lib/data/default-site';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import { gateClosureMs, slotStartMs } from '$lib/core/time/gates';
import { replaySettings } from './replay-settings';

const H = 3_600_000;
const day = Date.UTC(2026, 2, 2); // a Monday
const req = (id: string, arriveH: number, leaveH: number, evseId: string | null): ChargingRequest => ({
  id,
  requestMs: day + arriveH * H,
  arrivalMs: day + arriveH * H,
  departureMs: day + leaveH * H,
  energyKWh: 8,
  vehicleMaxKw: 11,
  evseId,
  preference: 'balanced',
  origin: 'csv'
});

describe('replaySettings', () => {
  it('starts at the gate that sees the first request and ends after the last departure', () => {
    const r = replaySettings({ site: DEFAULT_SITE, requests: [req('b', 9.5, 17, DEFAULT_SITE.evses[1].id), req('a', 8.25, 12, 'somewhere-else')] });
    const { timeline, startSlot, endSlot, nextSlot, nowMs } = r.settings;
    expect(nextSlot).toBe(startSlot);
    // The first gate the run executes closes after the first request arrived.
    expect(gateClosureMs({ timeline, slot: startSlot - 1 })).toBeGreaterThan(day + 8.25 * H);
    expect(nowMs).toBe(slotStartMs({ timeline, slot: startSlot - 1 }));
    expect(slotStartMs({ timeline, slot: endSlot })).toBeGreaterThanOrEqual(day + 17 * H);
    expect(r.requests.find((x) => x.id === 'a')?.evseId).not.toBe('somewhere-else');
    expect(r.reassignedCount).toBe(1);
    expect(r.settings.evs).toBe(2);
  });

  it('keeps at most maxDays of sessions and says how many were cut', () => {
    const r = replaySettings({ site: DEFAULT_SITE, requests: [req('a', 8, 10, null), req('late', 24 * 10, 24 * 10 + 2, null)], maxDays: 2 });
    expect(r.requests.map((x) => x.id)).toEqual(['a']);
    expect(r.cutCount).toBe(1);
  });

  it('error: nothing to replay is an error', () => {
    expect(() => replaySettings({ site: DEFAULT_SITE, requests: [] })).toThrow('nothing to replay');
  });
});
