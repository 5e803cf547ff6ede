import { describe, expect, it } from 'vitest';
import { buildChargingModel } from './build-charging-model';
import { repairPower } from './repair-power';
import { roundMinPower } from './round-min-power';
import { limitViolations } from '../testing/limit-violations';
import { activeSession, gate, smallSite } from '../testing/small-site';
import { extractSchedule } from './extract-schedule';

function setup(sessions = [0, 1, 2].map((i) => activeSession({ id: `s${i}`, evseId: `e${i}`, remainingKWh: 30, minKw: 4.2 })), site = smallSite({ rootLimitKw: 12 })) {
  const input = gate(site, sessions);
  const cm = buildChargingModel({ input });
  return { input, cm };
}

describe('repairPower', () => {
  it('lowers an overloaded plan until every row holds, removing power from the session leaving last first', () => {
    const sessions = [activeSession({ id: 'early', evseId: 'e0', endSlot: 8 }), activeSession({ id: 'late', evseId: 'e1', endSlot: 16 })];
    const { input, cm } = setup(sessions, smallSite({ rootLimitKw: 12 }));
    const kw = cm.sessions.map((s) => new Float64Array(s.toSlot - s.fromSlot).fill(11));
    const res = repairPower({ chargingModel: cm, kw, minKw: [0, 0] });
    expect(res.violatedRows).toContain('node.root.0');
    // 12 kW root: the early leaver keeps 11 kW, the late one gets the 1 kW left.
    expect(kw[0][0]).toBe(11);
    expect(kw[1][0]).toBeCloseTo(1, 9);
    // The energy cap trims the latest slots first: 10 kWh = 3 full slots + 0.5 kW·h.
    expect(Array.from(kw[0].slice(4, 8))).toEqual([0, 0, 0, 0]);
    expect(kw[0].reduce((a, v) => a + v * 0.25, 0)).toBeCloseTo(10, 9);
    const { plans, setpointsKw } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw });
    expect(limitViolations(input, { scheduler: 't', status: 'feasible', setpointsKw, plans, buildMs: 0, solveMs: 0 })).toEqual([]);
  });

  it('never leaves power between 0 and the minimum when it lowers a session', () => {
    const { cm } = setup();
    const kw = cm.sessions.map((s) => new Float64Array(s.toSlot - s.fromSlot).fill(6));
    repairPower({ chargingModel: cm, kw, minKw: [4.2, 4.2, 4.2] });
    for (const p of kw) for (const v of p) expect(v === 0 || v >= 4.2 - 1e-9).toBe(true);
  });
});

describe('roundMinPower', () => {
  it('turns a relaxation that shares 12 kW three ways into a feasible 0-or-≥-minKw plan', () => {
    const { input, cm } = setup();
    const kw = cm.sessions.map((s) => new Float64Array(s.toSlot - s.fromSlot).fill(4));
    const res = roundMinPower({ chargingModel: cm, kw, minKw: [4.2, 4.2, 4.2] });
    for (let i = 0; i < 16; i++) expect(kw.filter((p) => p[i] > 0).length).toBeLessThanOrEqual(2);
    const { plans, setpointsKw } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw });
    expect(limitViolations(input, { scheduler: 't', status: 'feasible', setpointsKw, plans, buildMs: 0, solveMs: 0 }, { checkMinKw: true })).toEqual([]);
    expect(res.addedKw).toBeGreaterThan(0);
  });

  it('gives a feasible 0-or-≥-minKw plan with the threshold method too', () => {
    const { input, cm } = setup();
    const kw = cm.sessions.map((s) => new Float64Array(s.toSlot - s.fromSlot).fill(4));
    roundMinPower({ chargingModel: cm, kw, minKw: [4.2, 4.2, 4.2], method: 'threshold' });
    const { plans, setpointsKw } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw });
    expect(limitViolations(input, { scheduler: 't', status: 'feasible', setpointsKw, plans, buildMs: 0, solveMs: 0 }, { checkMinKw: true })).toEqual([]);
    expect(plans.reduce((a, p) => a + p.plannedKWh, 0)).toBeGreaterThan(40);
  });

  it('keeps the remainder of a nearly full session as one completing slot', () => {
    const { input, cm } = setup([activeSession({ id: 'a', remainingKWh: 0.5, minKw: 4.2 })]);
    const kw = [new Float64Array(16).fill(0.125)];
    roundMinPower({ chargingModel: cm, kw, minKw: [cm.sessions[0].minKw] });
    const { plans, setpointsKw } = extractSchedule({ chargingModel: cm, sessions: input.sessions, kw });
    expect(plans[0].plannedKWh).toBeCloseTo(0.5, 9);
    expect(plans[0].kw.filter((v) => v > 0)).toHaveLength(1);
    expect(limitViolations(input, { scheduler: 't', status: 'feasible', setpointsKw, plans, buildMs: 0, solveMs: 0 }, { checkMinKw: true })).toEqual([]);
  });
});
