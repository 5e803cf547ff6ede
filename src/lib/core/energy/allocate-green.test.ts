import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SOURCES, type SourceKWh } from './sources';
import { allocateGreen } from './allocate-green';
import { BaseError } from '../errors';

const sum = (x: SourceKWh) => SOURCES.reduce((a, s) => a + (x[s] ?? 0), 0);

describe('allocateGreen', () => {
  it('serves base load from PV first, then EVs pro rata, and exports the rest', () => {
    const r = allocateGreen({ slotHours: 0.25, pvKw: 20, baseLoadKw: 4, evKwBySession: { a: 10, b: 2 }, gridMix: { coal: 1 } });
    expect(r.pvToBaseKw).toBe(4);
    expect(r.evFromPvKw).toBe(12);
    expect(r.evFromGridKw).toBe(0);
    expect(r.pvExportKw).toBe(4);
    expect(r.bySession.a).toMatchObject({ energyKWh: 2.5, onSitePvKWh: 2.5, greenKWh: 2.5, co2G: 2.5 * 41 });
    expect(r.bySession.a.bySourceKWh).toEqual({ solar: 2.5 });
  });
  it('shares scarce PV among sessions in proportion to their power; the rest comes from the grid mix', () => {
    const r = allocateGreen({ slotHours: 0.25, pvKw: 10, baseLoadKw: 4, evKwBySession: { a: 9, b: 3 }, gridMix: { wind: 0.5, gas: 0.5 } });
    expect(r.evFromPvKw).toBe(6);
    expect(r.evFromGridKw).toBe(6);
    expect(r.bySession.a.onSitePvKWh).toBeCloseTo(4.5 * 0.25, 12);
    expect(r.bySession.b.onSitePvKWh).toBeCloseTo(1.5 * 0.25, 12);
    // a: 9 kW·0.25 h = 2.25 kWh, 1.125 from PV, 1.125 from grid → 0.5625 wind + 0.5625 gas
    expect(r.bySession.a.bySourceKWh.wind).toBeCloseTo(0.5625, 12);
    expect(r.bySession.a.bySourceKWh.gas).toBeCloseTo(0.5625, 12);
    expect(r.bySession.a.greenKWh).toBeCloseTo(1.125 + 0.5625, 12);
    expect(r.bySession.a.co2G).toBeCloseTo(1.125 * 41 + 0.5625 * 11 + 0.5625 * 490, 9);
  });
  it('gives no PV to EVs while base load absorbs it all', () => {
    const r = allocateGreen({ slotHours: 0.25, pvKw: 3, baseLoadKw: 5, evKwBySession: { a: 7 }, gridMix: { coal: 1 } });
    expect(r.evFromPvKw).toBe(0);
    expect(r.bySession.a.onSitePvKWh).toBe(0);
    expect(r.bySession.a.co2G).toBeCloseTo(7 * 0.25 * 820, 9);
  });
  it('charges 820 g/kWh for pure coal grid energy', () => {
    const r = allocateGreen({ slotHours: 1, pvKw: 0, baseLoadKw: 0, evKwBySession: { a: 1 }, gridMix: { coal: 1 } });
    expect(r.bySession.a.co2G).toBe(820);
    expect(r.bySession.a.greenKWh).toBe(0);
  });
  it('property: conserves energy per session and in total, and is deterministic regardless of key order', () => {
    const mixArb = fc.record(Object.fromEntries(SOURCES.map((s) => [s, fc.double({ min: 0, max: 1, noNaN: true })])) as Record<string, fc.Arbitrary<number>>)
      .filter((m) => Object.values(m).some((v) => v > 0.01));
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 0, maxLength: 8 }),
        mixArb,
        (pvKw, baseLoadKw, evs, gridMix) => {
          const evKwBySession = Object.fromEntries(evs.map((kw, i) => [`s${i}`, kw]));
          const r = allocateGreen({ slotHours: 0.25, pvKw, baseLoadKw, evKwBySession, gridMix });
          const evTotal = evs.reduce((a, b) => a + b, 0);
          expect(r.evFromPvKw + r.evFromGridKw).toBeCloseTo(evTotal, 9);
          expect(r.pvToBaseKw + r.evFromPvKw + r.pvExportKw).toBeCloseTo(pvKw, 9);
          for (const [id, kw] of Object.entries(evKwBySession)) {
            const a = r.bySession[id];
            expect(a.energyKWh).toBeCloseTo(kw * 0.25, 12);
            expect(sum(a.bySourceKWh)).toBeCloseTo(a.energyKWh, 9);
            expect(a.greenKWh).toBeLessThanOrEqual(a.energyKWh + 1e-9);
            expect(a.greenKWh).toBeGreaterThanOrEqual(a.onSitePvKWh - 1e-9);
          }
          const reversed = Object.fromEntries(Object.entries(evKwBySession).reverse());
          expect(allocateGreen({ slotHours: 0.25, pvKw, baseLoadKw, evKwBySession: reversed, gridMix })).toEqual(r);
        }
      ),
      { numRuns: 300 }
    );
  });
  it('error: rejects negative or non-finite powers', () => {
    expect(() => allocateGreen({ slotHours: 0.25, pvKw: Number.NaN, baseLoadKw: 0, evKwBySession: {}, gridMix: { wind: 1 } })).toThrow(BaseError);
    expect(() => allocateGreen({ slotHours: 0.25, pvKw: 0, baseLoadKw: 0, evKwBySession: { a: -1 }, gridMix: { wind: 1 } })).toThrow(/evKwBySession.a/);
  });
});
