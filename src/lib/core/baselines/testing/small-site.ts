import fc from 'fast-check';
import type { Site } from '../../grid/site';
import type { ActiveSession } from '../../optimization/schedule';
import type { Timeline } from '../../time/timeline';

/**
 * Test fixtures for baselines, engine and metrics: small hand-made sites and fast-check
 * arbitraries of random trees and sessions. Test-only; nothing in core imports it.
 */

/** 2026-01-05 00:00 UTC, a Monday: slot 0 of the test timelines. */
export const TEST_START_MS = Date.UTC(2026, 0, 5);

/** 15-minute test timeline. */
export const TEST_TIMELINE: Timeline = { startMs: TEST_START_MS, slotMinutes: 15 };

/** Parameters of `twoLevelSite`. */
export type TwoLevelSiteParameters = {
  rootLimitKw?: number;
  feederLimitKw?: number;
  evses?: number;
  evseMaxKw?: number;
  evseMinKw?: number;
  baseLoadKw?: number;
  pvKw?: number | number[];
};

/** Root → two feeders, EVSEs alternating between the feeders (`e0` on f0, `e1` on f1, …). */
export function twoLevelSite({
  rootLimitKw = 100,
  feederLimitKw = 60,
  evses = 4,
  evseMaxKw = 11,
  evseMinKw = 0,
  baseLoadKw = 0,
  pvKw = 0
}: TwoLevelSiteParameters = {}): Site {
  return {
    id: 'test-site',
    name: 'Test site',
    timezone: 'UTC',
    nodes: [
      { id: 'root', parentId: null, limitKw: rootLimitKw, baseLoadKw },
      { id: 'f0', parentId: 'root', limitKw: feederLimitKw },
      { id: 'f1', parentId: 'root', limitKw: feederLimitKw }
    ],
    evses: Array.from({ length: evses }, (_, i) => ({ id: `e${i}`, nodeId: `f${i % 2}`, maxKw: evseMaxKw, minKw: evseMinKw, phase: '3P' as const })),
    pv: [{ id: 'pv', nodeId: 'root', kw: pvKw }],
    energy: { gridMix: [{ wind: 0.3, gas: 0.5, coal: 0.2 }], pricePerKWh: 0.3 }
  };
}

/** Parameters of `activeSession`. */
export type ActiveSessionParameters = Partial<ActiveSession> & { id: string };

/** An ActiveSession with sensible defaults (11 kW, 10 kWh, window 1..20). */
export function activeSession({ id, ...rest }: ActiveSessionParameters): ActiveSession {
  const requestedKWh = rest.requestedKWh ?? 10;
  const deliveredKWh = rest.deliveredKWh ?? 0;
  return {
    id,
    evseId: 'e0',
    startSlot: 1,
    endSlot: 20,
    maxKw: 11,
    minKw: 0,
    preference: 'balanced',
    requestMs: TEST_START_MS,
    ...rest,
    requestedKWh,
    deliveredKWh,
    remainingKWh: rest.remainingKWh ?? Math.max(0, requestedKWh - deliveredKWh)
  };
}

/** A random small site: root → 1-3 feeders → EVSEs, random limits, base load and PV, some minKw. */
export const arbitrarySite: fc.Arbitrary<Site> = fc
  .record({
    rootLimitKw: fc.integer({ min: 5, max: 120 }),
    feeders: fc.array(fc.integer({ min: 3, max: 80 }), { minLength: 1, maxLength: 3 }),
    evses: fc.array(
      fc.record({ feeder: fc.nat(2), maxKw: fc.constantFrom(3.7, 7.4, 11, 22), minKw: fc.constantFrom(0, 0, 1.4, 4.1) }),
      { minLength: 1, maxLength: 6 }
    ),
    baseLoad: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }),
    pv: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 4 })
  })
  .map(({ rootLimitKw, feeders, evses, baseLoad, pv }) => ({
    id: 'random-site',
    name: 'Random site',
    timezone: 'UTC',
    nodes: [
      { id: 'root', parentId: null, limitKw: rootLimitKw, baseLoadKw: baseLoad },
      ...feeders.map((limitKw, i) => ({ id: `f${i}`, parentId: 'root', limitKw }))
    ],
    evses: evses.map((e, i) => ({ id: `e${i}`, nodeId: `f${e.feeder % feeders.length}`, maxKw: e.maxKw, minKw: Math.min(e.minKw, e.maxKw), phase: '3P' as const })),
    pv: [{ id: 'pv', nodeId: 'root', kw: pv }],
    energy: { gridMix: [{ solar: 0.1, wind: 0.3, gas: 0.6 }, { wind: 0.1, coal: 0.9 }], pricePerKWh: [0.2, 0.4] }
  }));

