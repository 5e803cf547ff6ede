import type { ChargingModel } from './charging-model';
import { repairPower, type RepairPowerReturnType } from './repair-power';

/** Parameters of `roundMinPower`. */
export type RoundMinPowerParameters = {
  /** The relaxed model (minimum power not modelled) the powers come from. */
  chargingModel: ChargingModel;
  /** LP-relaxation power per model session and window slot, kW; changed in place. */
  kw: Float64Array[];
  /** Minimum power per model session, kW (0 = continuous). */
  minKw: readonly number[];
};

/**
 * The MILP fallback when the solver found no integer solution in time: round each relaxed power
 * below its session's minimum to 0 (below half the minimum) or to the minimum (at or above half),
 * then repair the plan against every row (`repairPower`) and top up sessions still short where
 * the rows leave room — the result is feasible and respects "0 or ≥ minKw".
 * A slot may average below minKw only as a session's final slot that completes its request (the
 * car draws minKw until it is full and stops): a remaining request under one slot at minimum
 * power is delivered whole in one slot (effective minimum R/h), and `repairPower` may place such
 * a completing tail right after a session's last charging slot.
 */
export function roundMinPower({ chargingModel: cm, kw, minKw }: RoundMinPowerParameters): RepairPowerReturnType {
  const h = cm.slotHours;
  const effectiveMin = cm.sessions.map((s, j) => (minKw[j] > 0 ? Math.min(minKw[j], s.remainingKWh / h) : 0));
  cm.sessions.forEach((s, j) => {
    const m = effectiveMin[j];
    if (m <= 0) return;
    const p = kw[j];
    for (let i = 0; i < p.length; i++) if (p[i] > 0 && p[i] < m) p[i] = p[i] >= m / 2 ? Math.min(m, s.maxKw) : 0;
  });
  return repairPower({ chargingModel: cm, kw, minKw: effectiveMin, fill: true });
}
