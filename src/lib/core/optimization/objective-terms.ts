import type { Preference } from '../model/charging-request';
import type { ChargingModelEnergy, ChargingModelSession } from './charging-model';
import type { LpModelBuilder } from './lp-model-builder';
import { PREFERENCE_SCALES, type ObjectiveTermName } from './strategies';

/** A session as the objective terms see it. */
export type TermSession = ChargingModelSession & {
  preference: Preference;
  deliveredKWh: number;
  /** Encoded id for LP names. */
  lpId: string;
};

/** What a term may read and add to (auxiliary columns and rows are created on demand). */
export type TermContext = {
  builder: LpModelBuilder;
  /** The timeline's slot length, h. */
  slotHours: number;
  /** Length of each model slot, h (index 0 = firstSlot; longer than `slotHours` where far slots are aggregated). */
  stepHours: Float64Array;
  /** Hours from the start of firstSlot to the start of each model slot. */
  offsetHours: Float64Array;
  firstSlot: number;
  /** Number of model slots in the horizon. */
  horizonLength: number;
  sessions: readonly TermSession[];
  energy: ChargingModelEnergy;
  /** Upper estimate of the site's net import, kW (breakpoints of the flattening term). */
  referenceKw: number;
  /** EV capacity of the root node per horizon index, kW (its grid row's rhs), or null without one. */
  rootCapacityKw: readonly number[] | null;
  /** Σ maxKw of the site's EVSEs no known session occupies, per horizon index, kW (where later arrivals can plug in). */
  freeEvseKw: readonly number[];
  /** Columns e_t = Σ_s p[s,t] (total EV kW) per horizon index; created with rows `evload.<t>` on first use. */
  evLoadCols(): Int32Array;
  /** Columns y_t = EV kW served by PV surplus per horizon index (−1 where there is no surplus). */
  pvUseCols(): Int32Array;
};

/** One composable objective term: a function that adds costs (and helper columns/rows) times its weight. */
export type ObjectiveTerm = {
  name: ObjectiveTermName;
  /** One line for docs and reports. */
  summary: string;
  apply(ctx: TermContext, weight: number): void;
};

/** Number of segments of the piecewise-linear flattening penalty. */
export const FLATTEN_SEGMENTS = 3;

function forEachP(ctx: TermContext, fn: (s: TermSession, t: number, col: number, i: number) => void): void {
  for (const s of ctx.sessions) {
    if (s.pCol < 0) continue;
    for (let t = s.fromSlot; t < s.toSlot; t++) fn(s, t, s.pCol + (t - s.fromSlot), t - ctx.firstSlot);
  }
}

function windowExtreme(values: readonly number[], s: TermSession, firstSlot: number, pick: (a: number, b: number) => number): number {
  let v = values[s.fromSlot - firstSlot];
  for (let t = s.fromSlot + 1; t < s.toSlot; t++) v = pick(v, values[t - firstSlot]);
  return v;
}

/** Shortfall: weight × u_s per kWh not delivered by departure (u_s from the `energy.<id>` rows). */
const shortfall: ObjectiveTerm = {
  name: 'shortfall',
  summary: 'Σ_s w·u_s — kWh of the request not delivered by departure',
  apply(ctx, w) {
    for (const s of ctx.sessions) {
      if (s.uCol >= 0) ctx.builder.addCost(s.uCol, w);
      // A session with no columns cannot get anything: its whole request is a constant shortfall.
      else ctx.builder.objectiveConstant += w * s.remainingKWh;
    }
  }
};

/**
 * Fairness (max-min): φ ≤ delivered fraction of every session, maximized. The fraction is
 * (delivered + planned)/(delivered + reachable), so φ = 1 is possible whenever the grid allows
 * every session what its own caps allow. Rows `fair.<id>`: φ + u/(D+E) ≤ (D+R)/(D+E).
 */
