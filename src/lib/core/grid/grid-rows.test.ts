import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Evse, PhaseConnection, Site } from './site';
import { buildGridRows, evaluateGridRows, evsePhaseCurrentsPerKw } from './grid-rows';
import { polygonMargin } from './phasor-polygon';

const evse = (id: string, nodeId: string, phase: PhaseConnection = '3P', maxKw = 11): Evse => ({ id, nodeId, phase, maxKw, minKw: 0 });

const threeLevel: Site = {
  id: 'test',
  name: 'test',
  timezone: 'Europe/Amsterdam',
  nodes: [
    { id: 'root', parentId: null, limitKw: 100, baseLoadKw: [10, 20] },
    { id: 'f1', parentId: 'root', limitKw: 50, baseLoadKw: 5 },
    { id: 'f2', parentId: 'root', limitKw: 40 },
    { id: 'p1', parentId: 'f1', limitKw: 22, phaseLimitA: 32 },
    { id: 'empty', parentId: 'root', limitKw: 10, baseLoadKw: 3 }
  ],
  evses: [evse('e1', 'p1', 'L1', 7.4), evse('e2', 'p1', '3P'), evse('e3', 'f2'), evse('e4', 'f1', 'L2', 7.4)],
  pv: [{ id: 'pv', nodeId: 'f2', kw: [0, 8] }]
};

describe('buildGridRows: node rows', () => {
  it('makes one row per node with EVSEs below it, rhs = limit − subtree base load + subtree PV', () => {
    const rows = buildGridRows({ site: threeLevel, slots: [0, 1, 2] }).filter((r) => r.name.startsWith('node.'));
    expect(rows.map((r) => r.name)).toEqual(['node.root', 'node.f1', 'node.f2', 'node.p1']);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['node.root'].evseIds).toEqual(['e1', 'e2', 'e3', 'e4']);
    // root: 100 − (10|20 own + 5 f1 + 3 empty) + (0|8 PV), periodic base [10,20] → slot 2 = 10
    expect(byName['node.root'].rhs).toEqual([82, 80, 82]);
    expect(byName['node.f1'].rhs).toEqual([45, 45, 45]);
    expect(byName['node.f2'].rhs).toEqual([40, 48, 40]);
    expect(byName['node.f1'].evseIds).toEqual(['e1', 'e2', 'e4']);
  });
  it('clamps the rhs at zero when base load alone exceeds the limit, so zero charging stays feasible', () => {
    const site: Site = { ...threeLevel, nodes: threeLevel.nodes.map((n) => (n.id === 'f2' ? { ...n, baseLoadKw: 70 } : n)) };
    const row = buildGridRows({ site, slots: [0] }).find((r) => r.name === 'node.f2')!;
    expect(row.rhs).toEqual([0]);
  });
});

describe('buildGridRows: phase rows (line-to-neutral)', () => {
  it('counts single-phase EVSEs on their line and 3P EVSEs one third on each, in kW at 230 V', () => {
    const rows = buildGridRows({ site: threeLevel, slots: [0] }).filter((r) => r.name.startsWith('phase.'));
    expect(rows.map((r) => r.name)).toEqual(['phase.p1.L1', 'phase.p1.L2', 'phase.p1.L3']);
    expect(rows[0].evseIds).toEqual(['e1', 'e2']);
    expect(rows[0].coeffs[0]).toBe(1);
    expect(rows[0].coeffs[1]).toBeCloseTo(1 / 3, 12);
    expect(rows[1].evseIds).toEqual(['e2']);
    expect(rows[0].rhs[0]).toBeCloseTo((32 * 230) / 1000, 9);
  });
  it('reports overload on L1 when a single-phase EVSE draws more than 32 A', () => {
    const rows = buildGridRows({ site: threeLevel, slots: [0] });
    const over = evaluateGridRows({ rows, slotIndex: 0, kwByEvse: { e1: 7.4, e2: 3 } });
    const l1 = over.find((o) => o.name === 'phase.p1.L1')!;
    // 7.4 + 1 = 8.4 kW-equivalent vs 32 A · 230 V = 7.36 kW
    expect(l1.overKw).toBeCloseTo(8.4 - 7.36, 9);
    expect(over.find((o) => o.name === 'node.p1')!.overKw).toBe(0);
  });
});

