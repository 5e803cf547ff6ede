import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greenKWhBySlot } from './greenKWhBySlot';
import { measuredEnergyBySlot } from './measuredEnergyBySlot';
import type { OcpiChargingPeriod } from './ocpiSessionSchema';

const timeline = { startMs: Date.parse('2026-03-02T00:00:00Z'), slotMinutes: 15 };
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const period = (ms: number, dims: [string, number][]): OcpiChargingPeriod => ({
  start_date_time: iso(ms),
  dimensions: dims.map(([type, volume]) => ({ type, volume })) as OcpiChargingPeriod['dimensions']
});
const at = (h: number, m: number, s = 0) => timeline.startMs + ((h * 60 + m) * 60 + s) * 1000;

describe('measuredEnergyBySlot', () => {
  it('splits a period crossing a slot boundary by overlap', () => {
    // 08:10–08:40 at 6 kWh: 5 min in slot 32, 15 in slot 33, 10 in slot 34.
    const r = measuredEnergyBySlot({ periods: [period(at(8, 10), [['ENERGY', 6]])], startMs: at(8, 10), endMs: at(8, 40), totalKWh: 6, timeline });
    expect(r.method).toBe('period-energy');
    expect(r.slots.map((s) => [s.slot, +s.energyKWh.toFixed(9)])).toEqual([
      [32, 1],
      [33, 3],
      [34, 2]
    ]);
    expect(r.lastPowerKw).toBeCloseTo(12, 9);
  });

  it('reads ENERGY volumes that add up to 1000 × the total as Wh (the spec session example does this) and says so', () => {
    const r = measuredEnergyBySlot({
      periods: [period(at(1, 0), [['ENERGY', 120]]), period(at(1, 2), [['ENERGY', 41000]]), period(at(1, 28), [['PARKING_TIME', 0.718]])],
      startMs: at(1, 0),
      endMs: at(2, 11),
      totalKWh: 41.12,
      timeline
    });
    expect(r.slots.reduce((a, s) => a + s.energyKWh, 0)).toBeCloseTo(41.12, 9);
    expect(r.slots.at(-1)?.slot).toBe(5); // nothing after 01:28: the parking period has no energy
    expect(r.warnings[0]).toMatch(/read as Wh/);
  });

  it('spreads the total over the charging time when the periods carry no ENERGY (the spec CDR example)', () => {
    const r = measuredEnergyBySlot({ periods: [period(at(0, 0), [['TIME', 0.5]])], startMs: at(0, 0), endMs: at(0, 30), totalKWh: 4, timeline });
    expect(r.method).toBe('spread-over-periods');
    expect(r.slots).toEqual([
      { slot: 0, energyKWh: 2 },
      { slot: 1, energyKWh: 2 }
    ]);
  });

  it('spreads the total over the session when there are no periods at all', () => {
    const r = measuredEnergyBySlot({ periods: [], startMs: at(0, 0), endMs: at(1, 0), totalKWh: 8, timeline });
    expect(r.method).toBe('spread-over-session');
    expect(r.slots.map((s) => s.energyKWh)).toEqual([2, 2, 2, 2]);
  });

  it('property: slots add up to the metered total, and green kWh = Σ over slots of measured kWh × the slot green share', () => {
    const periodsArb = fc
      .array(fc.record({ gapS: fc.integer({ min: 0, max: 5400 }), energy: fc.double({ min: 0, max: 20, noNaN: true }), parking: fc.boolean() }), { minLength: 1, maxLength: 12 })
      .chain((ps) => fc.record({ ps: fc.constant(ps), offsetS: fc.integer({ min: 0, max: 3600 }), tailS: fc.integer({ min: 0, max: 5400 }), total: fc.double({ min: 0.01, max: 100, noNaN: true }) }));
    fc.assert(
      fc.property(periodsArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }), ({ ps, offsetS, tailS, total }, shares) => {
        const startMs = timeline.startMs + offsetS * 1000;
        let t = startMs;
        const periods = ps.map((p, i) => {
          if (i > 0) t += p.gapS * 1000;
          return period(t, p.parking ? [['PARKING_TIME', p.gapS / 3600]] : [['ENERGY', p.energy]]);
        });
        const endMs = t + tailS * 1000;
        const measured = measuredEnergyBySlot({ periods, startMs, endMs, totalKWh: total, timeline });
        const sum = measured.slots.reduce((a, s) => a + s.energyKWh, 0);
        expect(sum).toBeCloseTo(total, 6);
        expect(measured.slots.every((s, i) => s.energyKWh > 0 && (i === 0 || s.slot > measured.slots[i - 1].slot))).toBe(true);
        const share = (slot: number) => shares[((slot % 200) + 200) % 200];
        const green = greenKWhBySlot({ measured: measured.slots, greenShareOf: share });
        // Oracle, computed another way: each period's energy (scaled to the total) × the time-weighted
        // mean green share over the period, integrated second by second.
        const spans = periods.map((p, i) => ({
          from: Date.parse(p.start_date_time),
          to: i + 1 < periods.length ? Date.parse(periods[i + 1].start_date_time) : endMs,
          e: p.dimensions[0].type === 'ENERGY' ? p.dimensions[0].volume : 0
        }));
        const sumE = spans.reduce((a, s) => a + s.e, 0);
        let oracle = 0;
        for (const s of spans) {
          if (s.e === 0 || sumE === 0) continue;
          const e = (s.e / sumE) * total;
          if (s.to <= s.from) {
            oracle += e * share(Math.floor((s.from - timeline.startMs) / 900_000));
            continue;
          }
          let acc = 0;
          for (let x = s.from; x < s.to; x += 1000) acc += share(Math.floor((x - timeline.startMs) / 900_000));
          oracle += (e * acc) / ((s.to - s.from) / 1000);
        }
        const sumEZero = sumE === 0;
        const greenSum = green.reduce((a, s) => a + s.energyKWh, 0);
        if (!sumEZero) expect(greenSum).toBeCloseTo(oracle, 6);
        expect(greenSum).toBeCloseTo(measured.slots.reduce((a, s) => a + s.energyKWh * share(s.slot), 0), 9);
      }),
      { numRuns: 200 }
    );
  });
});