const fairness: ObjectiveTerm = {
  name: 'fairness',
  summary: '−w·S·φ with φ ≤ (delivered+planned)/(delivered+reachable) of every session; S = mean reachable kWh',
  apply(ctx, w) {
    const members = ctx.sessions.filter((s) => s.uCol >= 0 && s.reachableKWh > 1e-9);
    if (w === 0 || members.length < 2) return;
    let sum = 0;
    for (const s of members) sum += s.deliveredKWh + s.reachableKWh;
    const phi = ctx.builder.addColumn({ name: 'fair.min', lb: 0, ub: 1, cost: (-w * sum) / members.length });
    for (const s of members) {
      const den = s.deliveredKWh + s.reachableKWh;
      ctx.builder.addRow(`fair.${s.lpId}`, [[phi, 1], [s.uCol, 1 / den]], -Infinity, (s.deliveredKWh + s.remainingKWh) / den);
    }
  }
};

/** Peak: z ≥ site net import in every slot (base − PV + EVs), w·h per kW of z. Rows `peak.<t>`. */
const peak: ObjectiveTerm = {
  name: 'peak',
  summary: 'w·h·z with z ≥ base_t − pv_t + e_t for every slot t (peak net import, kW)',
  apply(ctx, w) {
    if (w === 0 || ctx.horizonLength === 0) return;
    const { baseLoadKw, pvKw } = ctx.energy;
    let floor = 0;
    for (let i = 0; i < ctx.horizonLength; i++) floor = Math.max(floor, baseLoadKw[i] - pvKw[i]);
    const e = ctx.evLoadCols();
    const z = ctx.builder.addColumn({ name: 'peak.kw', lb: floor, cost: w * ctx.slotHours });
    for (let i = 0; i < ctx.horizonLength; i++) ctx.builder.addRow(`peak.${ctx.firstSlot + i}`, [[e[i], 1], [z, -1]], -Infinity, pvKw[i] - baseLoadKw[i]);
  }
};

/**
 * Flattening: a convex piecewise-linear penalty of each slot's net import (a linear stand-in for
 * a quadratic), segments q_{t,k} ≥ net_t − b_k with b_k = k/(K+1) of the reference kW; the slope
 * grows by w/K per kW·h at each breakpoint. Base load is part of net_t, so EV load moves to
 * slots with low base load. Rows `flat.<t>.<k>`.
 */
const flatten: ObjectiveTerm = {
  name: 'flatten',
  summary: 'Σ_t Σ_k (w/K)·h·q_{t,k}, q_{t,k} ≥ base_t − pv_t + e_t − k/(K+1)·ref (convex, K = 3)',
  apply(ctx, w) {
    if (w === 0 || ctx.horizonLength === 0 || !(ctx.referenceKw > 0)) return;
    const { baseLoadKw, pvKw } = ctx.energy;
    const e = ctx.evLoadCols();
    for (let i = 0; i < ctx.horizonLength; i++) {
      for (let k = 1; k <= FLATTEN_SEGMENTS; k++) {
        const bk = (ctx.referenceKw * k) / (FLATTEN_SEGMENTS + 1);
        const t = ctx.firstSlot + i;
        const q = ctx.builder.addColumn({ name: `flat.${t}.${k}`, cost: (w * ctx.stepHours[i]) / FLATTEN_SEGMENTS });
        ctx.builder.addRow(`flat.${t}.${k}`, [[e[i], 1], [q, -1]], -Infinity, bk - (baseLoadKw[i] - pvKw[i]));
      }
    }
  }
};

/**
 * Green: each session pays (its window's greenest grid share − g_t) per kWh, scaled by its
 * preference, so it prefers greener slots without changing how much it gets; and every kWh of
 * PV surplus the EVs absorb (y_t ≤ max(0, pv − base), y_t ≤ e_t) earns (1 − g_t), the green
 * kWh it adds over grid power. Together: green kWh = Σ_t h·(g_t·e_t + (1 − g_t)·y_t).
 */
