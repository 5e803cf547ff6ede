import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../errors';
import type { Site } from '../grid/site';
import { gateClosureMs, gateForRequest, slotOfMs, slotStartMs } from '../time/gates';
import { TimelineError } from '../time/gates';
import { toLocalDateTime } from '../time/zoned-time';
import type { ChargingRequest } from '../model/charging-request';
import { simulateChargingRequests } from './simulate-charging-requests';

const DAY = 86_400_000;
// Wed 25 Nov 2026, 00:00 in Amsterdam (23:00 UTC the day before).
const T0 = Date.UTC(2026, 10, 24, 23);
const timeline = { startMs: T0, slotMinutes: 15 };

function site(evses: number, maxKw = 11, timezone = 'Europe/Amsterdam'): Site {
  return {
    id: 'test',
    name: 'test',
    timezone,
    nodes: [{ id: 'root', parentId: null, limitKw: 1000 }],
    evses: Array.from({ length: evses }, (_, i) => ({ id: `E${i}`, nodeId: 'root', maxKw, minKw: 0, phase: '3P' as const }))
  };
}

function assertInvariants(requests: ChargingRequest[], s: Site, t = timeline): void {
  const maxKw = new Map(s.evses.map((e) => [e.id, e.maxKw]));
  for (const r of requests) {
    expect(r.requestMs).toBeLessThanOrEqual(r.arrivalMs);
    expect(r.arrivalMs).toBeLessThan(r.departureMs);
    expect(r.energyKWh).toBeGreaterThan(0);
    const kw = Math.min(r.vehicleMaxKw, r.evseId ? (maxKw.get(r.evseId) as number) : Infinity);
    expect(r.energyKWh).toBeLessThanOrEqual((kw * (r.departureMs - r.arrivalMs)) / 3.6e6 + 1e-9);
    expect(r.energyKWh).toBeLessThanOrEqual((r.batteryKWh as number) + 1e-9);
    if (r.targetSoc !== undefined) {
      expect(r.energyKWh).toBeCloseTo(((r.targetSoc - (r.arrivalSoc as number)) * (r.batteryKWh as number)), 9);
    }
    expect(slotOfMs({ timeline: t, ms: r.requestMs })).toBeGreaterThanOrEqual(0);
  }
  // No EVSE double-booked.
  const byEvse = new Map<string, ChargingRequest[]>();
  for (const r of requests) if (r.evseId) byEvse.set(r.evseId, [...(byEvse.get(r.evseId) ?? []), r]);
  for (const list of byEvse.values()) {
    list.sort((a, b) => a.arrivalMs - b.arrivalMs);
    for (let i = 1; i < list.length; i++) expect(list[i].arrivalMs).toBeGreaterThanOrEqual(list[i - 1].departureMs);
  }
}

