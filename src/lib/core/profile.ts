/**
 * A quantity over slots: a constant, or an array of per-slot values.
 * Arrays are periodic: the value at absolute slot `s` is `values[s % values.length]`, so a
 * 96-value array is a typical day at 15-minute slots and a longer one is an explicit series.
 */
export type Profile = number | readonly number[];

/** The value of a profile at absolute slot `slot` (periodic for arrays). */
export function profileAt(profile: Profile | undefined, slot: number, fallback = 0): number {
  if (profile === undefined) return fallback;
  if (typeof profile === 'number') return profile;
  const n = profile.length;
  if (n === 0) return fallback;
  return profile[((slot % n) + n) % n];
}