const green: ObjectiveTerm = {
  name: 'green',
  summary: 'Σ w·pref·(max_window g − g_t)·h·p − Σ_t w·(1 − g_t)·h·y_t (PV used by EVs)',
  apply(ctx, w) {
    if (w === 0) return;
    const g = ctx.energy.gridGreenShare;
    let best = 0;
    let lastId = '';
    forEachP(ctx, (s, _t, col, i) => {
      if (s.id !== lastId) {
        best = windowExtreme(g, s, ctx.firstSlot, Math.max);
        lastId = s.id;
      }
      ctx.builder.addCost(col, w * PREFERENCE_SCALES[s.preference].green * (best - g[i]) * ctx.stepHours[i]);
    });
    const y = ctx.pvUseCols();
    for (let i = 0; i < y.length; i++) if (y[i] >= 0) ctx.builder.addCost(y[i], -w * (1 - g[i]) * ctx.stepHours[i]);
  }
};

/**
 * Cost: prices normalized by the horizon's largest |price|; each session pays (π_t − cheapest
 * π in its window) per kWh, scaled by its preference; PV used by EVs saves π_t per kWh.
 */
const cost: ObjectiveTerm = {
  name: 'cost',
  summary: 'Σ w·pref·(π_t − min_window π)·h·p − Σ_t w·π_t·h·y_t, π = price / max|price|',
  apply(ctx, w) {
    const price = ctx.energy.pricePerKWh;
    let scale = 0;
    for (const p of price) scale = Math.max(scale, Math.abs(p));
    if (w === 0 || scale === 0) return;
    const pi = price.map((p) => p / scale);
    let cheapest = 0;
    let lastId = '';
    forEachP(ctx, (s, _t, col, i) => {
      if (s.id !== lastId) {
        cheapest = windowExtreme(pi, s, ctx.firstSlot, Math.min);
        lastId = s.id;
      }
      ctx.builder.addCost(col, w * PREFERENCE_SCALES[s.preference].cost * (pi[i] - cheapest) * ctx.stepHours[i]);
    });
    const y = ctx.pvUseCols();
    for (let i = 0; i < y.length; i++) if (y[i] >= 0) ctx.builder.addCost(y[i], -w * pi[i] * ctx.stepHours[i]);
  }
};

/**
 * Quick-charge tie-break: w·pref·(t − first)/(window − 1)·h per kWh, so earlier wins ties. With
 * aggregated steps the position is in hours: (offset_t − offset_first)/max(h, offset_last − offset_first).
 */
const quick: ObjectiveTerm = {
  name: 'quick',
  summary: 'Σ w·pref·((t − from_s)/(len_s − 1))·h·p — earlier is better when otherwise equal',
  apply(ctx, w) {
    if (w === 0) return;
    forEachP(ctx, (s, _t, col, i) => {
      const first = ctx.offsetHours[s.fromSlot - ctx.firstSlot];
      const span = Math.max(ctx.slotHours, ctx.offsetHours[s.toSlot - 1 - ctx.firstSlot] - first);
      ctx.builder.addCost(col, (w * PREFERENCE_SCALES[s.preference].quick * (ctx.offsetHours[i] - first) * ctx.stepHours[i]) / span);
    });
  }
};

/** Share of the free EVSEs' power (no known session plugged in) expected to be drawn by later arrivals. */
export const HEADROOM_FREE_EVSE_SHARE = 0.3;
/** Hours over which the reserve ramps up from 0 (the dispatched slot) to its full size. */
export const HEADROOM_RAMP_HOURS = 1;

