import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceipt } from './receipt';
import { ledgerSupplyWh } from './ledgerSupplyWh';
import { meteredReceiptFromReceipt } from './meteredReceiptFromReceipt';

describe('ledgerSupplyWh', () => {
  it('rounds each green category down to whole Wh in the ledger order SOLAR, WIND, WATER, GENERAL_GREEN (no Wh without production)', () => {
    expect(ledgerSupplyWh({ greenKWhBySource: { solar: 1.2349, wind: 0.5, hydro: 0.0009, biomass: 2, gas: 9 } })).toEqual({ greenWh: 3734, sourceWh: [1234, 500, 0, 2000], claimableWh: 3735 });
  });

  it('ignores float noise instead of adding a phantom Wh', () => {
    expect(ledgerSupplyWh({ greenKWhBySource: { wind: 0.1 + 0.2 } }).greenWh).toBe(300);
    expect(ledgerSupplyWh({ greenKWhBySource: { wind: 0.3 - 1e-12 } }).greenWh).toBe(300);
    expect(ledgerSupplyWh({ greenKWhBySource: {} })).toEqual({ greenWh: 0, sourceWh: [0, 0, 0, 0], claimableWh: 0 });
  });

  it('the metered claims of any split of the slot among sessions fit the registered Wh of every source (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.tuple(...[0, 1, 2, 3].map(() => fc.double({ min: 0, max: 1, noNaN: true }))),
        (sessionGreenKWh, weights) => {
          const totalKWh = sessionGreenKWh.reduce((a, b) => a + b, 0);
          const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
          const [solar, wind, hydro, biomass] = weights.map((w) => (totalKWh * w) / weightSum);
          const supply = ledgerSupplyWh({ greenKWhBySource: { solar, wind, hydro, biomass } });
          const claimed = [0, 0, 0, 0];
          let receiptsWh = 0;
          sessionGreenKWh.forEach((energyKWh, i) => {
            const receipt = createReceipt({
              sessionId: `s${i}`, siteId: 'site', stationId: 'e', timeline: { startMs: 0, slotMinutes: 15 }, firstSlot: 4, lastSlot: 4,
              deliveredKWh: energyKWh, greenKWhBySlot: [{ slot: 4, energyKWh }], issuedAtMs: 0
            });
            receiptsWh += receipt.greenWh;
            const metered = meteredReceiptFromReceipt({ receipt, beneficiary: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', deadlineSec: 1, supplyWhBySlot: new Map([[4, supply]]) });
            for (const c of metered.claims) claimed[c.source] += Number(c.wh);
          });
          expect(receiptsWh).toBeLessThanOrEqual(supply.claimableWh);
          claimed.forEach((wh, source) => expect(wh).toBeLessThanOrEqual(supply.sourceWh[source]));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('claims nothing in a slot whose green energy registers no whole Wh, even when the receipt kept 1 Wh (fast-check counterexample)', () => {
    // 0.000999999 kWh of biomass registers 0 Wh; the receipt's 0.0009999990000000001 kWh keeps 1 Wh.
    const supply = ledgerSupplyWh({ greenKWhBySource: { wind: 9.868639239000542e-20, biomass: 0.000999999 } });
    expect(supply.sourceWh).toEqual([0, 0, 0, 0]);
    const receipt = createReceipt({
      sessionId: 'tiny', siteId: 'site', stationId: 'e', timeline: { startMs: 0, slotMinutes: 15 }, firstSlot: 4, lastSlot: 4,
      deliveredKWh: 0.0009999990000000001, greenKWhBySlot: [{ slot: 4, energyKWh: 0.0009999990000000001 }], issuedAtMs: 0
    });
    expect(receipt.greenWh).toBe(1);
    const metered = meteredReceiptFromReceipt({ receipt, beneficiary: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', deadlineSec: 1, supplyWhBySlot: new Map([[4, supply]]) });
    expect(metered.claims).toEqual([]);
  });

  it('leaves at most a few Wh of a slot unclaimed by one session that takes all of it', () => {
    const supply = ledgerSupplyWh({ greenKWhBySource: { solar: 1.0009, wind: 0.0009 } });
    expect(supply).toEqual({ greenWh: 1000, sourceWh: [1000, 0, 0, 0], claimableWh: 1001 });
    const receipt = createReceipt({
      sessionId: 'all', siteId: 'site', stationId: 'e', timeline: { startMs: 0, slotMinutes: 15 }, firstSlot: 4, lastSlot: 4,
      deliveredKWh: 1.0018, greenKWhBySlot: [{ slot: 4, energyKWh: 1.0018 }], issuedAtMs: 0
    });
    // 1001 Wh claimed by the receipt, 1000 Wh solar registered: the split never asks for the 1001st.
    const metered = meteredReceiptFromReceipt({ receipt, beneficiary: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', deadlineSec: 1, supplyWhBySlot: new Map([[4, supply]]) });
    expect(metered.claims.map((c) => [c.source, c.wh])).toEqual([[0, 1000n]]);
  });
});

describe('ledgerSourceWord', () => {
  it('names each ledger source as the receipt’s source table does (WATER is hydro, GENERAL_GREEN biomass)', async () => {
    const { ledgerSourceWord } = await import('./ledgerSupplyWh');
    expect([0, 1, 2, 3].map(ledgerSourceWord)).toEqual(['solar', 'wind', 'hydro', 'biomass']);
    expect(ledgerSourceWord(7)).toBe('source 7');
  });
});