/** A random site together with random active sessions on its EVSEs (some sharing an EVSE). */
export const arbitraryGate: fc.Arbitrary<GateCase> = gateOn(arbitrarySite);

/** A gate case: a site, the dispatched slot and the active sessions. */
export type GateCase = { site: Site; firstSlot: number; sessions: ActiveSession[] };

/** Random active sessions (some sharing an EVSE) on sites drawn from `sites`. */
export function gateOn(sites: fc.Arbitrary<Site>): fc.Arbitrary<GateCase> {
  return sites.chain((site) =>
    fc
      .record({
        firstSlot: fc.integer({ min: 0, max: 4 }),
        sessions: fc.array(
          fc.record({
            evse: fc.nat(site.evses.length - 1),
            start: fc.integer({ min: 0, max: 8 }),
            dwell: fc.integer({ min: 0, max: 12 }),
            requestedKWh: fc.double({ min: 0.1, max: 40, noNaN: true }),
            deliveredFraction: fc.constantFrom(0, 0, 0.3, 1),
            vehicleMaxKw: fc.constantFrom(3.7, 7.4, 11, 50),
            requestMinute: fc.integer({ min: 0, max: 500 })
          }),
          { maxLength: 8 }
        )
      })
      .map(({ firstSlot, sessions }) => ({
        site,
        firstSlot,
        sessions: sessions.map((s, i) => {
          const evse = site.evses[s.evse];
          const deliveredKWh = s.requestedKWh * s.deliveredFraction;
          return activeSession({
            id: `s${i}`,
            evseId: evse.id,
            startSlot: Math.max(firstSlot, s.start),
            endSlot: Math.max(firstSlot, s.start) + s.dwell,
            requestedKWh: s.requestedKWh,
            deliveredKWh,
            maxKw: Math.min(evse.maxKw, s.vehicleMaxKw),
            minKw: evse.minKw,
            requestMs: TEST_START_MS + s.requestMinute * 60_000
          });
        })
      }))
  );
}

/**
 * A random line-to-line site like Caltech's (208 V, EVSEs on AB/BC/CA, an ACN-style transformer
 * whose polygon rows have negative coefficients too), with a random secondary current limit.
 */
export const arbitraryLineToLineSite: fc.Arbitrary<Site> = fc
  .record({
    secondaryLimitA: fc.integer({ min: 20, max: 200 }),
    evses: fc.array(fc.record({ phase: fc.constantFrom('AB' as const, 'BC' as const, 'CA' as const), maxKw: fc.constantFrom(6.656, 3.328), minKw: fc.constantFrom(0, 1.248) }), {
      minLength: 1,
      maxLength: 6
    })
  })
  .map(({ secondaryLimitA, evses }) => ({
    id: 'random-ll-site',
    name: 'Random line-to-line site',
    timezone: 'America/Los_Angeles',
    lineVoltageV: 208,
    nodes: [{ id: 'xfmr', parentId: null, limitKw: 150, transformer: { secondaryLimitA, primaryLimitA: secondaryLimitA / 2.3, turnsRatio: 2.307692 } }],
    evses: evses.map((e, i) => ({ id: `e${i}`, nodeId: 'xfmr', maxKw: e.maxKw, minKw: e.minKw, phase: e.phase }))
  }));
