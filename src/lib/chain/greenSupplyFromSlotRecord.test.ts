import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SlotRecord } from '../core/engine/types';
import { greenSupplyFromSlotRecord } from './greenSupplyFromSlotRecord';

const record = (over: Partial<SlotRecord>): SlotRecord => ({
  slot: 7,
  startMs: 0,
  evKw: 20,
  evEnergyKWh: 5,
  greenKWh: 3,
  greenShare: 0.6,
  baseLoadKw: 4,
  pvKw: 8,
  netLoadKw: 16,
  limitKw: 100,
  nodes: [],
  overloads: [],
  overKw: 0,
  gridMix: { wind: 0.3, solar: 0.1, gas: 0.6 },
  co2GPerKWh: 200,
  pricePerKWh: 0.3,
  chargingSessions: 2,
  ...over
});

describe('greenSupplyFromSlotRecord', () => {
  it('books PV left after the base load as solar and splits the rest by the grid mix', () => {
    // PV 8 kW − base 4 kW = 4 kW for EVs → 1 kWh in 15 min; 2 kWh grid green: wind 1.5, solar 0.5.
    const s = greenSupplyFromSlotRecord({ record: record({}), slotMinutes: 15 });
    expect(s.slot).toBe(7);
    expect(s.greenKWhBySource.solar).toBeCloseTo(1.5, 9);
    expect(s.greenKWhBySource.wind).toBeCloseTo(1.5, 9);
    expect(s.greenKWhBySource.hydro).toBeUndefined();
    expect(s.evidenceHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('sums to the engine’s green kWh for any record (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ evKw: fc.double({ min: 0, max: 200, noNaN: true }), pvKw: fc.double({ min: 0, max: 200, noNaN: true }), baseLoadKw: fc.double({ min: 0, max: 50, noNaN: true }), greenKWh: fc.double({ min: 0, max: 50, noNaN: true }), wind: fc.double({ min: 0, max: 1, noNaN: true }), gas: fc.double({ min: 0, max: 1, noNaN: true }) }),
        ({ evKw, pvKw, baseLoadKw, greenKWh, wind, gas }) => {
          const s = greenSupplyFromSlotRecord({ record: record({ evKw, pvKw, baseLoadKw, greenKWh, gridMix: { wind, gas } }), slotMinutes: 15 });
          const sum = Object.values(s.greenKWhBySource).reduce((a, b) => a + (b ?? 0), 0);
          expect(sum).toBeCloseTo(greenKWh, 6);
          for (const v of Object.values(s.greenKWhBySource)) expect(v).toBeGreaterThanOrEqual(0);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('changes the evidence hash when the record changes', () => {
    const a = greenSupplyFromSlotRecord({ record: record({}), slotMinutes: 15 });
    const b = greenSupplyFromSlotRecord({ record: record({ greenKWh: 3.001 }), slotMinutes: 15 });
    expect(a.evidenceHash).not.toBe(b.evidenceHash);
  });
});
