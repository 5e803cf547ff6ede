import type { ChargingModel } from './charging-model';
import { decodeLpName } from './lp-name';

/** Parameters of `repairPower`. */
export type RepairPowerParameters = {
  chargingModel: ChargingModel;
  /** Power per model session (same order as `chargingModel.sessions`) and window slot, kW; changed in place. */
  kw: Float64Array[];
  /** Minimum power per model session while charging, kW (0 = may take any value). */
  minKw: readonly number[];
  /** Allowed excess before a row counts as violated, kW. Default 1e-9. */
  toleranceKw?: number;
  /**
   * After repairing, give sessions still short of their request extra power where every row and
   * the EVSE have room (earliest deadline first, earliest slot first), never a new setpoint below
   * the minimum. Default false.
   */
  fill?: boolean;
};

/** What `repairPower` changed. */
export type RepairPowerReturnType = {
  /** Σ of power removed, kW·slots. */
  removedKw: number;
  /** Σ of power added by `fill`, kW·slots. */
  addedKw: number;
  /** Rows that were violated before the repair (names like `node.root.37`), at most 20. */
  violatedRows: string[];
};

/** One row of the model at one slot, over model session indices. */
export type SlotRow = { name: string; members: number[]; coeffs: number[]; rhs: number };

// A gate rounds and repairs one model several times (two roundings, lazy MILP rounds): its rows are built once.
const rowsCache = new WeakMap<ChargingModel, SlotRow[][]>();

/**
 * The shared-EVSE and grid rows of every horizon slot, over model session indices (index 0 =
 * firstSlot), with the model's coefficients (weighted by a session's spread in aggregated steps).
 * Read-only: cached per model.
 */
export function slotRows(cm: ChargingModel): SlotRow[][] {
  let rows = rowsCache.get(cm);
  if (!rows) {
    rows = buildSlotRows(cm);
    rowsCache.set(cm, rows);
  }
  return rows;
}

/** Name prefixes of the model rows that cap the EV powers of one slot: shared EVSEs and the grid rows (`buildGridRows`). */
const SLOT_ROW_PREFIXES = ['evse.', 'node.', 'phase.', 'xfmr.'];

/**
 * Read from the model itself, so repairs hold exactly the rows the solver saw (spread-weighted
 * coefficients, one row per presence group in aggregated steps, rows that cannot bind left out).
 */
