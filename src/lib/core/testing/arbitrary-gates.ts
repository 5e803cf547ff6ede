import fc from 'fast-check';
import type { Site } from '../grid/site';
import type { ActiveSession } from '../model/active-session';
import type { ScheduleInput } from '../model/scheduler';
import type { StrategyName } from '../model/strategy-name';
import type { Preference } from '../model/charging-request';
import { activeSession, gate, smallSite, TEST_START_MS } from './small-site';

/** fast-check arbitraries of random sites, sessions and gates for property tests. Test-only. */

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
export const arbitraryGateCase: fc.Arbitrary<GateCase> = gateOn(arbitrarySite);

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

const PREFS: Preference[] = ['balanced', 'green', 'cheap', 'fast'];
const STRATEGIES: StrategyName[] = ['balanced', 'grid-first', 'green-first', 'user-first'];

/** Random small gates: 2–6 EVSEs on a 3-node tree (optionally with phase limits), 1–7 sessions (some queued), windows in 0..16. */
export function arbitraryScheduleInput({ withMinKw = false }: { withMinKw?: boolean } = {}): fc.Arbitrary<ScheduleInput> {
  return fc
    .record({
      evses: fc.integer({ min: 2, max: 6 }),
      rootLimitKw: fc.integer({ min: 0, max: 60 }),
      feederLimitKw: fc.integer({ min: 0, max: 40 }),
      baseLoadKw: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 4, maxLength: 4 }),
      pvKw: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }),
      phaseLimitA: fc.option(fc.integer({ min: 6, max: 40 }), { nil: undefined }),
      strategy: fc.constantFrom(...STRATEGIES),
      sessions: fc.array(
        fc.record({
          evse: fc.nat(5),
          start: fc.integer({ min: -2, max: 12 }),
          len: fc.integer({ min: 0, max: 12 }),
          remainingKWh: fc.integer({ min: 0, max: 60 }),
          deliveredKWh: fc.integer({ min: 0, max: 10 }),
          maxKw: fc.constantFrom(3.7, 7.4, 11),
          minKw: withMinKw ? fc.constantFrom(0, 1.4, 4.2) : fc.constant(0),
          pref: fc.constantFrom(...PREFS)
        }),
        { minLength: 1, maxLength: 7 }
      )
    })
    .map((r) => {
      // Four-slot periodic profiles give every random gate a varying base load and PV.
      const site = smallSite({
        evses: r.evses,
        rootLimitKw: r.rootLimitKw,
        feederLimitKw: r.feederLimitKw,
        baseLoadKw: r.baseLoadKw,
        pvKw: r.pvKw,
        phaseLimitA: r.phaseLimitA,
        gridMix: [{ wind: 0.6, gas: 0.4 }, { gas: 0.7, coal: 0.3 }, { solar: 0.5, gas: 0.5 }],
        pricePerKWh: [0.1, 0.3, 0.2]
      });
      const sessions = r.sessions.map((s, i) =>
        activeSession({
          id: `s${i}`,
          evseId: `e${s.evse % r.evses}`,
          startSlot: s.start,
          endSlot: s.start + s.len,
          remainingKWh: s.remainingKWh,
          deliveredKWh: s.deliveredKWh,
          maxKw: s.maxKw,
          minKw: Math.min(s.minKw, s.maxKw),
          preference: s.pref,
          requestMs: TEST_START_MS + i
        })
      );
      return gate(site, sessions, { strategy: r.strategy });
    });
}
