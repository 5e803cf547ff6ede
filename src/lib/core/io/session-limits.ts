import { PLAUSIBLE_TIME } from '../time/plausible-time';

/**
 * What a replayed session may plausibly be. A log line beyond these is a data error (a clock reset
 * to 1900, a stray 2918, a meter in Wh read as kWh), not a session: it is skipped and reported, so
 * one bad line can neither stretch a replay over centuries nor exhaust memory. Documented in
 * src/lib/core/io/README.md.
 */
export const SESSION_LIMITS = {
  /** Earliest plausible arrival or departure: 1990-01-01T00:00Z. */
  earliestMs: PLAUSIBLE_TIME.earliestMs,
  /** Latest plausible arrival or departure (exclusive): 2100-01-01T00:00Z. */
  latestMs: PLAUSIBLE_TIME.latestMs,
  /** Longest plausible stay, h (14 days; the longest in the Trondheim residential log is 255 h). */
  maxStayHours: 14 * 24,
  /** Largest plausible session energy, kWh (the largest truck batteries hold about 1 MWh). */
  maxEnergyKWh: 1000,
  /** Largest plausible vehicle charging power, kW (megawatt charging tops out at 3.75 MW). */
  maxVehicleKw: 4000
} as const;
