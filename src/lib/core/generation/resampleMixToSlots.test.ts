import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resampleMixToSlots, type GenerationSeries } from './resampleMixToSlots';

const H = 3_600_000;
const t0 = Date.parse('2023-07-01T00:00:00Z');
const sum = (m: Record<string, number | undefined>) => Object.values(m).reduce<number>((s, v) => s + (v ?? 0), 0);

describe('resampleMixToSlots', () => {
  it('holds hourly data over four 15-minute slots', () => {
    const series: GenerationSeries = { startsMs: [t0, t0 + H], endsMs: [t0 + H, t0 + 2 * H], mwBySource: { solar: [0, 30], coal: [100, 10] } };
    const r = resampleMixToSlots({ series });
    expect(r.timeline).toEqual({ startMs: t0, slotMinutes: 15 });
    expect(r.mixes).toHaveLength(8);
    expect(r.mixes.slice(0, 4)).toEqual(Array(4).fill({ coal: 1 }));
    expect(r.mixes[5]).toEqual({ solar: 0.75, coal: 0.25 });
    expect(r.generationMw).toEqual([100, 100, 100, 100, 40, 40, 40, 40]);
  });

  it('averages 5-minute data into 15-minute slots by energy and holds 15-minute data over 5-minute slots', () => {
    const starts = [0, 1, 2].map((i) => t0 + i * 300_000);
    const series: GenerationSeries = { startsMs: starts, endsMs: starts.map((s) => s + 300_000), mwBySource: { wind: [10, 20, 30], gas: [10, 0, 30] } };
    expect(resampleMixToSlots({ series }).mixes).toEqual([{ wind: 0.6, gas: 0.4 }]);
    const q: GenerationSeries = { startsMs: [t0], endsMs: [t0 + 900_000], mwBySource: { wind: [1], gas: [3] } };
    expect(resampleMixToSlots({ series: q, slotMinutes: 5 }).mixes).toEqual(Array(3).fill({ wind: 0.25, gas: 0.75 }));
  });

  it('reports slots without data as gaps and repeats the previous mix there', () => {
    const series: GenerationSeries = { startsMs: [t0, t0 + 2 * H], endsMs: [t0 + H, t0 + 3 * H], mwBySource: { hydro: [5, 5], coal: [5, 0] } };
    const r = resampleMixToSlots({ series, slotMinutes: 15 });
    expect(r.gapSlots).toEqual([4, 5, 6, 7]);
    expect(r.mixes[5]).toEqual({ hydro: 0.5, coal: 0.5 });
    expect(r.mixes[9]).toEqual({ hydro: 1 });
  });

  it('gives mixes whose shares sum to 1 for any non-negative hourly data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.float({ min: 0, max: 1e5, noNaN: true }), fc.float({ min: 0, max: 1e5, noNaN: true })), { minLength: 1, maxLength: 24 }), (rows) => {
        const startsMs = rows.map((_, i) => t0 + i * H);
        const series: GenerationSeries = { startsMs, endsMs: startsMs.map((s) => s + H), mwBySource: { solar: rows.map((r) => r[0]), coal: rows.map((r) => r[1]) } };
        const r = resampleMixToSlots({ series });
        expect(r.mixes).toHaveLength(rows.length * 4);
        rows.forEach((row, i) => {
          if (row[0] + row[1] > 0) expect(sum(r.mixes[i * 4])).toBeCloseTo(1, 9);
        });
      })
    );
  });
});
