/** State of charge above which a battery's acceptance falls (typical CC→CV knee), 0..1. */
export const TAPER_START_SOC = 0.8;
/** Share of the vehicle's max power it still accepts at 100 % SoC. */
export const TAPER_END_SHARE = 0.2;

/** Parameters of `batteryAcceptanceKw`. */
export type BatteryAcceptanceKwParameters = {
  vehicleMaxKw: number;
  /** State of charge at the start of the slot, 0..1. */
  soc: number;
};

/**
 * The power a battery accepts at a state of charge: the vehicle max up to 80 %, then falling
 * linearly to 20 % of it at 100 % (a simple stand-in for the constant-voltage phase; the engine
 * applies it only to requests that carry SoC fields, using the SoC at the start of each slot).
 * @example batteryAcceptanceKw({ vehicleMaxKw: 11, soc: 0.9 }) // 6.6
 */
export function batteryAcceptanceKw({ vehicleMaxKw, soc }: BatteryAcceptanceKwParameters): number {
  if (!(soc > TAPER_START_SOC)) return vehicleMaxKw;
  const x = Math.min(1, (soc - TAPER_START_SOC) / (1 - TAPER_START_SOC));
  return vehicleMaxKw * (1 - (1 - TAPER_END_SHARE) * x);
}
