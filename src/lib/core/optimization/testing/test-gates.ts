import fc from 'fast-check';
import { evaluateGridRows, buildGridRows } from '../../grid/grid-rows';
import type { PhaseConnection, Site } from '../../grid/site';
import type { SourceMix } from '../../energy/sources';
import type { Profile } from '../../profile';
import type { Preference } from '../../simulation/request';
import type { ActiveSession, ScheduleInput, ScheduleResult, StrategyName } from '../schedule';

/**
 * Test fixtures for the optimizer: a small hand-made site, sessions with defaults, random gates
 * (fast-check) and `limitViolations`, which checks a result against every limit the issue names.
 * Test-only; nothing in core imports it.
 */

/** Parameters of `smallSite`. */
export type SmallSiteParameters = {
  rootLimitKw?: Profile;
  feederLimitKw?: Profile;
  evses?: number;
  evseMaxKw?: number;
  evseMinKw?: number;
  baseLoadKw?: Profile;
  pvKw?: Profile;
  gridMix?: SourceMix[];
  pricePerKWh?: Profile;
  /** Per-phase current limit on the feeders, A (L1/L2/L3/3P EVSEs round-robin). */
  phaseLimitA?: number;
};

/** Root → two feeders, EVSEs alternating between them (`e0` on f0, `e1` on f1, …). */
export function smallSite({
  rootLimitKw = 100,
  feederLimitKw = 60,
  evses = 4,
  evseMaxKw = 11,
  evseMinKw = 0,
  baseLoadKw = 0,
  pvKw = 0,
  gridMix = [{ wind: 0.3, gas: 0.5, coal: 0.2 }],
  pricePerKWh = 0.3,
  phaseLimitA
}: SmallSiteParameters = {}): Site {
  const phases: PhaseConnection[] = phaseLimitA === undefined ? ['3P'] : ['L1', 'L2', 'L3', '3P'];
  return {
    id: 'small',
    name: 'Small test site',
    timezone: 'UTC',
    voltageV: 230,
    nodes: [
      { id: 'root', parentId: null, limitKw: rootLimitKw, baseLoadKw },
      { id: 'f0', parentId: 'root', limitKw: feederLimitKw, phaseLimitA },
      { id: 'f1', parentId: 'root', limitKw: feederLimitKw, phaseLimitA }
    ],
    evses: Array.from({ length: evses }, (_, i) => ({
      id: `e${i}`,
      nodeId: `f${i % 2}`,
      maxKw: evseMaxKw,
      minKw: evseMinKw,
      phase: phases[i % phases.length]
    })),
    pv: [{ id: 'pv', nodeId: 'root', kw: pvKw }],
    energy: { gridMix, pricePerKWh }
  };
}

/** An ActiveSession with defaults: EVSE e<n>, 11 kW, 10 kWh wanted, window 0..16. */
export function session(p: Partial<ActiveSession> & { id: string }): ActiveSession {
  const remainingKWh = p.remainingKWh ?? 10;
  const deliveredKWh = p.deliveredKWh ?? 0;
  return {
    evseId: 'e0',
    startSlot: 0,
    endSlot: 16,
    requestedKWh: remainingKWh + deliveredKWh,
    deliveredKWh,
    remainingKWh,
    maxKw: 11,
    minKw: 0,
    preference: 'balanced',
    requestMs: 0,
    ...p
  };
}

/** A gate input on the test timeline (slot 0 = 2026-01-05 00:00 UTC, 15-min slots). */
export function gate(site: Site, sessions: ActiveSession[], extra: Partial<ScheduleInput> = {}): ScheduleInput {
  return { site, timeline: { startMs: Date.UTC(2026, 0, 5), slotMinutes: 15 }, firstSlot: 0, sessions, ...extra };
}

/**
 * Every way a result can break the rules, as readable strings (empty = fine): power outside
 * 0..maxKw or outside the window, more energy than requested, setpoint ≠ plan, shared-EVSE or
 * grid-row overload (1e-6), and, with `checkMinKw`, power between 0 and minKw other than a
 * session's completing last slot.
 */
