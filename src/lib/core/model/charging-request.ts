/**
 * The shared request model: what a driver asks for, as every part of core sees it (simulation,
 * replay parsers, engine, schedulers, the app). It lives here, in no part of its own, so those
 * folders depend on the model rather than on each other.
 */

/** What a driver optimizes for. */
export type Preference = 'balanced' | 'green' | 'cheap' | 'fast';

/** Where a request came from. */
export type RequestOrigin = 'simulated' | 'acn' | 'ocpi' | 'csv' | 'app';

/**
 * A charging request as the system receives it. Times are UTC epoch ms. Energy is always
 * resolved to `energyKWh`; when the driver asked for a target state of charge, the SoC fields
 * say so (energyKWh = (targetSoc − arrivalSoc) × batteryKWh).
 */
export type ChargingRequest = {
  id: string;
  /** When the request reached the system (decides the gate: see time/gates). */
  requestMs: number;
  /** When the vehicle is plugged in (≤ departure). */
  arrivalMs: number;
  /** When the driver leaves; energy must be delivered by then. */
  departureMs: number;
  /** Requested energy, kWh (> 0). */
  energyKWh: number;
  /** Optional target state of charge, 0..1. */
  targetSoc?: number;
  /** Optional state of charge at arrival, 0..1. */
  arrivalSoc?: number;
  /** Optional battery capacity, kWh. */
  batteryKWh?: number;
  /** Vehicle's maximum charging power, kW (on-board charger). */
  vehicleMaxKw: number;
  /** Chosen EVSE, or null when none was free (queued). */
  evseId: string | null;
  preference: Preference;
  origin?: RequestOrigin;
  /** Energy actually delivered in the original log (replays only), kWh. */
  loggedKWh?: number;
};
