/**
 * The years a charging or generation record may plausibly carry. A time outside them is a clock or
 * unit error (a reset to 1900, a stray 2918, seconds read as ms), and taken at face value it would
 * stretch a slot series over centuries: readers refuse it with this range in the message.
 */
export const PLAUSIBLE_TIME = {
  /** 1990-01-01T00:00Z, epoch ms. */
  earliestMs: Date.UTC(1990, 0, 1),
  /** 2100-01-01T00:00Z, epoch ms (exclusive). */
  latestMs: Date.UTC(2100, 0, 1),
  /** The range as messages name it. */
  years: '1990–2099'
} as const;

/** True when `ms` (UTC epoch ms) lies in the plausible years. */
export function isPlausibleTime(ms: number): boolean {
  return ms >= PLAUSIBLE_TIME.earliestMs && ms < PLAUSIBLE_TIME.latestMs;
}
