import type { ChargingModel } from './charging-model';
import { repairPower, slotRows, type RepairPowerReturnType } from './repair-power';

/** Parameters of `roundMinPower`. */
export type RoundMinPowerParameters = {
  /** The model (its sessions, windows and rows); minimum powers come from `minKw`. */
  chargingModel: ChargingModel;
  /** LP-relaxation power per model session and window slot, kW; replaced in place by the rounded plan. */
  kw: Float64Array[];
  /** Minimum power per model session, kW (0 = continuous). */
  minKw: readonly number[];
  /**
   * `pack` (default): slot by slot, largest relaxed power first, each session as much as the rows
   * allow. `threshold`: every relaxed power below the minimum to 0 (under half) or the minimum,
   * then repaired. Which is better depends on the site; optimizeCharging tries both.
   */
  method?: 'pack' | 'threshold';
};

/**
 * The MILP heuristic: turn an LP relaxation (minimum power ignored) into a plan where every
 * session charges 0 or ≥ its minimum, feasible by construction. `pack`: slot by slot, sessions are packed
 * in order of their relaxed power (largest first, then earliest deadline): each gets its relaxed
 * power, raised to the minimum when it was at least half of it, as far as every row and its
 * remaining energy allow — or the minimum if only that fits — else 0. Then `repairPower` checks
 * the rows and tops up sessions still short where rows leave room.
 * A slot may average below minKw only as a session's final slot that completes its request (the
 * car draws minKw until it is full and stops): the effective minimum is min(minKw, remaining/h).
 */
export function roundMinPower({ chargingModel: cm, kw, minKw, method = 'pack' }: RoundMinPowerParameters): RepairPowerReturnType {
  const h = cm.slotHours;
  const hours = cm.steps.hours;
  const effMin = cm.sessions.map((s, j) => (minKw[j] > 0 ? Math.min(minKw[j], s.remainingKWh / h) : 0));
  if (method === 'threshold') {
    cm.sessions.forEach((s, j) => {
      const m = effMin[j];
      if (m <= 0) return;
      const p = kw[j];
      for (let i = 0; i < p.length; i++) if (p[i] > 0 && p[i] < m) p[i] = p[i] >= m / 2 ? Math.min(m, s.maxKw) : 0;
    });
    return repairPower({ chargingModel: cm, kw, minKw: effMin, fill: true });
  }
  const relaxed = kw.map((p) => Float64Array.from(p));
  const left = cm.sessions.map((s) => s.remainingKWh);
  for (const p of kw) p.fill(0);
  const rowsBySlot = slotRows(cm);
  rowsBySlot.forEach((rows, i) => {
    const t = cm.firstSlot + i;
    const rowsOf = new Map<number, { r: number; coef: number }[]>();
    rows.forEach((row, r) =>
      row.members.forEach((j, k) => {
        const list = rowsOf.get(j);
        if (list) list.push({ r, coef: row.coeffs[k] });
        else rowsOf.set(j, [{ r, coef: row.coeffs[k] }]);
      })
    );
    const lhs = new Float64Array(rows.length);
    const candidates: number[] = [];
    cm.sessions.forEach((s, j) => {
      if (t >= s.fromSlot && t < s.toSlot && relaxed[j][t - s.fromSlot] > 1e-9) candidates.push(j);
    });
    candidates.sort((a, b) => relaxed[b][t - cm.sessions[b].fromSlot] - relaxed[a][t - cm.sessions[a].fromSlot] || cm.sessions[a].toSlot - cm.sessions[b].toSlot || a - b);
    for (const j of candidates) {
      const s = cm.sessions[j];
      const m = effMin[j];
      const completesKw = left[j] / hours[i];
      const cap = Math.min(s.maxKw, cm.model.colUpper[s.pCol + t - s.fromSlot]);
      let want = relaxed[j][t - s.fromSlot];
      if (m > 0 && want < m) want = want >= m / 2 ? m : 0;
      want = Math.min(want, completesKw, cap);
      let room = cap;
      for (const { r, coef } of rowsOf.get(j) ?? []) if (coef > 0) room = Math.min(room, (rows[r].rhs - lhs[r] - 1e-12) / coef);
      let v = Math.min(want, Math.max(0, room));
      // Below the minimum is allowed only when it completes the request.
      if (m > 0 && v < m - 1e-12 && v < completesKw - 1e-12) v = room >= m ? m : 0;
      if (!(v > 1e-9)) continue;
      kw[j][t - s.fromSlot] = v;
      left[j] -= v * hours[i];
      for (const { r, coef } of rowsOf.get(j) ?? []) lhs[r] += coef * v;
    }
  });
  return repairPower({ chargingModel: cm, kw, minKw: effMin, fill: true });
}
