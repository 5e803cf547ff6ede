import type { Preference } from './charging-request';

/**
 * An admitted session as every scheduler sees it at a gate (the engine builds it from a
 * `ChargingRequest`). Slots are absolute (see time/timeline).
 */
export type ActiveSession = {
  id: string;
  evseId: string;
  /** First slot the session may charge in (≥ the dispatched slot for late or future arrivals). */
  startSlot: number;
  /** Slot at which the vehicle leaves: it may charge in slots < endSlot. */
  endSlot: number;
  /** Energy the driver asked for, kWh. */
  requestedKWh: number;
  /** Energy delivered so far, kWh. */
  deliveredKWh: number;
  /** Energy still wanted, kWh (requestedKWh − deliveredKWh, ≥ 0). */
  remainingKWh: number;
  /** Power cap: min(EVSE max, vehicle max), kW. */
  maxKw: number;
  /** Minimum power while charging (0 = may pause), kW. */
  minKw: number;
  preference: Preference;
  /** When the request reached the system (FCFS order), UTC ms. */
  requestMs: number;
  /**
   * Optional battery facts for the taper (engine/battery-taper.ts). When present the optimizer adds
   * the taper as linear rows (`taper.<id>.<t>`), so the plan is one the car can actually draw.
   */
  battery?: SessionBattery;
};

/** A session's battery as the taper rows need it. */
export type SessionBattery = {
  /** State of charge when `remainingKWh` starts to flow (now, or at arrival for a later session), 0..1. */
  soc: number;
  batteryKWh: number;
  /** The vehicle's own maximum power, kW (the taper scales it; maxKw may be lower). */
  vehicleMaxKw: number;
};
