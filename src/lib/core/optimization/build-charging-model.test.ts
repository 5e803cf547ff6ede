import { describe, expect, it } from 'vitest';
import { buildChargingModel } from './build-charging-model';
import { rowActivities, rowTerms } from './lp-model';
import { strategyWeights } from './strategies';
import { generateGate } from './testing/generate-gate';
import { activeSession, gate, smallSite, TEST_START_MS } from '../testing/small-site';
import { planGreenShares } from '../baselines/plan-green-shares';
import { validateLpModel } from './validate-lp-model';

const rowByName = (model: ReturnType<typeof buildChargingModel>['model'], name: string) => model.rowNames.indexOf(name);

describe('buildChargingModel', () => {
  it('creates p columns only inside each session window and the horizon, bounded by maxKw', () => {
    const input = gate(smallSite(), [activeSession({ id: 'a', startSlot: 2, endSlot: 6, maxKw: 7.4 }), activeSession({ id: 'late', evseId: 'e1', startSlot: -3, endSlot: 4 })], {
      firstSlot: 1
    });
    const { model, sessions } = buildChargingModel({ input });
    const pNames = model.colNames.filter((n) => n.startsWith('p.a.'));
    expect(pNames).toEqual(['p.a.2', 'p.a.3', 'p.a.4', 'p.a.5']);
    expect(model.colUpper[model.colNames.indexOf('p.a.2')]).toBe(7.4);
    expect(sessions.find((s) => s.id === 'late')).toMatchObject({ fromSlot: 1, toSlot: 4 });
    expect(validateLpModel({ model })).toEqual([]);
  });

  it('names rows by meaning and id, with LP-safe escapes for ids like CA-496', () => {
    const site = smallSite({ rootLimitKw: 5, feederLimitKw: 5 });
    site.evses[0] = { ...site.evses[0], id: 'CA-496' };
    const input = gate(site, [activeSession({ id: 'S 1', evseId: 'CA-496' }), activeSession({ id: 'S2', evseId: 'CA-496', startSlot: 4 })]);
    const { model } = buildChargingModel({ input });
    expect(model.rowNames).toContain('energy.S~201');
    expect(model.rowNames).toContain('evse.CA~2d496.4');
    expect(model.rowNames).toContain('node.root.0');
    expect(model.rowNames).toContain('node.f0.0');
    expect(model.rowNames.every((n) => /^[A-Za-z0-9_.~]+$/.test(n))).toBe(true);
  });

  it('leaves out grid rows that cannot bind: every session at its max stays below the limit', () => {
    const input = gate(smallSite({ rootLimitKw: 100, feederLimitKw: 60 }), [activeSession({ id: 'a', maxKw: 11 })]);
    const { model } = buildChargingModel({ input });
    expect(model.rowNames.some((n) => n.startsWith('node.'))).toBe(false);
    const tight = buildChargingModel({ input: gate(smallSite({ rootLimitKw: 5 }), [activeSession({ id: 'a', maxKw: 11 })]) });
    expect(tight.model.rowNames).toContain('node.root.0');
  });

  it('writes the energy row as Σ h·p + shortfall = remaining, with the unreachable part as shortfall lower bound', () => {
    const input = gate(smallSite(), [activeSession({ id: 'a', startSlot: 0, endSlot: 4, remainingKWh: 20, maxKw: 10 })]);
    const { model } = buildChargingModel({ input });
    const r = rowByName(model, 'energy.a');
    expect(rowTerms(model, r)).toEqual([[0, 0.25], [1, 0.25], [2, 0.25], [3, 0.25], [4, 1]]);
    expect([model.rowLower[r], model.rowUpper[r]]).toEqual([20, 20]);
    const u = model.colNames.indexOf('short.a');
    expect(model.colLower[u]).toBeCloseTo(10, 6);
    expect(model.colCost[u]).toBe(strategyWeights().shortfall);
  });

  it('adds shared-EVSE rows only in slots where two sessions on one EVSE overlap', () => {
    const input = gate(smallSite(), [activeSession({ id: 'a', endSlot: 6 }), activeSession({ id: 'b', startSlot: 4, endSlot: 10 })]);
    const { model } = buildChargingModel({ input });
    expect(model.rowNames.filter((n) => n.startsWith('evse.'))).toEqual(['evse.e0.4', 'evse.e0.5']);
  });

  it('is never infeasible: zero power with full shortfall satisfies every row', () => {
    const cm = buildChargingModel({ input: generateGate({ evs: 40, slots: 48, seed: 9, minKwShare: 0.5 }) });
    const x = new Float64Array(cm.model.numCols);
    for (const s of cm.sessions) if (s.uCol >= 0) x[s.uCol] = s.remainingKWh;
    // Helper columns of the terms sit at their lower bounds.
    for (let j = 0; j < cm.model.numCols; j++) if (x[j] === 0) x[j] = Math.max(0, cm.model.colLower[j]);
    const act = rowActivities(cm.model, x);
    const bad = cm.model.rowNames.filter((n, r) => !n.startsWith('peak.') && !n.startsWith('flat.') && (act[r] > cm.model.rowUpper[r] + 1e-9 || act[r] < cm.model.rowLower[r] - 1e-9));
    expect(bad).toEqual([]);
  });

  it('models minimum power with binaries only when asked for the MILP', () => {
    const input = gate(smallSite(), [activeSession({ id: 'a', minKw: 4.2, remainingKWh: 10 }), activeSession({ id: 'b', evseId: 'e1' })]);
    const milp = buildChargingModel({ input });
    const lp = buildChargingModel({ input, minPower: 'relax' });
    expect(milp.hasIntegers).toBe(true);
    expect(milp.model.colNames.filter((n) => n.startsWith('on.'))).toHaveLength(16);
    expect(milp.model.rowNames).toContain('minkw.a.0');
    expect(lp.hasIntegers).toBe(false);
    expect(lp.model.colInteger.every((v) => v === 0)).toBe(true);
  });

  it('uses min(minKw, remaining/h) as the minimum so a small remainder fits one slot', () => {
    const input = gate(smallSite(), [activeSession({ id: 'a', minKw: 4.2, remainingKWh: 0.5 })]);
    const cm = buildChargingModel({ input });
    expect(cm.sessions[0].minKw).toBeCloseTo(2, 9);
  });

  it('adds the helper columns of a term only when its weight is non-zero', () => {
    const input = gate(smallSite({ pvKw: 20 }), [activeSession({ id: 'a' }), activeSession({ id: 'b', evseId: 'e1' })]);
    const all = buildChargingModel({ input, weights: strategyWeights() }).model.colNames;
    expect(all).toEqual(expect.arrayContaining(['fair.min', 'peak.kw', 'ev.0', 'pv.0', 'flat.0.1', 'head.1']));
    const none = buildChargingModel({ input, weights: { ...strategyWeights(), fairness: 0, peak: 0, flatten: 0, green: 0, cost: 0, headroom: 0 } }).model.colNames;
    expect(none.some((n) => /^(fair|peak|ev|pv|flat|head)\./.test(n))).toBe(false);
  });

  it('reserves 30 % of the free EVSEs\' power from the second slot on, ramping up over an hour, at most the root capacity', () => {
    // 4 × 11-kW EVSEs; a occupies e0 for slots 0..7, so 33 kW are free until slot 8, then 44.
    const input = gate(smallSite({ rootLimitKw: 40 }), [activeSession({ id: 'a', endSlot: 8 }), activeSession({ id: 'b', evseId: 'e1', startSlot: 8 })]);
    const { model } = buildChargingModel({ input });
    const rhs = (t: number) => model.rowUpper[model.rowNames.indexOf(`head.${t}`)];
    expect(model.rowNames).not.toContain('head.0');
    expect(rhs(1)).toBeCloseTo(40 - (0.3 * 33) / 4, 9);
    expect(rhs(4)).toBeCloseTo(40 - 0.3 * 33, 9);
    expect(rhs(12)).toBeCloseTo(40 - 0.3 * 33, 9);
    const tight = buildChargingModel({ input: { ...input, site: smallSite({ rootLimitKw: 5 }) } }).model;
    expect(tight.rowUpper[tight.rowNames.indexOf('head.6')]).toBeCloseTo(0, 9);
  });

  it('adds battery-taper rows from the slot where the SoC can pass 80 %, none when the request ends below it', () => {
    const battery = { soc: 0.7, batteryKWh: 40, vehicleMaxKw: 11 };
    const tapered = buildChargingModel({ input: gate(smallSite(), [activeSession({ id: 'a', remainingKWh: 11, battery })]) }).model;
    // 11 kW × 0.25 h = 2.75 kWh a slot: after 2 slots the SoC may be 0.8375 > 0.8, after 1 only 0.76875.
    expect(tapered.rowNames).not.toContain('taper.a.1');
    const r = tapered.rowNames.indexOf('taper.a.2');
    expect(r).toBeGreaterThanOrEqual(0);
    // p + (k/B)·c ≤ vmax + k·(0.8 − soc0), k = 11·0.8/0.2 = 44.
    expect(tapered.rowUpper[r]).toBeCloseTo(11 + 44 * 0.1, 9);
    const row = Array.from({ length: tapered.rowStart[r + 1] - tapered.rowStart[r] }, (_, i) => tapered.rowStart[r] + i);
    expect(row.map((k) => tapered.colNames[tapered.rowIndex[k]]).sort()).toEqual(['cum.a.2', 'p.a.2']);
    const coeffs = row.map((k) => tapered.rowValue[k]).sort((x, y) => x - y);
    expect(coeffs[0]).toBe(1);
    expect(coeffs[1]).toBeCloseTo(44 / 40, 12);
    const below = buildChargingModel({ input: gate(smallSite(), [activeSession({ id: 'a', remainingKWh: 3, battery })]) }).model;
    expect(below.rowNames.some((n) => n.startsWith('taper.') || n.startsWith('cum.'))).toBe(false);
  });

  it('builds a 1,000-session gate as plain data that survives structured cloning', () => {
    const cm = buildChargingModel({ input: generateGate({ evs: 1000, slots: 96, seed: 1 }) });
    expect(cm.model.numCols).toBeGreaterThan(20_000);
    const copy = structuredClone(cm);
    expect(copy.model.rowValue).toEqual(cm.model.rowValue);
    expect(copy.sessions).toEqual(cm.sessions);
  });

  it('reads an imported mix series at its real dates (gridMixSeries), the daily profile elsewhere', () => {
    const site = smallSite();
    // Slots 2 and 3 (UTC 00:30–01:00 of the test day) are all wind in the series; the profile is 30 % green.
    const seriesSite = { ...site, energy: { ...site.energy!, gridMixSeries: { startMs: TEST_START_MS + 30 * 60_000, slotMinutes: 15, mixes: [{ wind: 1 }, { wind: 1 }] } } };
    const input = gate(seriesSite, [activeSession({ id: 'a', endSlot: 6 })]);
    const { energy } = buildChargingModel({ input });
    expect(energy.gridGreenShare.slice(0, 6)).toEqual([0.3, 0.3, 1, 1, 0.3, 0.3]);
    // The baselines' expected green share reads the same series.
    const shares = planGreenShares({ site: seriesSite, firstSlot: 0, energyPlans: [[0, 0, 1, 0], [1, 0, 0, 0]], slotHours: 0.25, timeline: input.timeline });
    expect(shares[0]).toBeCloseTo(1, 12);
    expect(shares[1]).toBeCloseTo(0.3, 12);
  });
});
