import { describe, expect, it } from 'vitest';
import { batteryAcceptanceKw } from './battery-taper';

describe('batteryAcceptanceKw', () => {
  it('accepts full power up to 80 % and falls linearly to 20 % of it at 100 %', () => {
    expect(batteryAcceptanceKw({ vehicleMaxKw: 11, soc: 0 })).toBe(11);
    expect(batteryAcceptanceKw({ vehicleMaxKw: 11, soc: 0.8 })).toBe(11);
    expect(batteryAcceptanceKw({ vehicleMaxKw: 11, soc: 0.9 })).toBeCloseTo(6.6, 12);
    expect(batteryAcceptanceKw({ vehicleMaxKw: 11, soc: 1 })).toBeCloseTo(2.2, 12);
    expect(batteryAcceptanceKw({ vehicleMaxKw: 11, soc: 1.2 })).toBeCloseTo(2.2, 12);
  });
});
