import type { GridRow } from '../grid/grid-rows';
import type { HorizonSteps } from './horizon-steps';
import type { LpModel } from './lp-model';
import type { ObjectiveWeights } from './strategies';

/**
 * Where one session lives in a `ChargingModel`. Its window is in model slots: model slot
 * `firstSlot + k` is horizon step k (see `ChargingModel.steps`), which is real slot `firstSlot + k`
 * when the horizon is not aggregated.
 */
export type ChargingModelSession = {
  id: string;
  evseId: string;
  /** Column of p[s, fromSlot]; p[s, t] (mean kW over model slot t) is column `pCol + (t − fromSlot)`. −1 when the session has no columns. */
  pCol: number;
  /** Window inside the horizon, model slots: the session may charge in fromSlot ≤ t < toSlot. */
  fromSlot: number;
  toSlot: number;
  /** Shortfall column u_s (kWh), or −1 when the session has no columns. */
  uCol: number;
  /** Column of the binary on[s, fromSlot] (same layout as p), or −1 when power is continuous. */
  onCol: number;
  /** Number of binaries from fromSlot on (the near term; later slots are continuous), 0 without. */
  onSlots: number;
  /** Energy still wanted, kWh. */
  remainingKWh: number;
  /** Energy it can get at all: min(remaining, maxKw × window hours), kWh. */
  reachableKWh: number;
  maxKw: number;
  /** Minimum power while charging as modelled: min(minKw, remaining/h), 0 when relaxed or none, kW. */
  minKw: number;
  /**
   * Per window slot (index 0 = fromSlot): the step's real slots ÷ those the car is plugged in (≥ 1),
   * by which its mean power is spread over the slots it is there; null when it is 1 everywhere.
   * Grid and EVSE rows weigh the session's power by it (see `rowCoefficient`).
   */
  spread: Float64Array | null;
};

/**
 * A session's coefficient in a grid or shared-EVSE row at one model slot. Plans spread a step's
 * mean power p over the real slots the car is plugged in (p × spread in each), so a positive
 * coefficient is weighted by the spread and a negative one (a transformer polygon's phasor that
 * only helps while present) counts 0 when the car is not there for the whole step. Then the row
 * holds in every real slot of the step: safe, never optimistic.
 */
export function rowCoefficient(coef: number, spread: number): number {
  return spread === 1 ? coef : coef > 0 ? coef * spread : 0;
}

/** Site energy facts per model slot (index 0 = firstSlot; the mean over the real slots of an aggregated step). */
export type ChargingModelEnergy = {
  pvKw: number[];
  baseLoadKw: number[];
  /** Renewable share of the grid mix, 0..1. */
  gridGreenShare: number[];
  pricePerKWh: number[];
  /** Marginal emissions rate per slot, g/kWh (NaN = unknown); present when the site has a marginal series. */
  marginalGPerKWh?: number[];
};

/**
 * The charging LP/MILP of one gate as plain, structured-cloneable data: the solver-neutral
 * `LpModel` plus the maps needed to read a solution back into setpoints and plans.
 */
export type ChargingModel = {
  model: LpModel;
  firstSlot: number;
  /** Exclusive end of the horizon, model slots (`firstSlot` + number of steps). */
  horizonEndSlot: number;
  /** The timeline's slot length, h (the length of a one-slot step). */
  slotHours: number;
  /**
   * The horizon's steps over real slots: model slot `firstSlot + k` covers real slots
   * `steps.startSlot[k]` ≤ t < `steps.startSlot[k + 1]` and lasts `steps.hours[k]` (energy =
   * mean kW × hours). One step per real slot unless the build aggregated far slots.
   */
  steps: HorizonSteps;
  sessions: ChargingModelSession[];
  /** The site's grid rows per model slot (rhs index 0 = firstSlot; an aggregated step takes its tightest real slot), used for repairs and checks. */
  gridRows: GridRow[];
  /** Maximum power per EVSE id, kW (for the shared-EVSE rows). */
  evseMaxKw: Record<string, number>;
  energy: ChargingModelEnergy;
  weights: ObjectiveWeights;
  /** True when the model has binaries (minimum-power MILP). */
  hasIntegers: boolean;
  /** Things the builder had to work around (e.g. a session on an EVSE the site does not know). */
  warnings: string[];
};