describe('evaluateGridRows', () => {
  it('returns zero overload for zero power and the excess over rhs otherwise', () => {
    const rows = buildGridRows({ site: threeLevel, slots: [0, 1] });
    expect(evaluateGridRows({ rows, slotIndex: 1, kwByEvse: {} }).every((o) => o.overKw === 0)).toBe(true);
    const over = evaluateGridRows({ rows, slotIndex: 1, kwByEvse: { e3: 50 } });
    expect(over.find((o) => o.name === 'node.f2')!.overKw).toBeCloseTo(2, 12);
    expect(over.find((o) => o.name === 'node.root')!.overKw).toBe(0);
  });
});

const SQRT3 = Math.sqrt(3);
type C = { re: number; im: number };
const add = (x: C, y: C): C => ({ re: x.re + y.re, im: x.im + y.im });
const abs = (x: C) => Math.hypot(x.re, x.im);

/** A Caltech-like LL site: 150 kVA transformer, 208 V secondary, 120 V phase voltage. */
function llSite(phases: PhaseConnection[]): Site {
  return {
    id: 'll',
    name: 'll',
    timezone: 'America/Los_Angeles',
    voltageV: 120,
    lineVoltageV: 208,
    nodes: [
      { id: 'xfmr', parentId: null, limitKw: 1000, transformer: { secondaryLimitA: 150_000 / 3 / 120, primaryLimitA: 150_000 / 3 / 277, turnsRatio: 480 / 208 } }
    ],
    evses: phases.map((phase, i) => evse(`e${i}`, 'xfmr', phase, 6.6))
  };
}

/** Exact secondary and primary phase-current magnitudes, A, for the given EVSE powers. */
function exactCurrents(site: Site, kw: number[]): { sec: number[]; pri: number[] } {
  const vLN = site.voltageV!;
  const vLL = site.lineVoltageV!;
  let I = { a: { re: 0, im: 0 }, b: { re: 0, im: 0 }, c: { re: 0, im: 0 } };
  site.evses.forEach((e, i) => {
    const per = evsePhaseCurrentsPerKw({ phase: e.phase, vLN, vLL });
    I = {
      a: add(I.a, { re: per.a.re * kw[i], im: per.a.im * kw[i] }),
      b: add(I.b, { re: per.b.re * kw[i], im: per.b.im * kw[i] }),
      c: add(I.c, { re: per.c.re * kw[i], im: per.c.im * kw[i] })
    };
  });
  const n = site.nodes[0].transformer!.turnsRatio!;
  const pri = (x: C, y: C) => abs({ re: x.re - y.re, im: x.im - y.im }) / (SQRT3 * n);
  return { sec: [abs(I.a), abs(I.b), abs(I.c)], pri: [pri(I.a, I.c), pri(I.b, I.a), pri(I.c, I.b)] };
}