function buildSlotRows(cm: ChargingModel): SlotRow[][] {
  const m = cm.model;
  // Which model session and model slot each power column belongs to.
  const owner = new Int32Array(m.numCols).fill(-1);
  const slotOf = new Float64Array(m.numCols);
  cm.sessions.forEach((s, j) => {
    if (s.pCol < 0) return;
    for (let i = 0; i < s.toSlot - s.fromSlot; i++) {
      owner[s.pCol + i] = j;
      slotOf[s.pCol + i] = s.fromSlot + i;
    }
  });
  const out: SlotRow[][] = Array.from({ length: cm.horizonEndSlot - cm.firstSlot }, () => []);
  for (let r = 0; r < m.numRows; r++) {
    const name = m.rowNames[r];
    if (!SLOT_ROW_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const members: number[] = [];
    const coeffs: number[] = [];
    let t = cm.firstSlot;
    for (let k = m.rowStart[r]; k < m.rowStart[r + 1]; k++) {
      const c = m.rowIndex[k];
      if (owner[c] < 0) continue;
      members.push(owner[c]);
      coeffs.push(m.rowValue[k]);
      t = slotOf[c];
    }
    if (members.length > 0) out[t - cm.firstSlot].push({ name: decodeLpName(name), members, coeffs, rhs: m.rowUpper[r] });
  }
  return out;
}

/**
 * Makes a power plan satisfy every row of the model without adding energy: caps at maxKw,
 * energy up to the remaining request (latest slots trimmed first), shared-EVSE limits and every
 * grid row. A violated row is relieved by lowering the sessions with a positive coefficient,
 * the one leaving last first (it has the most time to catch up), to a lower power, or to 0 when
 * that would fall below its minimum power. Zero power satisfies every row (their rhs is ≥ 0), so
 * the loop always ends feasible.
 */
export function repairPower({ chargingModel: cm, kw, minKw, toleranceKw = 1e-9, fill = false }: RepairPowerParameters): RepairPowerReturnType {
  const hours = cm.steps.hours;
  let removedKw = 0;
  let addedKw = 0;
  const rowsBySlot: SlotRow[][] = [];
  const violatedRows: string[] = [];
  const lower = (s: number, i: number, to: number) => {
    const floor = minKw[s] > 0 && to < minKw[s] - 1e-12 ? 0 : Math.max(0, to);
    removedKw += kw[s][i] - floor;
    kw[s][i] = floor;
  };
  // Bounds and energy.
  cm.sessions.forEach((s, j) => {
    const p = kw[j];
    const h0 = s.fromSlot - cm.firstSlot;
    for (let i = 0; i < p.length; i++) {
      // The column's bound: maxKw, less in an aggregated step the car spends partly unplugged.
      const cap = Math.min(s.maxKw, cm.model.colUpper[s.pCol + i]);
      if (!(p[i] > 0)) p[i] = 0;
      else if (p[i] > cap) lower(j, i, cap);
    }
    let energy = 0;
    for (let i = 0; i < p.length; i++) energy += p[i] * hours[h0 + i];
    for (let i = p.length - 1; i >= 0 && energy > s.remainingKWh + 1e-9; i--) {
      const h = hours[h0 + i];
      const excessKw = (energy - s.remainingKWh) / h;
      const before = p[i];
      lower(j, i, p[i] - excessKw);
      energy -= (before - p[i]) * h;
    }
  });
  // Rows, slot by slot.
  const H = cm.horizonEndSlot - cm.firstSlot;
  const allRows = slotRows(cm);
  for (let i = 0; i < H; i++) {
    const t = cm.firstSlot + i;
    const rows = allRows[i];
    const at = (j: number) => kw[j][t - cm.sessions[j].fromSlot];
    for (let pass = 0; pass < 100; pass++) {
      let violated = false;
      for (const row of rows) {
        let lhs = 0;
        for (let k = 0; k < row.members.length; k++) lhs += row.coeffs[k] * at(row.members[k]);
        if (lhs <= row.rhs + toleranceKw) continue;
        violated = true;
        if (violatedRows.length < 20 && !violatedRows.includes(row.name)) violatedRows.push(row.name);
        const order = row.members
          .map((j, k) => ({ j, coef: row.coeffs[k] }))
          .filter((m) => m.coef > 0 && at(m.j) > 0)
          .sort((a, b) => cm.sessions[b.j].toSlot - cm.sessions[a.j].toSlot || b.j - a.j);
        for (const { j, coef } of order) {
          if (lhs <= row.rhs) break;
          const before = at(j);
          // Aim a hair under the rhs so floating-point noise cannot leave the row violated.
          lower(j, t - cm.sessions[j].fromSlot, before - (lhs - row.rhs) / coef - 1e-12);
          lhs -= coef * (before - at(j));
        }
      }
      if (!violated) break;
      if (pass === 99) for (const row of rows) for (const j of row.members) lower(j, t - cm.sessions[j].fromSlot, 0);
    }
    rowsBySlot.push(rows);
  }
  if (fill) addedKw = fillPower({ cm, kw, minKw, rowsBySlot });
  return { removedKw, addedKw, violatedRows };
}

/** Greedy top-up of short sessions into the rows' remaining room (see `fill`). Returns kW·slots added. */
function fillPower({ cm, kw, minKw, rowsBySlot }: { cm: ChargingModel; kw: Float64Array[]; minKw: readonly number[]; rowsBySlot: SlotRow[][] }): number {
  const hours = cm.steps.hours;
  const need = cm.sessions.map((s, j) => s.remainingKWh - kw[j].reduce((a, v, i) => a + v * hours[s.fromSlot - cm.firstSlot + i], 0));
  const order = cm.sessions.map((_, j) => j).sort((a, b) => cm.sessions[a].toSlot - cm.sessions[b].toSlot || a - b);
  // Per slot: the rows touching each session (with its coefficient) and each row's current lhs.
  const slots = rowsBySlot.map((rows, i) => {
    const t = cm.firstSlot + i;
    const rowsOf = new Map<number, { r: number; coef: number }[]>();
    const lhs = new Float64Array(rows.length);
    rows.forEach((row, r) =>
      row.members.forEach((j, k) => {
        const list = rowsOf.get(j);
        if (list) list.push({ r, coef: row.coeffs[k] });
        else rowsOf.set(j, [{ r, coef: row.coeffs[k] }]);
        lhs[r] += row.coeffs[k] * kw[j][t - cm.sessions[j].fromSlot];
      })
    );
    return { rows, rowsOf, lhs };
  });
  const roomAt = (j: number, i: number) => {
    const s = cm.sessions[j];
    const { rows, rowsOf, lhs } = slots[i];
    const c = cm.firstSlot + i - s.fromSlot;
    let room = Math.min(s.maxKw, cm.model.colUpper[s.pCol + c]) - kw[j][c];
    for (const { r, coef } of rowsOf.get(j) ?? []) if (coef > 0) room = Math.min(room, (rows[r].rhs - lhs[r] - 1e-12) / coef);
    return room;
  };
  let added = 0;
  const add = (j: number, i: number, kwAdd: number) => {
    kw[j][cm.firstSlot + i - cm.sessions[j].fromSlot] += kwAdd;
    need[j] -= kwAdd * hours[i];
    added += kwAdd;
    for (const { r, coef } of slots[i].rowsOf.get(j) ?? []) slots[i].lhs[r] += coef * kwAdd;
  };
  for (let i = 0; i < slots.length; i++) {
    const t = cm.firstSlot + i;
    for (const j of order) {
      const s = cm.sessions[j];
      if (t < s.fromSlot || t >= s.toSlot || need[j] <= 1e-9) continue;
      const current = kw[j][t - s.fromSlot];
      const room = Math.min(roomAt(j, i), need[j] / hours[i]);
      if (room > 1e-9 && (current > 0 || room >= minKw[j])) add(j, i, room);
    }
  }
  // Tails: what is still missing and less than one slot at minimum power goes into the slot right
  // after the session's last charging slot — the car draws minKw there until it is full.
  for (const j of order) {
    const s = cm.sessions[j];
    if (need[j] <= 1e-9 || minKw[j] <= 0 || need[j] >= minKw[j] * cm.slotHours) continue;
    let last = -1;
    for (let k = 0; k < kw[j].length; k++) if (kw[j][k] > 0) last = k;
    const k = last + 1;
    if (k >= kw[j].length) continue;
    const i = s.fromSlot + k - cm.firstSlot;
    if (roomAt(j, i) >= need[j] / hours[i]) add(j, i, need[j] / hours[i]);
  }
  return added;
}
