import { describe, expect, it } from 'vitest';
import { boundToDemoDay } from './bound-to-demo-day';
import { defaultSettings } from './demo-settings';
import { DEFAULT_SITE } from '$lib/data/default-site';
import { simulateChargingRequests } from '$lib/core/simulation/simulate-charging-requests';
import { slotStartMs } from '$lib/core/time/gates';
import { toLocalDateTime } from '$lib/core/time/zoned-time';
import type { ChargingRequest } from '$lib/core/model/charging-request';

const H = 3_600_000;
const tz = DEFAULT_SITE.timezone;

describe('the demo day reads as a day', () => {
  it('runs from 07:00 to 07:00 the next day, site time (24 h, not 41 h)', () => {
    const s = defaultSettings({ site: DEFAULT_SITE, nowMs: Date.parse('2026-12-05T09:00Z') });
    const start = slotStartMs({ timeline: s.timeline, slot: s.startSlot });
    const end = slotStartMs({ timeline: s.timeline, slot: s.endSlot });
    expect(end - start).toBe(24 * H);
    expect(toLocalDateTime({ ms: end, timeZone: tz })).toMatchObject({ day: 6, hour: 7, minute: 0 });
  });

  it('spans 23 h on the night clocks go forward and still ends at 07:00 site time', () => {
    const s = defaultSettings({ site: DEFAULT_SITE, nowMs: Date.parse('2026-03-28T12:00Z') });
    const start = slotStartMs({ timeline: s.timeline, slot: s.startSlot });
    const end = slotStartMs({ timeline: s.timeline, slot: s.endSlot });
    expect(end - start).toBe(23 * H);
    expect(toLocalDateTime({ ms: end, timeZone: tz })).toMatchObject({ day: 29, hour: 7, minute: 0 });
  });

  it('every simulated car of every preset leaves by the day’s end, asking no more than it can take by then', () => {
    for (const preset of ['workplace', 'public', 'residential'] as const) {
      const s = defaultSettings({ site: DEFAULT_SITE, nowMs: Date.parse('2026-12-05T09:00Z') });
      const endMs = slotStartMs({ timeline: s.timeline, slot: s.endSlot });
      const drawn = simulateChargingRequests({ site: DEFAULT_SITE, timeline: s.timeline, preset, evs: 100, seed: 42, weekday: true }).requests;
      const { requests, cut } = boundToDemoDay({ requests: drawn, site: DEFAULT_SITE, endMs });
      expect(cut.length).toBeGreaterThan(0);
      expect(requests).toHaveLength(drawn.length);
      for (const r of requests) {
        expect(r.departureMs).toBeLessThanOrEqual(endMs);
        const kw = Math.min(r.vehicleMaxKw, DEFAULT_SITE.evses.find((e) => e.id === r.evseId)?.maxKw ?? r.vehicleMaxKw);
        expect(r.energyKWh).toBeLessThanOrEqual(kw * ((r.departureMs - r.arrivalMs) / H) + 1e-6);
        if (r.targetSoc !== undefined) expect(r.energyKWh).toBeCloseTo((r.targetSoc - (r.arrivalSoc as number)) * (r.batteryKWh as number), 9);
      }
      const untouched = drawn.filter((r) => !cut.includes(r.id));
      expect(requests.filter((r) => !cut.includes(r.id))).toEqual(untouched);
    }
  });

  it('a target-charge request cut short keeps its target and arrives fuller', () => {
    const r: ChargingRequest = {
      id: 'x', requestMs: 0, arrivalMs: 0, departureMs: 10 * H, energyKWh: 40, vehicleMaxKw: 11, batteryKWh: 60, targetSoc: 0.8,
      arrivalSoc: 0.8 - 40 / 60, evseId: null, preference: 'balanced'
    };
    const [b] = boundToDemoDay({ requests: [r], site: DEFAULT_SITE, endMs: 2 * H }).requests;
    expect(b).toMatchObject({ departureMs: 2 * H, targetSoc: 0.8, arrivalSoc: 0.44 });
    expect(b.energyKWh).toBeCloseTo(21.6, 9);
  });
});
