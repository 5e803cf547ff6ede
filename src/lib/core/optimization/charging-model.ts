import type { GridRow } from '../grid/grid-rows';
import type { LpModel } from './lp-model';
import type { ObjectiveWeights } from './strategies';

/** Where one session lives in a `ChargingModel`. */
export type ChargingModelSession = {
  id: string;
  evseId: string;
  /** Column of p[s, fromSlot]; p[s, t] is column `pCol + (t − fromSlot)`. −1 when the session has no columns. */
  pCol: number;
  /** Window inside the horizon: the session may charge in fromSlot ≤ t < toSlot. */
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
};

/** Site energy facts per horizon slot (index 0 = firstSlot). */
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
  /** Exclusive end of the horizon. */
  horizonEndSlot: number;
  slotHours: number;
  sessions: ChargingModelSession[];
  /** The site's grid rows for the horizon slots (rhs index 0 = firstSlot), used for repairs and checks. */
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
