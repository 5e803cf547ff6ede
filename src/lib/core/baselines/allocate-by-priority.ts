import type { SlotCapacity } from './slot-capacity';

/** Below this, powers and energies count as zero (kW or kWh). */
export const ALLOCATION_EPS = 1e-9;

/** A session asking for power in one slot. */
export type PowerClaim = {
  id: string;
  evseId: string;
  /** Power cap: min(EVSE max, vehicle max), kW. */
  maxKw: number;
  /** Minimum power while charging (0 = may pause), kW. */
  minKw: number;
  /** Power that would deliver the remaining energy within this slot (remainingKWh / slotHours), kW. */
  wantKw: number;
};

/**
 * The most a claim can use in one slot, kW. Setpoints are power limits, as an EVSE gets them: a car
 * that needs less than minKw to finish is still given minKw (it stops when full, so the energy is
 * capped by the engine), because the EVSE cannot signal less than its minimum current.
 */
export function claimCapKw({ maxKw, minKw, wantKw }: PowerClaim): number {
  if (!(wantKw > ALLOCATION_EPS) || !(maxKw > 0)) return 0;
  const need = wantKw >= minKw ? wantKw : minKw;
  return Math.min(maxKw, need);
}

/**
 * The least a claim may get when it charges at all, kW: its minimum — or its own cap when that is
 * lower (a tapering battery that accepts less than the EVSE's minimum current still charges: the
 * EVSE signals the minimum and the car draws what it accepts, as the engine delivers it).
 */
export function claimFloorKw({ maxKw, minKw }: Pick<PowerClaim, 'maxKw' | 'minKw'>): number {
  return minKw > 0 ? Math.min(minKw, Math.max(0, maxKw)) : 0;
}

/** Parameters of `allocateByPriority`. */
export type AllocateByPriorityParameters = {
  capacity: SlotCapacity;
  /** Claims, highest priority first. */
  claims: readonly PowerClaim[];
};

/**
 * Greedy allocation shared by FCFS, EDF and LLF: each claim in priority order gets
 * min(its cap, what every grid row and its EVSE still allow); when that is below its minKw it gets 0
 * (0 or ≥ minKw, as IEC 61851 requires). Books the power on `capacity`.
 * @example allocateByPriority({ capacity, claims: sortedByDeadline }) // Map { 'a' => 11, 'b' => 3.2 }
 */
export function allocateByPriority({ capacity, claims }: AllocateByPriorityParameters): Map<string, number> {
  const kwById = new Map<string, number>();
  for (const claim of claims) {
    const cap = claimCapKw(claim);
    let kw = Math.min(cap, capacity.headroomKw(claim.evseId));
    if (kw < ALLOCATION_EPS || kw < claimFloorKw(claim) - ALLOCATION_EPS) kw = 0;
    if (kw > 0) capacity.add(claim.evseId, kw);
    kwById.set(claim.id, kw);
  }
  return kwById;
}