describe('simulateChargingRequests', () => {
  it('is reproducible: the same seed gives identical output, another seed a different one', () => {
    const params = { site: site(40), timeline, preset: 'workplace' as const, evs: 60, days: 2 };
    const a = simulateChargingRequests({ ...params, seed: 1 });
    expect(simulateChargingRequests({ ...params, seed: 1 })).toEqual(a);
    expect(simulateChargingRequests({ ...params, seed: 2 }).requests).not.toEqual(a.requests);
  });

  it('stamps every request before its slot’s gate closure except a small late share, which the gate rule sees as late', () => {
    const { requests, late } = simulateChargingRequests({ site: site(300), timeline, preset: 'public', evs: 1000, seed: 5 });
    const lateIds = new Set(late);
    for (const r of requests) {
      const k = slotOfMs({ timeline, ms: r.requestMs });
      const inWindow = r.requestMs >= slotStartMs({ timeline, slot: k }) && r.requestMs < gateClosureMs({ timeline, slot: k });
      expect(inWindow).toBe(!lateIds.has(r.id));
      expect(gateForRequest({ timeline, requestMs: r.requestMs }).late).toBe(lateIds.has(r.id));
    }
    expect(late.length / requests.length).toBeGreaterThan(0.01);
    expect(late.length / requests.length).toBeLessThan(0.06);
  });

  it('keeps arrival ≤ departure, energy within max power × dwell and the battery, and puts arrivals inside the simulated days', () => {
    const s = site(80);
    const { requests, days } = simulateChargingRequests({ site: s, timeline, preset: 'residential', evs: 120, days: 3, seed: 11 });
    assertInvariants(requests, s);
    expect(days).toHaveLength(3);
    for (const r of requests) {
      expect(r.arrivalMs).toBeGreaterThanOrEqual(T0);
      expect(r.arrivalMs).toBeLessThan(T0 + 3 * DAY);
      expect(r.origin).toBe('simulated');
    }
  });

  it('lists capped requests and cuts their energy to exactly what power × dwell allows', () => {
    const s = site(400, 3.7);
    const { requests, capped } = simulateChargingRequests({ site: s, timeline, preset: 'public', evs: 300, seed: 4, socShare: 0 });
    expect(capped.length).toBeGreaterThan(0);
    const byId = new Map(requests.map((r) => [r.id, r]));
    for (const id of capped) {
      const r = byId.get(id) as ChargingRequest;
      const kw = Math.min(r.vehicleMaxKw, 3.7);
      const allowed = Math.min((kw * (r.departureMs - r.arrivalMs)) / 3.6e6, 0.95 * (r.batteryKWh as number));
      expect(r.energyKWh).toBeLessThanOrEqual(allowed + 1e-9);
      expect(r.energyKWh).toBeGreaterThan(allowed - 0.002);
    }
  });

  it('queues a request (evseId null) only when every EVSE is busy at its arrival', () => {
    const s = site(3);
    const { requests, queued } = simulateChargingRequests({ site: s, timeline, preset: 'workplace', evs: 40, seed: 3 });
    expect(queued.length).toBeGreaterThan(0);
    assertInvariants(requests, s);
    const queuedSet = new Set(queued);
    for (const r of requests.filter((q) => queuedSet.has(q.id))) {
      expect(r.evseId).toBeNull();
      for (const e of s.evses) {
        const blocking = requests.some((o) => o.evseId === e.id && o.arrivalMs < r.departureMs && o.departureMs > r.arrivalMs);
        expect(blocking).toBe(true);
      }
    }
    expect(requests.filter((r) => r.evseId === null).length).toBe(queued.length);
  });

  it('differs between weekday and weekend: fewer workplace sessions and fewer morning arrivals on a Saturday', () => {
    const s = site(500, 11, 'Europe/Amsterdam');
    const weekday = simulateChargingRequests({ site: s, timeline, preset: 'workplace', evs: 400, seed: 8, weekday: true });
    const weekend = simulateChargingRequests({ site: s, timeline, preset: 'workplace', evs: 400, seed: 8, weekday: false });
    expect(weekend.requests.length).toBeLessThan(weekday.requests.length);
    const morningShare = (rs: ChargingRequest[]) =>
      rs.filter((r) => {
        const h = toLocalDateTime({ ms: r.arrivalMs, timeZone: 'Europe/Amsterdam' }).hour;
        return h >= 7 && h < 10;
      }).length / rs.length;
    expect(morningShare(weekday.requests)).toBeGreaterThan(morningShare(weekend.requests) + 0.15);
  });

  it('derives weekday or weekend from each local date when not forced', () => {
    // Fri 27 Nov 2026 00:00 Amsterdam, three days: Fri, Sat, Sun.
    const start = T0 + 2 * DAY;
    const { days } = simulateChargingRequests({ site: site(50), timeline, preset: 'residential', evs: 10, days: 3, seed: 1, startMs: start });
    expect(days.map((d) => d.weekday)).toEqual([true, false, false]);
    expect(days[1].sessions).toBe(Math.round(10 * 0.9));
  });

  it('draws preferences from the given mix', () => {
    const only = simulateChargingRequests({ site: site(50), timeline, preset: 'public', evs: 50, seed: 2, preferenceMix: { green: 1 } });
    expect(new Set(only.requests.map((r) => r.preference))).toEqual(new Set(['green']));
    const mixed = simulateChargingRequests({ site: site(500), timeline, preset: 'public', evs: 400, seed: 2 });
    expect(new Set(mixed.requests.map((r) => r.preference))).toEqual(new Set(['balanced', 'green', 'cheap', 'fast']));
  });

  it('states some requests as a target SoC with battery capacity, consistent with their energy', () => {
    const { requests } = simulateChargingRequests({ site: site(300), timeline, preset: 'residential', evs: 200, seed: 6, socShare: 0.5 });
    const soc = requests.filter((r) => r.targetSoc !== undefined);
    expect(soc.length).toBeGreaterThan(50);
    for (const r of soc) {
      expect(r.arrivalSoc).toBeGreaterThanOrEqual(0.05);
      expect(r.arrivalSoc as number).toBeLessThan(r.targetSoc as number);
      expect(r.targetSoc).toBeLessThanOrEqual(1);
    }
  });

  it('caps energy by the stay as stamped, not the drawn dwell (departure is rounded to the ms)', () => {
    // Found by the property below: the cap used the unrounded dwell and overshot by 0.3 mWh.
    const s = site(1);
    const t = { startMs: Date.UTC(2026, 2, 28, 23), slotMinutes: 5 };
    const out = simulateChargingRequests({ site: s, timeline: t, preset: 'public', evs: 30, days: 2, seed: 1379768990 });
    assertInvariants(out.requests, s, t);
  });

  it('holds its invariants for random seeds, sizes, slot lengths and DST days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 80 }),
        fc.constantFrom('workplace', 'public', 'residential'),
        fc.constantFrom(5, 15),
        fc.constantFrom(Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 9, 24, 22), T0),
        (seed, evses, evs, preset, slotMinutes, startMs) => {
          const s = site(evses);
          const t = { startMs, slotMinutes };
          const out = simulateChargingRequests({ site: s, timeline: t, preset, evs, days: 2, seed });
          assertInvariants(out.requests, s, t);
          for (const r of out.requests) {
            expect(r.arrivalMs).toBeGreaterThanOrEqual(startMs);
            expect(r.arrivalMs).toBeLessThan(startMs + 2 * DAY);
          }
        }
      ),
      { numRuns: 40 }
    );
  });

  it('error: rejects a negative or fractional EV count, zero days and an unknown preset, naming the field', () => {
    const base = { site: site(2), timeline, preset: 'workplace' as const, evs: 5, seed: 1 };
    expect(() => simulateChargingRequests({ ...base, evs: -1 })).toThrow(ValidationError);
    expect(() => simulateChargingRequests({ ...base, evs: 2.5 })).toThrow(/\$\.evs/);
    expect(() => simulateChargingRequests({ ...base, days: 0 })).toThrow(/\$\.days/);
    expect(() => simulateChargingRequests({ ...base, preset: 'stadium' as never })).toThrow(/\$\.preset.*workplace/);
    expect(() => simulateChargingRequests({ ...base, preferenceMix: { green: Number.NaN } })).toThrow(/preferenceMix/);
  });

  it('error: rejects an unusable timeline', () => {
    expect(() => simulateChargingRequests({ site: site(2), timeline: { startMs: T0, slotMinutes: 10 }, preset: 'public', evs: 1, seed: 1 })).toThrow(TimelineError);
  });
});
