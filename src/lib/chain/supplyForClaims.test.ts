import { describe, expect, it } from 'vitest';
import { greenSupplyFromSlotRecord } from './greenSupplyFromSlotRecord';
import type { SlotSupplyEvidence } from './slotSupplyEvidence';
import { supplyForClaims } from './supplyForClaims';

const row = (slot: number, over: Partial<SlotSupplyEvidence> = {}) => ({
  slot, siteId: 'site', startMs: slot * 900_000, evKw: 11, evEnergyKWh: 2.75, greenKWh: 1, baseLoadKw: 2, pvKw: 4, gridMix: { wind: 0.5, gas: 0.5 }, nodes: [], ...over
});

describe('supplyForClaims', () => {
  it('computes the supply of exactly the claimed slots, in slot order, from the stored rows', () => {
    const rows = [row(9), row(7), row(8, { greenKWh: 0.5 }), row(12)];
    const { supply, missingSlots } = supplyForClaims({ claims: [{ slot: 9 }, { slot: 7 }], rows, slotMinutes: 15 });
    expect(missingSlots).toEqual([]);
    expect(supply.map((s) => s.slot)).toEqual([7, 9]);
    expect(supply[0]).toEqual(greenSupplyFromSlotRecord({ record: row(7), slotMinutes: 15 }));
  });

  it('gives a row the same evidence hash as the engine record it was written from', () => {
    const fromRow = supplyForClaims({ claims: [{ slot: 7 }], rows: [row(7)], slotMinutes: 15 }).supply[0];
    const record = { ...row(7), greenShare: 0.36, netLoadKw: 9, limitKw: 50, overloads: [], overKw: 0, co2GPerKWh: 200, pricePerKWh: 0.3, chargingSessions: 1 };
    expect(fromRow.evidenceHash).toBe(greenSupplyFromSlotRecord({ record, slotMinutes: 15 }).evidenceHash);
  });

  it('error: lists claimed slots without a row, or with a row from an older build, as missing', () => {
    const { greenKWh: _g, gridMix: _m, ...old } = row(8);
    const { supply, missingSlots } = supplyForClaims({ claims: [{ slot: 7 }, { slot: 8 }, { slot: 10 }], rows: [row(7), old, undefined], slotMinutes: 15 });
    expect(supply.map((s) => s.slot)).toEqual([7]);
    expect(missingSlots).toEqual([8, 10]);
  });
});
