import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReceipt } from './receipt';
import { ledgerSupplyWh } from './ledgerSupplyWh';

describe('ledgerSupplyWh', () => {
  it('rounds each green category up to whole Wh in the ledger order SOLAR, WIND, WATER, GENERAL_GREEN', () => {
    expect(ledgerSupplyWh({ greenKWhBySource: { solar: 1.2341, wind: 0.5, hydro: 0.0001, biomass: 2, gas: 9 } })).toEqual({ greenWh: 3736, sourceWh: [1235, 500, 1, 2000] });
  });

  it('ignores float noise instead of adding a phantom Wh', () => {
    expect(ledgerSupplyWh({ greenKWhBySource: { wind: 0.1 + 0.2 } }).greenWh).toBe(300);
    expect(ledgerSupplyWh({ greenKWhBySource: {} })).toEqual({ greenWh: 0, sourceWh: [0, 0, 0, 0] });
  });

  it('always covers the receipts of any split of the slot among sessions (claims round down, property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sessionGreenKWh, solarShare) => {
          const totalKWh = sessionGreenKWh.reduce((a, b) => a + b, 0);
          const supply = ledgerSupplyWh({ greenKWhBySource: { solar: totalKWh * solarShare, wind: totalKWh * (1 - solarShare) } });
          const claimedWh = sessionGreenKWh
            .map((energyKWh, i) =>
              createReceipt({
                sessionId: `s${i}`, siteId: 'site', stationId: 'e', timeline: { startMs: 0, slotMinutes: 15 }, firstSlot: 4, lastSlot: 4,
                deliveredKWh: energyKWh, greenKWhBySlot: [{ slot: 4, energyKWh }], issuedAtMs: 0
              }).greenWh
            )
            .reduce((a, b) => a + b, 0);
          expect(claimedWh).toBeLessThanOrEqual(supply.greenWh);
        }
      ),
      { numRuns: 300 }
    );
  });
});
