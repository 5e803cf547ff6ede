/**
 * Linear inner approximation of a phasor-magnitude limit |I| ≤ L (the ACN transformer model).
 * The disk |I| ≤ L is replaced by the regular K-gon inscribed in it: K half-planes
 * Re(I·e^{-jθ_k}) ≤ L·cos(π/K) with θ_k = 2πk/K. Every point of the polygon lies in the disk
 * (so the rows never let a true overload through), and the polygon contains the disk of radius
 * L·cos(π/K), so the capacity lost in the worst direction is 1 − cos(π/K): 3.41 % at K = 12,
 * 0.86 % at K = 24, 13.4 % at K = 6.
 */

/** A complex current, A (or any unit), as real and imaginary parts. */
export type Phasor = { re: number; im: number };

/** Default number of polygon sides (rows per phasor limit). */
export const DEFAULT_POLYGON_SIDES = 12;

/** Phasor of magnitude `magnitude` at `angleDeg` degrees. */
export function phasor({ magnitude, angleDeg }: { magnitude: number; angleDeg: number }): Phasor {
  const a = (angleDeg * Math.PI) / 180;
  return { re: magnitude * Math.cos(a), im: magnitude * Math.sin(a) };
}

/** Directions θ_k = 2πk/K (radians) of the K rows of the polygon. */
export function polygonDirections(sides: number = DEFAULT_POLYGON_SIDES): number[] {
  if (!Number.isInteger(sides) || sides < 3) throw new RangeError(`polygon needs an integer ≥ 3 sides (got ${sides})`);
  return Array.from({ length: sides }, (_, k) => (2 * Math.PI * k) / sides);
}

/** Right-hand-side factor cos(π/K): the rows are Re(I·e^{-jθ_k}) ≤ limit·cos(π/K). */
export function polygonMargin(sides: number = DEFAULT_POLYGON_SIDES): number {
  return Math.cos(Math.PI / sides);
}

/** Worst-case share of capacity the polygon gives up, 1 − cos(π/K) (0.0341 at K = 12). */
export function polygonCapacityLoss(sides: number = DEFAULT_POLYGON_SIDES): number {
  return 1 - polygonMargin(sides);
}

/** Re(z·e^{-jθ}): the component of `z` along direction θ (radians). */
export function projectPhasor(z: Phasor, theta: number): number {
  return z.re * Math.cos(theta) + z.im * Math.sin(theta);
}

/** True when `z` satisfies all K polygon rows for `limit` (within `tol`). */
export function insidePolygon({ z, limit, sides = DEFAULT_POLYGON_SIDES, tol = 0 }: { z: Phasor; limit: number; sides?: number; tol?: number }): boolean {
  const rhs = limit * polygonMargin(sides);
  return polygonDirections(sides).every((theta) => projectPhasor(z, theta) <= rhs + tol);
}