describe('buildGridRows: transformer rows (ACN line-to-line model)', () => {
  it('makes 3 phases × 12 sides rows on the secondary and on the primary', () => {
    const rows = buildGridRows({ site: llSite(['AB', 'BC', 'CA']), slots: [0] }).filter((r) => r.name.startsWith('xfmr.'));
    expect(rows.filter((r) => r.name.startsWith('xfmr.xfmr.sec.')).length).toBe(36);
    expect(rows.filter((r) => r.name.startsWith('xfmr.xfmr.pri.')).length).toBe(36);
    expect(rows[0].name).toBe('xfmr.xfmr.sec.a.0');
  });
  it('matches acnportal: a lone AB EVSE may draw up to 2·limit_pri·208 V (I_B = ¼(I_b − I_a) = −½·I_ab), less the polygon margin', () => {
    const site = llSite(['AB']);
    const rows = buildGridRows({ site, slots: [0] });
    const maxKw = (prefix: string) =>
      Math.min(...rows.filter((r) => r.name.startsWith(prefix) && r.coeffs[0] > 0).map((r) => r.rhs[0] / r.coeffs[0]));
    const acnPrimaryKw = (2 * site.nodes[0].transformer!.primaryLimitA! * 208) / 1000;
    const acnSecondaryKw = (site.nodes[0].transformer!.secondaryLimitA * 208) / 1000;
    for (const [prefix, exact] of [['xfmr.xfmr.pri.', acnPrimaryKw], ['xfmr.xfmr.sec.', acnSecondaryKw]] as const) {
      const kw = maxKw(prefix);
      expect(kw).toBeLessThanOrEqual(exact * 1.001); // 480/208 vs ACN's 277/120 differ by 0.03 %
      expect(kw).toBeGreaterThanOrEqual(exact * polygonMargin(12) * 0.998);
    }
  });
  it('balanced three-phase power gives the textbook line current P/(√3·V_LL) on every phase', () => {
    const { sec } = exactCurrents(llSite(['AB', 'BC', 'CA']), [10, 10, 10]);
    for (const i of sec) expect(i).toBeCloseTo((30_000) / (SQRT3 * 208), 9);
    const { sec: sec3p } = exactCurrents(llSite(['3P']), [30]);
    for (const i of sec3p) expect(i).toBeCloseTo(30_000 / (3 * 120), 9);
  });
  it('property: polygon-feasible powers never exceed the exact phasor limits (the rows are safe)', () => {
    const phases: PhaseConnection[] = ['AB', 'BC', 'CA', 'AB', 'L1', '3P', 'CA', 'BC'];
    const site = llSite(phases);
    const rows = buildGridRows({ site, slots: [0] });
    const { secondaryLimitA, primaryLimitA } = site.nodes[0].transformer!;
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 60, noNaN: true }), { minLength: phases.length, maxLength: phases.length }), (kw) => {
        const kwByEvse = Object.fromEntries(kw.map((k, i) => [`e${i}`, k]));
        const over = evaluateGridRows({ rows, slotIndex: 0, kwByEvse }).filter((o) => o.name.startsWith('xfmr.'));
        const polygonOk = over.every((o) => o.overKw <= 1e-9);
        const { sec, pri } = exactCurrents(site, kw);
        if (polygonOk) {
          for (const i of sec) expect(i).toBeLessThanOrEqual(secondaryLimitA * (1 + 1e-9));
          for (const i of pri) expect(i).toBeLessThanOrEqual(primaryLimitA! * (1 + 1e-9));
        }
        // Exactly feasible with margin cos(π/K) ⇒ polygon-feasible.
        const m = polygonMargin(12);
        if (sec.every((i) => i <= secondaryLimitA * m) && pri.every((i) => i <= primaryLimitA! * m)) expect(polygonOk).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });
});

describe('buildGridRows: properties over random sites', () => {
  const lnPhases: PhaseConnection[] = ['L1', 'L2', 'L3', '3P'];
  it('property: phase rows hold exactly when every line current (L-N, scalar) is within the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ phase: fc.constantFrom(...lnPhases), kw: fc.double({ min: 0, max: 22, noNaN: true }) }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.integer({ min: 16, max: 125 }),
        (evs, baseKw, limitA) => {
          const site: Site = {
            id: 'p',
            name: 'p',
            timezone: 'UTC',
            nodes: [{ id: 'n', parentId: null, limitKw: 1e6, baseLoadKw: baseKw, phaseLimitA: limitA }],
            evses: evs.map((e, i) => evse(`e${i}`, 'n', e.phase, 22))
          };
          const rows = buildGridRows({ site, slots: [0] });
          const kwByEvse = Object.fromEntries(evs.map((e, i) => [`e${i}`, e.kw]));
          const over = evaluateGridRows({ rows, slotIndex: 0, kwByEvse });
          for (const line of ['L1', 'L2', 'L3'] as const) {
            const evKw = evs.reduce((a, e) => a + (e.phase === line ? e.kw : e.phase === '3P' ? e.kw / 3 : 0), 0);
            const amps = (evKw + baseKw / 3) * (1000 / 230);
            const rowOver = over.find((o) => o.name === `phase.n.${line}`)?.overKw ?? 0;
            const baseOnlyOver = baseKw / 3 > (limitA * 230) / 1000; // rhs clamped at 0: EVs must stop
            if (amps <= limitA - 1e-9 && !baseOnlyOver) expect(rowOver).toBeLessThanOrEqual(1e-9);
            // An overload the EVs add to is always reported (one from base load alone is not theirs).
            if (amps > limitA + 1e-6 && evKw > 0) expect(rowOver).toBeGreaterThan(0);
          }
        }
      ),
      { numRuns: 500 }
    );
  });
  it('property: with base load and PV below the transformer, polygon-feasible ⇒ exact |I_ev + I_base| within limits', () => {
    const phases: PhaseConnection[] = ['AB', 'BC', 'CA', 'L2', '3P'];
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 40, noNaN: true }), { minLength: phases.length, maxLength: phases.length }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        (kw, baseKw, pvKw) => {
          const base = llSite(phases);
          const site: Site = { ...base, nodes: [{ ...base.nodes[0], baseLoadKw: baseKw }], pv: [{ id: 'pv', nodeId: 'xfmr', kw: pvKw }] };
          const rows = buildGridRows({ site, slots: [0] });
          const over = evaluateGridRows({ rows, slotIndex: 0, kwByEvse: Object.fromEntries(kw.map((k, i) => [`e${i}`, k])) });
          if (!over.every((o) => o.overKw <= 1e-9)) return;
          // Balanced net base load (base − PV) adds (net/3)·1000/V_LN in phase with each voltage.
          const netA = ((baseKw - pvKw) / 3) * (1000 / 120);
          const withBase = exactCurrentsWithBase(site, kw, netA);
          for (const i of withBase.sec) expect(i).toBeLessThanOrEqual(site.nodes[0].transformer!.secondaryLimitA * (1 + 1e-9));
          for (const i of withBase.pri) expect(i).toBeLessThanOrEqual(site.nodes[0].transformer!.primaryLimitA! * (1 + 1e-9));
        }
      ),
      { numRuns: 1000 }
    );
  });
});