/**
 * Headroom for later arrivals: in every later slot, the known sessions' EV load above
 * cap_t − reserve_t costs w·h per kW, where reserve_t = ramp_t · min(cap_t, 0.3 · Σ maxKw of the
 * EVSEs no known session occupies at t) and ramp_t grows from 0 (dispatched slot) to 1 an hour
 * ahead. A rolling horizon only sees the sessions already here: deferring their energy to greener,
 * cheaper or flatter later slots fills capacity that cars arriving at the free EVSEs will need, and
 * on a congested site that energy is lost (bench: balanced was 9.9 points below the offline optimum
 * on Caltech at 30 kW). The reserve is sized by the free EVSEs, not by the limit: on a loose site it
 * is far below the spare capacity and costs nothing (every green/cost/flatness trade stays), on a
 * tight one it covers the whole limit and the gate charges now. Above the line deferring costs more
 * than any timing term gains (w = 10 ≫ green + cost + flatten + peak per kWh) and far less than a
 * kWh of shortfall. Rows `head.<t>`.
 */
const headroom: ObjectiveTerm = {
  name: 'headroom',
  summary: 'Σ_t w·h·r_t, r_t ≥ e_t − (cap_t − ramp_t·min(cap_t, 0.3·free EVSE kW_t)) (EV load in capacity later arrivals need)',
  apply(ctx, w) {
    const cap = ctx.rootCapacityKw;
    if (w === 0 || !cap) return;
    const rampHours = Math.max(ctx.slotHours, HEADROOM_RAMP_HOURS);
    let e: Int32Array | null = null;
    for (let i = 1; i < ctx.horizonLength; i++) {
      if (!(cap[i] > 0)) continue;
      const reserveKw = Math.min(1, ctx.offsetHours[i] / rampHours) * Math.min(cap[i], HEADROOM_FREE_EVSE_SHARE * ctx.freeEvseKw[i]);
      if (!(reserveKw > 1e-9)) continue;
      e ??= ctx.evLoadCols();
      const t = ctx.firstSlot + i;
      const r = ctx.builder.addColumn({ name: `head.${t}`, cost: w * ctx.stepHours[i] });
      ctx.builder.addRow(`head.${t}`, [[e[i], 1], [r, -1]], -Infinity, cap[i] - reserveKw);
    }
  }
};

/**
 * Marginal CO2 (live backend, issue 12): rates normalized by the horizon's largest known rate; each
 * session pays (m_t − lowest m in its window) per kWh, scaled by its green preference, so energy
 * moves to the slots where an extra kWh causes the least emissions. Slots without a value cost
 * like the window's highest known one (never preferred on a guess).
 */
const marginal: ObjectiveTerm = {
  name: 'marginal',
  summary: 'Σ w·pref_green·(m_t − min_window m)·h·p, m = marginal g/kWh / max m (unknown = window max)',
  apply(ctx, w) {
    const rates = ctx.energy.marginalGPerKWh;
    if (w === 0 || !rates) return;
    let scale = 0;
    for (const r of rates) if (Number.isFinite(r)) scale = Math.max(scale, r);
    if (!(scale > 0)) return;
    const m = rates.map((r) => (Number.isFinite(r) ? r / scale : NaN));
    let lowest = 0;
    let highest = 0;
    let lastId = '';
    forEachP(ctx, (s, _t, col, i) => {
      if (s.id !== lastId) {
        const known = m.slice(s.fromSlot - ctx.firstSlot, s.toSlot - ctx.firstSlot).filter(Number.isFinite);
        lowest = known.length ? Math.min(...known) : 0;
        highest = known.length ? Math.max(...known) : 0;
        lastId = s.id;
      }
      const v = Number.isFinite(m[i]) ? m[i] : highest;
      ctx.builder.addCost(col, w * PREFERENCE_SCALES[s.preference].green * (v - lowest) * ctx.stepHours[i]);
    });
  }
};

/** Every objective term, in the order they are applied. */
export const OBJECTIVE_TERMS: readonly ObjectiveTerm[] = [shortfall, fairness, peak, flatten, green, cost, quick, headroom, marginal];
