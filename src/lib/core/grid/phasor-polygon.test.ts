import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { insidePolygon, phasor, polygonCapacityLoss, polygonDirections, polygonMargin, projectPhasor } from './phasor-polygon';

const phasorArb = fc.record({ magnitude: fc.double({ min: 0, max: 2000, noNaN: true }), angleDeg: fc.double({ min: -360, max: 360, noNaN: true }) }).map(phasor);

describe('phasor polygon', () => {
  it('loses at most 1 − cos(π/K) of capacity: 3.41 % at K = 12, 0.86 % at K = 24', () => {
    expect(polygonCapacityLoss(12)).toBeCloseTo(0.0340742, 6);
    expect(polygonCapacityLoss(24)).toBeCloseTo(0.0085551, 6);
    expect(polygonCapacityLoss(6)).toBeCloseTo(1 - Math.sqrt(3) / 2, 12);
  });
  it('reaches only limit·cos(π/K) along a row direction (the tight worst case) and the full limit at a vertex', () => {
    const limit = 400;
    const along = (r: number) => phasor({ magnitude: r, angleDeg: 0 });
    expect(insidePolygon({ z: along(limit * polygonMargin(12)), limit, tol: 1e-9 })).toBe(true);
    expect(insidePolygon({ z: along(limit * polygonMargin(12) * (1 + 1e-6)), limit })).toBe(false);
    // Vertices sit on the circle, halfway between two row directions (15° at K = 12).
    const vertex = (r: number) => phasor({ magnitude: r, angleDeg: 180 / 12 });
    expect(insidePolygon({ z: vertex(limit), limit, tol: 1e-9 })).toBe(true);
    expect(insidePolygon({ z: vertex(limit * (1 + 1e-6)), limit })).toBe(false);
  });
  it('property: polygon-feasible ⇒ |I| ≤ limit (never lets a true overload through)', () => {
    fc.assert(
      fc.property(phasorArb, fc.double({ min: 1, max: 1000, noNaN: true }), fc.integer({ min: 3, max: 64 }), (z, limit, sides) => {
        if (insidePolygon({ z, limit, sides })) expect(Math.hypot(z.re, z.im)).toBeLessThanOrEqual(limit * (1 + 1e-12));
      }),
      { numRuns: 3000 }
    );
  });
  it('property: |I| ≤ limit·cos(π/K) ⇒ polygon-feasible (loses no more than the bound)', () => {
    fc.assert(
      fc.property(phasorArb, fc.double({ min: 1, max: 1000, noNaN: true }), fc.integer({ min: 3, max: 64 }), (z, limit, sides) => {
        if (Math.hypot(z.re, z.im) <= limit * polygonMargin(sides)) expect(insidePolygon({ z, limit, sides, tol: 1e-9 })).toBe(true);
      }),
      { numRuns: 3000 }
    );
  });
  it('projects a phasor on a direction as Re(z·e^{-jθ})', () => {
    const z = phasor({ magnitude: 2, angleDeg: 30 });
    expect(projectPhasor(z, Math.PI / 6)).toBeCloseTo(2, 12);
    expect(projectPhasor(z, (2 * Math.PI) / 3)).toBeCloseTo(0, 12);
    expect(polygonDirections(4)).toEqual([0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2]);
  });
  it('error: refuses a polygon with fewer than 3 sides', () => {
    expect(() => polygonDirections(2)).toThrow(RangeError);
  });
});
