import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAggregation, horizonSteps } from './horizon-steps';

describe('horizonSteps', () => {
  it('keeps one step per slot without tiers', () => {
    const steps = horizonSteps({ firstSlot: 7, horizonEndSlot: 11, slotMinutes: 15 });
    expect([...steps.startSlot]).toEqual([7, 8, 9, 10, 11]);
    expect([...steps.hours]).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('plans 5-min slots one by one for the first hour, then in quarter-hours lined up with the timeline, then in hours', () => {
    // Slot 7 starts at 0:35; the near hour runs to slot 19 (1:35), quarter-hours start at multiples of 3 slots.
    const steps = horizonSteps({ firstSlot: 7, horizonEndSlot: 7 + 12 * 8, slotMinutes: 5, tiers: defaultAggregation(5) });
    const starts = [...steps.startSlot];
    expect(starts.slice(0, 13)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // A partial first quarter-hour (19–20) lines the rest up: 21, 24, …
    expect(starts.slice(13, 16)).toEqual([21, 24, 27]);
    // The step that starts before 6 h ahead (slot 79) is still a quarter-hour (78–81); from there on
    // hours at multiples of 12 slots, the first one partial, the last one cut at the horizon end.
    expect(starts.filter((t) => t >= 78)).toEqual([78, 81, 84, 96, 103]);
    expect(steps.hours.reduce((a, b) => a + b, 0)).toBeCloseTo(8, 12);
  });

  it('leaves 15-min slots alone by default and ignores tiers that are not whole slots', () => {
    expect(defaultAggregation(15)).toEqual([]);
    const steps = horizonSteps({ firstSlot: 0, horizonEndSlot: 10, slotMinutes: 15, tiers: [{ afterHours: 0, stepMinutes: 20 }] });
    expect(steps.hours.length).toBe(10);
  });

  it('covers the horizon exactly, without gaps or empty steps, for any tiers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(5, 15),
        fc.array(fc.record({ afterHours: fc.double({ min: 0, max: 30, noNaN: true }), stepMinutes: fc.constantFrom(10, 15, 30, 45, 60, 120, 7) }), { maxLength: 3 }),
        (firstSlot, length, slotMinutes, tiers) => {
          const steps = horizonSteps({ firstSlot, horizonEndSlot: firstSlot + length, slotMinutes, tiers });
          expect(steps.startSlot[0]).toBe(firstSlot);
          expect(steps.startSlot[steps.startSlot.length - 1]).toBe(firstSlot + length);
          for (let k = 0; k < steps.hours.length; k++) {
            expect(steps.startSlot[k + 1]).toBeGreaterThan(steps.startSlot[k]);
            expect(steps.hours[k]).toBeCloseTo(((steps.startSlot[k + 1] - steps.startSlot[k]) * slotMinutes) / 60, 12);
          }
          // Before the first tier every step is one slot.
          const first = Math.min(...tiers.filter((t) => t.stepMinutes > slotMinutes && t.stepMinutes % slotMinutes === 0).map((t) => t.afterHours), Infinity);
          for (let k = 0; k < steps.hours.length && (steps.startSlot[k] - firstSlot) * (slotMinutes / 60) < first - 1e-9; k++) expect(steps.startSlot[k + 1] - steps.startSlot[k]).toBe(1);
        }
      ),
      { numRuns: 300, seed: 11 }
    );
  });
});
