import { describe, expect, it } from 'vitest';
import { DEMAND_PRESETS } from './demand-presets';
import { EV_SPECS, EV_SPECS_SOURCE } from './ev-specs';

describe('demand presets', () => {
  it.each(Object.values(DEMAND_PRESETS))('$name names its datasets, files, licences and derivation', (preset) => {
    expect(preset.source).toMatch(/ElaadNL/);
    expect(preset.source).toMatch(/MIT/);
    expect(preset.source).toMatch(/distribution-of-arrival/);
    expect(preset.source).toMatch(/derive-presets\.ts/);
    const log = { workplace: /ACN-Data.*e-Energy/s, public: /Boulder/, residential: /Trondheim|CC BY 4\.0/ }[preset.name];
    expect(preset.source).toMatch(log);
  });

  it.each(Object.values(DEMAND_PRESETS))('$name has 96 arrival weights per day type, summing to 1, that differ between weekday and weekend', (preset) => {
    for (const w of [preset.arrivalWeights.weekday, preset.arrivalWeights.weekend]) {
      expect(w).toHaveLength(96);
      expect(w.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
    const diff = preset.arrivalWeights.weekday.reduce((a, x, i) => a + Math.abs(x - preset.arrivalWeights.weekend[i]), 0);
    expect(diff).toBeGreaterThan(0.1);
    expect(preset.weekendVolume).toBeGreaterThan(0);
    expect(preset.weekendVolume).toBeLessThan(1.5);
  });

  it.each(Object.values(DEMAND_PRESETS))('$name has finite log-normal dwell and energy for all 24 arrival hours', (preset) => {
    for (const table of [preset.dwellHoursByHour, preset.energyKWhByHour]) {
      expect(table).toHaveLength(24);
      for (const { mu, sigma } of table) {
        expect(Number.isFinite(mu)).toBe(true);
        expect(sigma).toBeGreaterThan(0);
        expect(sigma).toBeLessThan(3);
      }
    }
    expect(preset.dwellHoursRange[0]).toBeLessThan(preset.dwellHoursRange[1]);
    expect(preset.energyKWhRange[0]).toBeGreaterThan(0);
  });

  it('workplace arrivals peak in the morning on weekdays; residential ones in the evening', () => {
    const peakHour = (w: readonly number[]) => Math.floor(w.indexOf(Math.max(...w)) / 4);
    expect(peakHour(DEMAND_PRESETS.workplace.arrivalWeights.weekday)).toBeGreaterThanOrEqual(6);
    expect(peakHour(DEMAND_PRESETS.workplace.arrivalWeights.weekday)).toBeLessThanOrEqual(10);
    expect(peakHour(DEMAND_PRESETS.residential.arrivalWeights.weekday)).toBeGreaterThanOrEqual(15);
  });

  it('EV specs carry battery kWh, AC kW and registration weights, with a source line', () => {
    expect(EV_SPECS_SOURCE).toMatch(/ev_specs\.json.*MIT/);
    expect(EV_SPECS.length).toBeGreaterThan(5);
    expect(EV_SPECS.reduce((a, s) => a + s.weight, 0)).toBeCloseTo(1, 2);
    for (const s of EV_SPECS) {
      expect(s.batteryKWh).toBeGreaterThan(10);
      expect(s.maxAcKw).toBeGreaterThan(0);
      expect(s.maxAcKw).toBeLessThanOrEqual(22);
    }
  });
});
