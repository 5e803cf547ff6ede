import { describe, expect, it } from 'vitest';
import { checkRequest, requestedEnergyKWh, type RequestFormValues } from './request-checks';

const ac = { maxKw: 11, connectors: ['IEC_62196_T2'] };
const kwh: RequestFormValues = { mode: 'kwh', energyKWh: 20, batteryKWh: null, socNowPct: null, socTargetPct: null, vehicleMaxKw: 11 };
const soc: RequestFormValues = { mode: 'soc', energyKWh: null, batteryKWh: 60, socNowPct: 30, socTargetPct: 80, vehicleMaxKw: 11 };
const check = (values: RequestFormValues, windowHours = 8, evse = ac) => checkRequest({ values, evse, windowHours, departureText: '17:00' });

describe('request form validation by the app', () => {
  it('accepts a request that fits the battery, the window and the connector', () => {
    expect(check(kwh)).toEqual([]);
    expect(check(soc)).toEqual([]);
    expect(requestedEnergyKWh(soc)).toBeCloseTo(30, 9);
  });

  it('error: 1e9 kWh or nothing at all is refused with what is allowed and why', () => {
    expect(check({ ...kwh, energyKWh: 1e9 })).toEqual([{ field: 'energyKWh', message: 'At most 200 kWh: no car battery holds more.' }]);
    expect(check({ ...kwh, energyKWh: null })).toEqual([{ field: 'energyKWh', message: 'Enter the energy you need: more than 0 kWh.' }]);
    expect(check({ ...kwh, energyKWh: -3 })[0].field).toBe('energyKWh');
  });

  it('error: more energy than the car can take before departure names the most that fits', () => {
    expect(check({ ...kwh, energyKWh: 100 }, 6.5)).toEqual([
      { field: 'energyKWh', message: 'At most 71.5 kWh fit before 17:00: 11 kW for 6 h 30 min. Leave later or ask for less.' }
    ]);
  });

  it('error: a charge outside 0–100 % (150 % target, −20 % now) and a 5,000 kWh battery are refused', () => {
    const issues = check({ ...soc, batteryKWh: 5000, socNowPct: -20, socTargetPct: 150 });
    expect(issues.map((i) => i.field)).toEqual(['batteryKWh', 'socNowPct', 'socTargetPct']);
    expect(issues[0].message).toBe("Battery size must be between 5 and 200 kWh (the range of today's cars).");
    expect(issues[1].message).toBe('Charge now must be between 0 and 100 %.');
    expect(issues[2].message).toBe('Target charge must be between 1 and 100 %: a battery cannot be fuller than full.');
    expect(check({ ...soc, socTargetPct: 20 })).toEqual([{ field: 'socTargetPct', message: 'Target charge must be above the charge now (30 %).' }]);
  });

  it('error: a 1,000 kW car is outside the connector’s limit, named with the connector', () => {
    expect(check({ ...kwh, vehicleMaxKw: 1000 })).toEqual([
      { field: 'vehicleMaxKw', message: 'Car max. power must be between 1 and 43 kW at a Type 2 connector (AC charging tops out at 43 kW).' }
    ]);
    expect(check({ ...kwh, vehicleMaxKw: 150 }, 8, { maxKw: 150, connectors: ['IEC_62196_T2_COMBO'] })).toEqual([]);
  });

  it('error: a departure with no full quarter-hour before it is refused', () => {
    expect(check(kwh, 0)).toEqual([{ field: 'departure', message: 'Departure 17:00 is too soon: no full quarter-hour of charging fits before it.' }]);
  });

  it('error: on a 5-minute timeline the too-soon message speaks of 5 minutes, not a quarter-hour', () => {
    expect(checkRequest({ values: kwh, evse: ac, windowHours: 0, departureText: '17:00', slotMinutes: 5 })).toEqual([
      { field: 'departure', message: 'Departure 17:00 is too soon: no full 5-minute period of charging fits before it.' }
    ]);
  });

  it('error: a departure after the demo day ends is refused with the day’s end', () => {
    expect(checkRequest({ values: kwh, evse: ac, windowHours: 20, departureText: '17:00 +1 day', afterDayEnd: '07:00 +1 day, Sun 6 Dec' })).toEqual([
      { field: 'departure', message: 'Departure 17:00 +1 day is after the demo day ends (07:00 +1 day, Sun 6 Dec): choose a departure by then.' }
    ]);
  });
});