export function limitViolations(input: ScheduleInput, result: ScheduleResult, { checkMinKw = false, tol = 1e-6 } = {}): string[] {
  const out: string[] = [];
  const h = input.timeline.slotMinutes / 60;
  const { firstSlot } = input;
  const horizon = result.plans.reduce((m, p) => Math.max(m, p.kw.length), 0);
  const bySession = new Map(input.sessions.map((s) => [s.id, s]));
  for (const plan of result.plans) {
    const s = bySession.get(plan.sessionId);
    if (!s) {
      out.push(`plan for unknown session ${plan.sessionId}`);
      continue;
    }
    let energy = 0;
    let lastOn = -1;
    plan.kw.forEach((kw, i) => {
      const t = firstSlot + i;
      if (kw < -tol || kw > s.maxKw + tol) out.push(`${s.id} slot ${t}: ${kw} kW outside 0..${s.maxKw}`);
      if (kw > tol && (t < s.startSlot || t >= s.endSlot)) out.push(`${s.id} slot ${t}: ${kw} kW outside window ${s.startSlot}..${s.endSlot}`);
      if (kw > tol) lastOn = i;
      energy += kw * h;
    });
    if (energy > s.remainingKWh + tol) out.push(`${s.id}: plans ${energy} kWh > remaining ${s.remainingKWh}`);
    if (Math.abs((result.setpointsKw[s.id] ?? 0) - (plan.kw[0] ?? 0)) > tol) out.push(`${s.id}: setpoint ≠ plan[0]`);
    if (checkMinKw && s.minKw > 0) {
      plan.kw.forEach((kw, i) => {
        const completes = i === lastOn && energy >= s.remainingKWh - 1e-6;
        if (kw > tol && kw < s.minKw - tol && !completes) out.push(`${s.id} slot ${firstSlot + i}: ${kw} kW below minKw ${s.minKw}`);
      });
    }
  }
  const slots = Array.from({ length: horizon }, (_, i) => firstSlot + i);
  const rows = buildGridRows({ site: input.site, slots });
  const evseMax = new Map(input.site.evses.map((e) => [e.id, e.maxKw]));
  for (let i = 0; i < horizon; i++) {
    const kwByEvse: Record<string, number> = {};
    for (const plan of result.plans) kwByEvse[plan.evseId] = (kwByEvse[plan.evseId] ?? 0) + (plan.kw[i] ?? 0);
    for (const [id, kw] of Object.entries(kwByEvse)) if (kw > (evseMax.get(id) ?? Infinity) + tol) out.push(`evse ${id} slot ${firstSlot + i}: ${kw} kW`);
    for (const o of evaluateGridRows({ rows, slotIndex: i, kwByEvse })) if (o.overKw > tol) out.push(`${o.name} slot ${firstSlot + i}: over by ${o.overKw} kW`);
  }
  return out;
}

const PREFS: Preference[] = ['balanced', 'green', 'cheap', 'fast'];
const STRATEGIES: StrategyName[] = ['balanced', 'grid-first', 'green-first', 'user-first'];

/** Random small gates: 2–6 EVSEs on a 3-node tree (optionally with phase limits), 1–7 sessions (some queued), windows in 0..16. */
export function arbitraryGate({ withMinKw = false }: { withMinKw?: boolean } = {}): fc.Arbitrary<ScheduleInput> {
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
        session({
          id: `s${i}`,
          evseId: `e${s.evse % r.evses}`,
          startSlot: s.start,
          endSlot: s.start + s.len,
          remainingKWh: s.remainingKWh,
          deliveredKWh: s.deliveredKWh,
          maxKw: s.maxKw,
          minKw: Math.min(s.minKw, s.maxKw),
          preference: s.pref,
          requestMs: i
        })
      );
      return gate(site, sessions, { strategy: r.strategy });
    });
}
