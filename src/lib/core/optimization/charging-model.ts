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
  /** The same window in real slots (fromReal ≤ t < toReal), which may end inside an aggregated step. */
  fromReal: number;
  toReal: number;
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

/**
 * The sessions of `members` that share a real slot of a step (real slots fromSlot ≤ t < toSlot):
 * the largest such groups, as indices into `members` in their order. With one real slot, or with
 * every member there the whole step, that is all of them; in an aggregated step cars that leave
 * and arrive inside it (a queue on one EVSE) never share a slot, so a row need not add them up —
 * a row per group holds in every real slot (a smaller group adds only terms ≥ 0, see
 * `rowCoefficient`) without halving the step's capacity at a handover.
 */
export function presenceGroups(members: readonly { fromReal: number; toReal: number }[], fromSlot: number, toSlot: number): number[][] {
  const n = members.length;
  const partial: number[] = [];
  if (toSlot - fromSlot > 1) for (let i = 0; i < n; i++) if (members[i].fromReal > fromSlot || members[i].toReal < toSlot) partial.push(i);
  if (partial.length <= 1) return [Array.from({ length: n }, (_, i) => i)];
  // The cars there for part of the step that share a real slot, largest sets once each (a row
  // over a subset is implied by the row over its superset).
  const sets: number[][] = [];
  for (let t = fromSlot; t < toSlot; t++) {
    const g = partial.filter((i) => t >= members[i].fromReal && t < members[i].toReal);
    if (g.length > 0) sets.push(g);
  }
  const largest = sets.filter((g, a) => !sets.some((o, b) => b !== a && (o.length > g.length || (o.length === g.length && b < a)) && g.every((x) => o.includes(x))));
  if (largest.length === 1) return [Array.from({ length: n }, (_, i) => i)];
  // Each group: the cars there the whole step and one such set, in member order.
  return largest.map((g) => {
    const inGroup = new Uint8Array(n).fill(1);
    for (const i of partial) inGroup[i] = 0;
    for (const i of g) inGroup[i] = 1;
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (inGroup[i]) out.push(i);
    return out;
  });
}

/** Per model slot (index 0 = firstSlot): 1 where some session is plugged in for only part of the step. */
export function partialSteps(sessions: readonly { pCol: number; fromSlot: number; spread: Float64Array | null }[], firstSlot: number, H: number): Uint8Array {
  const out = new Uint8Array(H);
  for (const s of sessions) {
    if (s.pCol < 0 || !s.spread) continue;
    for (let i = 0; i < s.spread.length; i++) if (s.spread[i] !== 1) out[s.fromSlot - firstSlot + i] = 1;
  }
  return out;
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
