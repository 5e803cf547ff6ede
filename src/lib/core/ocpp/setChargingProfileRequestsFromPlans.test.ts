import { describe, expect, it } from 'vitest';
import type { Site } from '../grid/site';
import type { SessionPlan } from '../model/session-plan';
import { setChargingProfileRequestsFromPlans } from './setChargingProfileRequestsFromPlans';

const site: Site = {
  id: 's',
  name: 'Test site',
  timezone: 'Europe/Berlin',
  voltageV: 230,
  lineVoltageV: 208,
  nodes: [{ id: 'root', parentId: null, limitKw: 50 }],
  evses: [
    { id: 'A', nodeId: 'root', maxKw: 11, minKw: 4.14, phase: '3P' },
    { id: 'B', nodeId: 'root', maxKw: 7.4, minKw: 1.38, phase: 'L2' },
    { id: 'C', nodeId: 'root', maxKw: 6.6, minKw: 1.25, phase: 'AB' }
  ]
};
const plan = (sessionId: string, evseId: string, kw: number[]): SessionPlan => ({
  sessionId,
  evseId,
  kw,
  plannedKWh: kw.reduce((s, v) => s + v / 4, 0),
  shortfallKWh: 0,
  expectedFinishSlot: null,
  expectedGreenShare: 0.5
});

describe('setChargingProfileRequestsFromPlans', () => {
  it('makes one TxProfile per session starting at the dispatched slot, in amperes by wiring', () => {
    const timeline = { startMs: Date.parse('2023-07-01T00:00:00Z'), slotMinutes: 15 };
    const { profiles, issues } = setChargingProfileRequestsFromPlans({
      plans: [plan('s1', 'A', [11, 6.9]), plan('s2', 'B', [2.3]), plan('s3', 'C', [6.24])],
      site,
      timeline,
      firstSlot: 40,
      evseNumbers: { A: 1, B: 2, C: 3 },
      transactionIds: { s1: 'tx-1' },
      chargingRateUnit: 'A',
      firstProfileId: 100
    });
    expect(issues).toEqual([]);
    expect(profiles.map((p) => [p.sessionId, p.request.evseId, p.request.chargingProfile.id])).toEqual([
      ['s1', 1, 100],
      ['s2', 2, 101],
      ['s3', 3, 102]
    ]);
    const periods = profiles.map((p) => p.request.chargingProfile.chargingSchedule[0].chargingSchedulePeriod);
    expect(periods[0]).toEqual([
      { startPeriod: 0, limit: 15.9, numberPhases: 3 },
      { startPeriod: 900, limit: 10, numberPhases: 3 }
    ]);
    expect(periods[1]).toEqual([{ startPeriod: 0, limit: 10, numberPhases: 1 }]);
    expect(periods[2]).toEqual([{ startPeriod: 0, limit: 30, numberPhases: 1 }]); // 6 240 W / 208 V
    expect(profiles[0].request.chargingProfile.chargingSchedule[0].startSchedule).toBe('2023-07-01T10:00:00.000Z');
    expect(profiles[0].request.chargingProfile.transactionId).toBe('tx-1');
    expect(profiles[1].request.chargingProfile.transactionId).toBeUndefined();
  });

  it('error: a plan whose EVSE has no OCPP number is reported and skipped', () => {
    const { profiles, issues } = setChargingProfileRequestsFromPlans({
      plans: [plan('s1', 'A', [11]), plan('s2', 'Z', [3])],
      site,
      timeline: { startMs: 0, slotMinutes: 15 },
      firstSlot: 0,
      evseNumbers: { A: 1 }
    });
    expect(profiles).toHaveLength(1);
    expect(issues).toEqual([{ file: 'plans', where: '$[1]', message: expect.stringContaining('EVSE "Z" has no OCPP evseId') }]);
  });
});
