/**
 * A small seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter, as in PractRand), seeded
 * through splitmix32 so nearby seeds give unrelated streams. Same seed → same sequence on every
 * JS engine (only 32-bit integer ops), which is what makes simulations reproducible.
 */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Index drawn with probability proportional to `weights` (non-negative, positive sum). */
  weighted(weights: readonly number[]): number;
};

/** Creates the seeded generator. @example const rng = createRng({ seed: 1 }); rng.next() */
export function createRng({ seed }: { seed: number }): Rng {
  let s = (Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32)) >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of sfc32 are correlated with the seed words.
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    weighted: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0 && weights[i] > 0) return i;
      }
      // Float round-off at the very top: the last positive weight.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
      return 0;
    }
  };
}