/** Exact phase currents with a balanced base current of `netA` amperes on each phase. */
function exactCurrentsWithBase(site: Site, kw: number[], netA: number): { sec: number[]; pri: number[] } {
  const vLN = site.voltageV!;
  const vLL = site.lineVoltageV!;
  const angle = { a: 0, b: -120, c: 120 } as const;
  const I = Object.fromEntries(
    (['a', 'b', 'c'] as const).map((p) => [p, { re: netA * Math.cos((angle[p] * Math.PI) / 180), im: netA * Math.sin((angle[p] * Math.PI) / 180) }])
  ) as Record<'a' | 'b' | 'c', C>;
  site.evses.forEach((e, i) => {
    const per = evsePhaseCurrentsPerKw({ phase: e.phase, vLN, vLL });
    for (const p of ['a', 'b', 'c'] as const) I[p] = add(I[p], { re: per[p].re * kw[i], im: per[p].im * kw[i] });
  });
  const n = site.nodes[0].transformer!.turnsRatio!;
  const pri = (x: C, y: C) => abs({ re: x.re - y.re, im: x.im - y.im }) / (SQRT3 * n);
  return { sec: [abs(I.a), abs(I.b), abs(I.c)], pri: [pri(I.a, I.c), pri(I.b, I.a), pri(I.c, I.b)] };
}

describe('buildGridRows: node rows on random trees', () => {
  it('property: each node row covers exactly the EVSEs below the node, with rhs = limit − base + PV of the subtree (≥ 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ parent: fc.nat(), limitKw: fc.integer({ min: 0, max: 200 }), baseKw: fc.integer({ min: 0, max: 50 }), pvKw: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 15 }),
        (spec, evseAt) => {
          const nodes = spec.map((s, i) => ({ id: `n${i}`, parentId: i === 0 ? null : `n${s.parent % i}`, limitKw: s.limitKw, baseLoadKw: s.baseKw }));
          const site: Site = {
            id: 'r',
            name: 'r',
            timezone: 'UTC',
            nodes,
            evses: evseAt.map((k, j) => evse(`e${j}`, `n${k % nodes.length}`)),
            pv: spec.map((s, i) => ({ id: `pv${i}`, nodeId: `n${i}`, kw: s.pvKw }))
          };
          const isBelow = (nodeIdx: number, anc: number): boolean => {
            for (let at: number | null = nodeIdx; at !== null; at = at === 0 ? null : spec[at].parent % at) if (at === anc) return true;
            return false;
          };
          const rows = buildGridRows({ site, slots: [0] }).filter((r) => r.name.startsWith('node.'));
          spec.forEach((s, i) => {
            const below = evseAt.flatMap((k, j) => (isBelow(k % nodes.length, i) ? [`e${j}`] : []));
            const row = rows.find((r) => r.nodeId === `n${i}`);
            if (below.length === 0) return expect(row).toBeUndefined();
            expect(row!.evseIds).toEqual(below);
            const subtree = spec.flatMap((t, m) => (isBelow(m, i) ? [t] : []));
            const net = subtree.reduce((a, t) => a + t.baseKw - t.pvKw, 0);
            expect(row!.rhs[0]).toBeCloseTo(Math.max(0, s.limitKw - net), 9);
          });
        }
      ),
      { numRuns: 300 }
    );
  });
});
