import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { buildNotifyEvChargingScheduleRequest } from './buildNotifyEvChargingScheduleRequest';
import { notifyEvChargingScheduleRequestSchema } from './notifyEvChargingNeedsRequestSchema';
import { parseEvChargingNeeds } from './parseEvChargingNeeds';

const ac = {
  evseId: 2,
  maxScheduleTuples: 24,
  chargingNeeds: {
    requestedEnergyTransfer: 'AC_three_phase',
    departureTime: '2026-03-02T16:30:00Z',
    acChargingParameters: { energyAmount: 18500, evMinCurrent: 6, evMaxCurrent: 16, evMaxVoltage: 230 }
  }
};
const dc = {
  evseId: 1,
  chargingNeeds: {
    requestedEnergyTransfer: 'DC',
    dcChargingParameters: { evMaxCurrent: 200, evMaxVoltage: 450, evMaxPower: 50000, stateOfCharge: 20, evEnergyCapacity: 60000, fullSoC: 80 }
  }
};
const issuesOf = (json: unknown) => {
  try {
    parseEvChargingNeeds({ json });
  } catch (e) {
    return (e as ValidationError).issues.map((i) => `${i.where}: ${i.message}`);
  }
  return [];
};

describe('NotifyEVChargingNeedsRequest → the car’s needs', () => {
  it('reads AC needs: energy, departure and the car’s power limits from its currents at 230 V on three phases', () => {
    const n = parseEvChargingNeeds({ json: ac });
    expect(n).toMatchObject({ evseId: 2, transfer: 'AC_three_phase', energyKWh: 18.5, departureMs: Date.parse('2026-03-02T16:30:00Z'), maxScheduleTuples: 24 });
    expect(n.vehicleMaxKw).toBeCloseTo(11.04, 9);
    expect(n.vehicleMinKw).toBeCloseTo(4.14, 9);
  });

  it('reads DC needs: power, SoC and capacity; without energyAmount the energy is (fullSoC − SoC) × capacity', () => {
    const n = parseEvChargingNeeds({ json: JSON.stringify([2, 'msg-1', 'NotifyEVChargingNeeds', dc]) });
    expect(n).toMatchObject({ evseId: 1, vehicleMaxKw: 50, arrivalSoc: 0.2, batteryKWh: 60, targetSoc: 0.8 });
    expect(n.energyKWh).toBeCloseTo(36, 9);
    expect(n.departureMs).toBeUndefined();
  });

  it('error: evseId 0, an unknown field, DC parameters on an AC request and a SoC over 100 % are named by path', () => {
    expect(issuesOf({ ...ac, evseId: 0 })).toEqual(['$.evseId: evseId may not be 0']);
    expect(issuesOf({ ...ac, chargingNeeds: { ...ac.chargingNeeds, surprise: 1 } })[0]).toMatch(/^\$\.chargingNeeds: .*surprise/);
    expect(issuesOf({ ...ac, chargingNeeds: { ...ac.chargingNeeds, dcChargingParameters: dc.chargingNeeds.dcChargingParameters } })).toEqual([
      '$.chargingNeeds.dcChargingParameters: dcChargingParameters go with requestedEnergyTransfer DC'
    ]);
    expect(issuesOf({ ...dc, chargingNeeds: { ...dc.chargingNeeds, dcChargingParameters: { ...dc.chargingNeeds.dcChargingParameters, stateOfCharge: 120 } } })[0]).toMatch(/^\$\.chargingNeeds\.dcChargingParameters\.stateOfCharge:/);
    expect(issuesOf([2, 'x', 'BootNotification', {}])[0]).toMatch(/^\$: expected a NotifyEVChargingNeedsRequest/);
    expect(issuesOf('{not json')[0]).toMatch(/^\$: not valid JSON/);
  });
});

describe('the plan’s answer as NotifyEVChargingScheduleRequest', () => {
  it('carries the SetChargingProfile schedule for that EVSE with timeBase = its start, valid against the schema', () => {
    const startMs = Date.parse('2026-03-02T08:00:00Z');
    const { request } = buildNotifyEvChargingScheduleRequest({ evseId: 2, startMs, slotMinutes: 15, kw: [11, 11, 7.4, 0], profileId: 7 });
    expect(notifyEvChargingScheduleRequestSchema.safeParse(request).success).toBe(true);
    expect(request.timeBase).toBe('2026-03-02T08:00:00.000Z');
    expect(request.chargingSchedule.chargingSchedulePeriod.map((p) => [p.startPeriod, p.limit])).toEqual([
      [0, 11000],
      [1800, 7400],
      [2700, 0]
    ]);
  });

  it('error: a schedule longer than the car’s maxScheduleTuples is refused', () => {
    expect(() => buildNotifyEvChargingScheduleRequest({ evseId: 1, startMs: 0, slotMinutes: 15, kw: [1, 2, 3], profileId: 1, maxScheduleTuples: 2 })).toThrow(/at most 2 periods/);
  });
});
