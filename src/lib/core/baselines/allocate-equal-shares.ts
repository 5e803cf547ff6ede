import { ALLOCATION_EPS, claimCapKw, claimFloorKw, type PowerClaim } from './allocate-by-priority';
import type { SlotCapacity } from './slot-capacity';

/** Parameters of `allocateEqualShares`. */
export type AllocateEqualSharesParameters = {
  capacity: SlotCapacity;
  /** Claims in rotation order (who gets a minimum-power slot first when not all can). */
  claims: readonly PowerClaim[];
};

/**
 * Round-robin as water-filling: every claim's power rises at the same rate until it reaches its
 * cap or a grid row / EVSE it loads is full (max-min fair, the limit of equal increments handed
 * out in turn). Claims with a minimum power first get exactly minKw in rotation order while the
 * grid allows it (the others get 0), then rise from there. Books the power on `capacity`.
 */
export function allocateEqualShares({ capacity, claims }: AllocateEqualSharesParameters): Map<string, number> {
  const { index, slack, bookedKw } = capacity;
  const n = claims.length;
  const cap = claims.map(claimCapKw);
  const level = new Float64Array(n);
  const active = new Array<boolean>(n).fill(false);
  claims.forEach((c, i) => {
    if (cap[i] <= ALLOCATION_EPS) return;
    const floor = claimFloorKw(c);
    if (floor > 0) {
      if (cap[i] < floor - ALLOCATION_EPS || capacity.headroomKw(c.evseId) < floor - ALLOCATION_EPS) return;
      level[i] = floor;
      capacity.add(c.evseId, floor);
    }
    active[i] = level[i] < cap[i] - ALLOCATION_EPS;
  });

  // Per row: Σ coefficients of the rising claims, and the rising claims that load it.
  const coefSum = new Float64Array(index.rows.length);
  const loads: number[][] = index.rows.map(() => []);
  const rising = new Map<string, number>();
  const join = (i: number, sign: 1 | -1) => {
    const entry = index.byEvse.get(claims[i].evseId);
    rising.set(claims[i].evseId, (rising.get(claims[i].evseId) ?? 0) + sign);
    if (!entry) return;
    for (let k = 0; k < entry.rowIdx.length; k++) {
      coefSum[entry.rowIdx[k]] += sign * entry.coeffs[k];
      if (sign > 0 && entry.coeffs[k] > 0) loads[entry.rowIdx[k]].push(i);
    }
  };
  for (let i = 0; i < n; i++) if (active[i]) join(i, 1);
  const freeze = (i: number) => {
    if (!active[i]) return;
    active[i] = false;
    join(i, -1);
  };
  const evseFree = (evseId: string) => (index.evseMaxKw.get(evseId) ?? Infinity) - (bookedKw.get(evseId) ?? 0);

  // Each round freezes at least the claims behind the binding bound, so n + 1 rounds suffice.
  for (let round = 0; round <= n && active.some(Boolean); round++) {
    let theta = Infinity;
    for (let i = 0; i < n; i++) if (active[i]) theta = Math.min(theta, cap[i] - level[i]);
    for (let r = 0; r < coefSum.length; r++) if (coefSum[r] > ALLOCATION_EPS) theta = Math.min(theta, Math.max(0, slack[r]) / coefSum[r]);
    for (const [evseId, count] of rising) if (count > 0) theta = Math.min(theta, Math.max(0, evseFree(evseId)) / count);
    if (!Number.isFinite(theta)) break;
    theta = Math.max(0, theta);
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      level[i] += theta;
      if (theta > 0) capacity.add(claims[i].evseId, theta);
    }
    for (let i = 0; i < n; i++) if (active[i] && cap[i] - level[i] <= ALLOCATION_EPS) freeze(i);
    for (let r = 0; r < coefSum.length; r++) {
      if (coefSum[r] > ALLOCATION_EPS && slack[r] <= ALLOCATION_EPS) for (const i of loads[r]) freeze(i);
    }
    for (let i = 0; i < n; i++) if (active[i] && evseFree(claims[i].evseId) <= ALLOCATION_EPS) freeze(i);
  }
  return new Map(claims.map((c, i) => [c.id, level[i] > ALLOCATION_EPS ? level[i] : 0]));
}
