import { batteryAcceptanceKw, TAPER_END_SHARE, TAPER_START_SOC } from '../engine/battery-taper';
import { siteSlotEnergy } from '../energy/site-slot-energy';
import { greenShare } from '../energy/green-share';
import { buildGridRows } from '../grid/grid-rows';
import { slotHours as slotHoursOf } from '../time/gates';
import { partialSteps, presenceGroups, rowCoefficient, type ChargingModel, type ChargingModelEnergy } from './charging-model';
import { LpModelBuilder } from './lp-model-builder';
import { horizonSteps, type AggregationTier, type HorizonSteps } from './horizon-steps';
import { encodeLpId } from './lp-name';
import { marginalRatesForSlots } from './marginal-rates-for-slots';
import { OBJECTIVE_TERMS, type TermContext, type TermSession } from './objective-terms';
import type { ScheduleInput } from '../model/scheduler';
import { strategyWeights, type ObjectiveWeights } from './strategies';

/** How minimum charging power (minKw > 0) is modelled. */
export type MinPowerMode =
  /** Binary on[s,t]: p = 0 or minKw ≤ p ≤ maxKw (MILP). */
  | 'milp'
  /** Ignored (0 ≤ p ≤ maxKw): the LP relaxation, rounded and repaired afterwards. */
  | 'relax';

/** Parameters of `buildChargingModel`. */
export type BuildChargingModelParameters = {
  input: ScheduleInput;
  /** Objective weights; default: the preset named by `input.strategy` (balanced). */
  weights?: ObjectiveWeights;
  minPower?: MinPowerMode;
  /** Sides of the transformer polygon passed to `buildGridRows`. */
  polygonSides?: number;
  /**
   * With `milp`: only these sessions get binaries (lazy integrality, see optimizeCharging); the
   * others keep continuous power. Default: every session with a minimum.
   */
  integerSessionIds?: ReadonlySet<string>;
  /**
   * With `milp`: binaries only in slots before this one (the near term, see optimizeCharging's
   * `minPowerHorizonHours`); later slots keep continuous power. Default: the whole horizon.
   */
  integerUntilSlot?: number;
  /** Keep grid rows that cannot bind (default: left out; the cold reference of the fast-path tests keeps them). */
  keepSlackRows?: boolean;
  /**
   * Far slots merged into longer steps (see horizon-steps.ts); default none: one model slot per
   * real slot. With tiers, `integerUntilSlot` must stay inside the one-slot steps.
   */
  aggregation?: readonly AggregationTier[];
};

/** Energy below this is treated as nothing (kWh): avoids columns for rounding dust. */
const ENERGY_EPS = 1e-9;

/**
 * Builds the charging LP/MILP of one gate as plain data (see docs/optimization.md).
 *
 * Columns: p[s,t] kW for each session s and slot t of its window inside the horizon (`p.<id>.<t>`,
 * 0..maxKw), shortfall u_s kWh (`short.<id>`), binaries on[s,t] (`on.<id>.<t>`) for minimum power,
 * plus the helper columns of the objective terms. Rows: `energy.<id>` (Σ h·p + u = remaining),
 * `minkw.<id>.<t>`/`maxkw.<id>.<t>` (MILP), `evse.<evseId>.<t>` (sessions sharing an EVSE),
 * `<grid row>.<t>` for every row of `buildGridRows` (node, phase, transformer polygon), and the
 * terms' rows. The model is never infeasible: p = 0, u = remaining satisfies every row.
 * Throws only for a broken site or timeline (optimizeCharging turns that into a fallback).
 */
export function buildChargingModel({ input, weights, minPower = 'milp', polygonSides, integerSessionIds, integerUntilSlot, keepSlackRows = false, aggregation = [] }: BuildChargingModelParameters): ChargingModel {
  const w = weights ?? strategyWeights({ strategy: input.strategy });
  const h = slotHoursOf(input.timeline);
  const { site, firstSlot } = input;
  let realEndSlot = input.horizonEndSlot ?? firstSlot;
  if (input.horizonEndSlot === undefined) for (const s of input.sessions) realEndSlot = Math.max(realEndSlot, s.endSlot);
  realEndSlot = Math.max(firstSlot, realEndSlot);
  // Model slot firstSlot + k is step k; without aggregation that is real slot firstSlot + k.
  const steps = horizonSteps({ firstSlot, horizonEndSlot: realEndSlot, slotMinutes: input.timeline.slotMinutes, tiers: aggregation });
  const H = steps.hours.length;
  const horizonEndSlot = firstSlot + H;
  const realSlots = Array.from({ length: realEndSlot - firstSlot }, (_, i) => firstSlot + i);
  /** Step of each real horizon slot (index 0 = firstSlot). */
  const stepOf = new Int32Array(realSlots.length);
  for (let k = 0; k < H; k++) stepOf.fill(k, steps.startSlot[k] - firstSlot, steps.startSlot[k + 1] - firstSlot);
  const real = { pvKw: [] as number[], baseLoadKw: [] as number[], gridGreenShare: [] as number[], pricePerKWh: [] as number[] };
  for (const slot of realSlots) {
    // With the timeline, an imported mix series (SiteEnergy.gridMixSeries) applies at its real dates.
    const e = siteSlotEnergy({ site, slot, timeline: input.timeline });
    real.pvKw.push(e.pvKw);
    real.baseLoadKw.push(e.baseLoadKw);
    real.gridGreenShare.push(greenShare(e.gridMix));
    real.pricePerKWh.push(e.pricePerKWh);
  }
  const energy: ChargingModelEnergy = {
    pvKw: stepMeans(steps, firstSlot, real.pvKw),
    baseLoadKw: stepMeans(steps, firstSlot, real.baseLoadKw),
    gridGreenShare: stepMeans(steps, firstSlot, real.gridGreenShare),
    pricePerKWh: stepMeans(steps, firstSlot, real.pricePerKWh)
  };
  // Live backend (issue 12): the marginal signal, for the "lowest-marginal-co2" preset's term.
  if (site.energy?.marginalCo2Series) {
    const rates = marginalRatesForSlots({ series: site.energy.marginalCo2Series, timeline: input.timeline, slots: realSlots });
    // A slot without a value is never preferred on a guess (the marginal term): inside a longer
    // step it counts as the horizon's highest known rate, not as the mean of the step's known slots.
    let highest = NaN;
    for (const r of rates) if (Number.isFinite(r) && !(r <= highest)) highest = r;
    energy.marginalGPerKWh = stepMeans(steps, firstSlot, rates, highest);
  }
  const warnings: string[] = [];
  const evseMaxKw: Record<string, number> = {};
  for (const e of site.evses) evseMaxKw[e.id] = e.maxKw;

  const b = new LpModelBuilder('minimize');
  const sessions: TermSession[] = [];
  let hasIntegers = false;
  for (const s of input.sessions) {
    const lpId = encodeLpId(s.id).replace(/\./g, '~2e');
    // The real window, then the steps it touches (model slots).
    const fromReal = Math.max(s.startSlot, firstSlot);
    const toReal = Math.max(fromReal, Math.min(s.endSlot, realEndSlot));
    const fromSlot = firstSlot + (toReal > fromReal ? stepOf[fromReal - firstSlot] : H);
    const toSlot = toReal > fromReal ? firstSlot + stepOf[toReal - 1 - firstSlot] + 1 : fromSlot;
    const R = Math.max(0, s.remainingKWh);
    const maxKw = Math.max(0, s.maxKw);
    const len = toSlot - fromSlot;
    const reachableKWh = Math.min(R, maxKw * h * (toReal - fromReal));
    // A request smaller than one slot at minimum power is finished within one slot (the car
    // draws minKw until full), so its slot average is R/h: the effective minimum is min(minKw, R/h).
    const onTo = Math.min(toSlot, integerUntilSlot ?? toSlot);
    const modelledMin = modelledMinKw({ minKw: s.minKw, maxKw, remainingKWh: R, slotHours: h, battery: s.battery, binarySlots: Math.max(0, onTo - fromSlot) });
    const useMin = minPower === 'milp' && modelledMin > 0 && (!integerSessionIds || integerSessionIds.has(s.id));
    const minKw = useMin ? modelledMin : 0;
    const ts: TermSession = {
      id: s.id,
      evseId: s.evseId,
      pCol: -1,
      fromSlot,
      toSlot: len > 0 && R > ENERGY_EPS && maxKw > 0 ? toSlot : fromSlot,
      fromReal,
      toReal,
      uCol: -1,
      onCol: -1,
      onSlots: 0,
      remainingKWh: R,
      reachableKWh: reachableKWh > ENERGY_EPS ? reachableKWh : 0,
      maxKw,
      minKw,
      preference: s.preference,
      deliveredKWh: Math.max(0, s.deliveredKWh),
      spread: null,
      lpId
    };
    sessions.push(ts);
    if (ts.toSlot === ts.fromSlot) continue;
    ts.pCol = b.numCols;
    for (let t = fromSlot; t < toSlot; t++) {
      // Mean power over the step: a car present for part of an aggregated step averages less.
      const k = t - firstSlot;
      const present = Math.min(toReal, steps.startSlot[k + 1]) - Math.max(fromReal, steps.startSlot[k]);
      const whole = steps.startSlot[k + 1] - steps.startSlot[k];
      if (present < whole) (ts.spread ??= new Float64Array(len).fill(1))[t - fromSlot] = whole / present;
      b.addColumn({ name: `p.${lpId}.${t}`, lb: 0, ub: present >= whole ? maxKw : (maxKw * present) / whole });
    }
    // u ≥ R − reachable: what the session's own caps cannot deliver is short in any case.
    ts.uCol = b.addColumn({ name: `short.${lpId}`, lb: Math.max(0, R - reachableKWh - 1e-9), ub: R });
    b.beginRow(`energy.${lpId}`);
    for (let t = fromSlot; t < toSlot; t++) b.addTerm(ts.pCol + t - fromSlot, steps.hours[t - firstSlot]);
    b.addTerm(ts.uCol, 1);
    b.endRow(R, R);
    if (s.battery) addTaperRows({ b, ts, battery: s.battery, stepHours: steps.hours, slotHours: h, firstSlot, lpId });
    if (useMin && onTo > fromSlot) {
      hasIntegers = true;
      ts.onCol = b.numCols;
      ts.onSlots = onTo - fromSlot;
      for (let t = fromSlot; t < onTo; t++) b.addColumn({ name: `on.${lpId}.${t}`, lb: 0, ub: 1, integer: true });
      for (let t = fromSlot; t < onTo; t++) {
        const p = ts.pCol + t - fromSlot;
        const on = ts.onCol + t - fromSlot;
        b.addRow(`minkw.${lpId}.${t}`, [[p, 1], [on, -minKw]], 0, Infinity);
        b.addRow(`maxkw.${lpId}.${t}`, [[p, 1], [on, -maxKw]], -Infinity, 0);
      }
    }
  }

  // Sessions per EVSE, for the shared-EVSE rows and the grid rows.
  const byEvse = new Map<string, TermSession[]>();
  for (const s of sessions) {
    if (s.pCol < 0) continue;
    const list = byEvse.get(s.evseId);
    if (list) list.push(s);
    else byEvse.set(s.evseId, [s]);
  }
  for (const [evseId, list] of byEvse) {
    if (!(evseId in evseMaxKw)) {
      warnings.push(`EVSE ${evseId} (sessions ${list.map((s) => s.id).join(', ')}) is not in site ${site.id}: no grid limits apply to it`);
      evseMaxKw[evseId] = Math.max(...list.map((s) => s.maxKw));
    }
    if (list.length < 2) continue;
    const evseLp = encodeLpId(evseId);
    for (let t = firstSlot; t < horizonEndSlot; t++) {
      const active = list.filter((s) => t >= s.fromSlot && t < s.toSlot);
      if (active.length < 2) continue;
      const k = t - firstSlot;
      presenceGroups(active, steps.startSlot[k], steps.startSlot[k + 1]).forEach((group, n) => {
        if (group.length < 2) return;
        b.beginRow(`evse.${evseLp}.${t}${n > 0 ? `~g${n}` : ''}`);
        for (const g of group) {
          const s = active[g];
          b.addTerm(s.pCol + t - s.fromSlot, s.spread ? s.spread[t - s.fromSlot] : 1);
        }
        b.endRow(-Infinity, evseMaxKw[evseId]);
      });
    }
  }

  const gridRows = buildGridRows({ site, slots: realSlots, polygonSides }).map((row) => ({ ...row, rhs: stepMins(steps, firstSlot, row.rhs) }));
  const partial = partialSteps(sessions, firstSlot, H);
  for (const row of gridRows) {
    const rowLp = encodeLpId(row.name);
    const lists = row.evseIds.map((id) => byEvse.get(id));
    for (let i = 0; i < H; i++) {
      const t = firstSlot + i;
      if (!partial[i]) {
        // Every car there is there for the whole step: one row.
        b.beginRow(`${rowLp}.${t}`);
        let terms = 0;
        // The most the row's left side can reach (every session at its max where the coefficient is
        // positive): a row that cannot bind is left out — exact, and most transformer-polygon rows
        // of a site below its limit are such rows.
        let reachKw = 0;
        for (let k = 0; k < lists.length; k++) {
          const list = lists[k];
          if (!list || row.coeffs[k] === 0) continue;
          for (const s of list) {
            if (t < s.fromSlot || t >= s.toSlot) continue;
            b.addTerm(s.pCol + t - s.fromSlot, row.coeffs[k]);
            if (row.coeffs[k] > 0) reachKw += row.coeffs[k] * s.maxKw;
            terms++;
          }
        }
        if (terms === 0 || (!keepSlackRows && reachKw <= row.rhs[i])) b.discardRow();
        else b.endRow(-Infinity, row.rhs[i]);
        continue;
      }
      // Some car is there for part of the step: one row per group of sessions that share a real slot.
      const active: TermSession[] = [];
      const coefs: number[] = [];
      /** Most each term reaches: p ≤ maxKw / spread (the column's bound), so (coef × spread) × p ≤ coef × maxKw. */
      const reach: number[] = [];
      for (let k = 0; k < lists.length; k++) {
        const list = lists[k];
        if (!list) continue;
        for (const s of list) {
          if (t < s.fromSlot || t >= s.toSlot) continue;
          const coef = s.spread ? rowCoefficient(row.coeffs[k], s.spread[t - s.fromSlot]) : row.coeffs[k];
          if (coef === 0) continue;
          active.push(s);
          coefs.push(coef);
          reach.push(coef > 0 ? row.coeffs[k] * s.maxKw : 0);
        }
      }
      presenceGroups(active, steps.startSlot[i], steps.startSlot[i + 1]).forEach((group, n) => {
        let reachKw = 0;
        for (const g of group) reachKw += reach[g];
        if (group.length === 0 || (!keepSlackRows && reachKw <= row.rhs[i])) return;
        b.beginRow(`${rowLp}.${t}${n > 0 ? `~g${n}` : ''}`);
        for (const g of group) b.addTerm(active[g].pCol + t - active[g].fromSlot, coefs[g]);
        b.endRow(-Infinity, row.rhs[i]);
      });
    }
  }

  // Where later arrivals can plug in: EVSEs no known session occupies (its window, energy left or not).
  const freeRealKw = new Array<number>(realSlots.length).fill(0);
  const occupied = new Map<string, [number, number][]>();
  for (const s of input.sessions) {
    const list = occupied.get(s.evseId);
    if (list) list.push([s.startSlot, s.endSlot]);
    else occupied.set(s.evseId, [[s.startSlot, s.endSlot]]);
  }
  for (const evse of site.evses) {
    const stays = occupied.get(evse.id) ?? [];
    for (let i = 0; i < realSlots.length; i++) {
      const t = firstSlot + i;
      if (!stays.some(([from, to]) => t >= from && t < to)) freeRealKw[i] += Math.max(0, evse.maxKw);
    }
  }
  const freeEvseKw = stepMeans(steps, firstSlot, freeRealKw);
  const ctx = termContext({ b, h, steps, firstSlot, H, sessions, energy, gridRows, freeEvseKw });
  for (const term of OBJECTIVE_TERMS) term.apply(ctx, w[term.name] ?? 0);

  return {
    model: b.build(),
    firstSlot,
    horizonEndSlot,
    slotHours: h,
    steps,
    sessions: sessions.map(({ id, evseId, pCol, fromSlot, toSlot, fromReal, toReal, uCol, onCol, onSlots, remainingKWh, reachableKWh, maxKw, minKw, spread }) => ({
      id, evseId, pCol, fromSlot, toSlot, fromReal, toReal, uCol, onCol, onSlots, remainingKWh, reachableKWh, maxKw, minKw, spread
    })),
    gridRows,
    evseMaxKw,
    energy,
    weights: w,
    hasIntegers,
    warnings
  };
}

/**
 * The minimum power a session's binaries enforce, kW: min(minKw, maxKw, R/h). A request smaller
 * than one slot at minimum power is finished within one slot (the car draws minKw until full), so
 * its slot average is R/h; a car whose cap (e.g. a tapering battery) is below the EVSE's minimum
 * still charges — the EVSE signals the minimum and the car draws its cap — as the baselines'
 * `claimFloorKw` and the engine have it. With the battery and more than one binary slot, the cap
 * can fall further while it charges: the floor is also at most what the battery accepts at the
 * highest SoC it can reach by the start of the last binary slot, so the floor never exceeds the
 * taper row (else a nearly full car could only be planned 0, and every rounding was infeasible).
 * 0 when the session has no minimum or nothing left.
 */
export function modelledMinKw({
  minKw,
  maxKw,
  remainingKWh,
  slotHours,
  battery,
  binarySlots = 1
}: {
  minKw: number;
  maxKw: number;
  remainingKWh: number;
  slotHours: number;
  battery?: ScheduleInput['sessions'][number]['battery'];
  /** Slots with binaries (the floor must hold in each). */
  binarySlots?: number;
}): number {
  const R = Math.max(0, remainingKWh);
  const max = Math.max(0, maxKw);
  if (!(minKw > 0 && max > 0 && R > ENERGY_EPS)) return 0;
  let floor = Math.min(minKw, max, R / slotHours);
  if (battery && battery.batteryKWh > 0 && battery.vehicleMaxKw > 0 && Number.isFinite(battery.soc) && binarySlots > 1) {
    const soc = Math.min(1, Math.max(0, battery.soc)) + Math.min(R, (binarySlots - 1) * slotHours * max) / battery.batteryKWh;
    floor = Math.min(floor, batteryAcceptanceKw({ vehicleMaxKw: battery.vehicleMaxKw, soc }));
  }
  return floor;
}

/**
 * Battery taper as linear rows: the engine lets a car draw vehicleMax up to 80 % SoC, then
 * vehicleMax − k·(soc − 0.8) (k = vehicleMax·0.8/0.2) down to 20 % at 100 %, with the SoC at the
 * start of the slot. SoC before window slot i is soc₀ + c_i/B with c_i = h·Σ_{j<i} p_j (columns
 * `cum.<id>.<t>`, chained by rows `cum.<id>.<t>`), so each slot gets
 * `taper.<id>.<t>`: p_i + (k/B)·c_i ≤ vehicleMax + k·(0.8 − soc₀) — exactly the engine's cap, and
 * linear because the cap falls linearly in the energy already delivered. Rows are only added from
 * the first slot where the SoC can have passed 80 %; none when the request ends below it.
 * An aggregated step (mean power p spread over the m real slots the car is there, P = p·spread in
 * each) must respect the cap in its last such slot, where the SoC is highest:
 * P·(1 + (k/B)·(m − 1)·h) + (k/B)·c_i ≤ rhs — the same row when m = 1.
 */
function addTaperRows({
  b,
  ts,
  battery,
  stepHours,
  slotHours,
  firstSlot,
  lpId
}: {
  b: LpModelBuilder;
  ts: TermSession;
  battery: NonNullable<ScheduleInput['sessions'][number]['battery']>;
  /** Hours of each model slot (index 0 = firstSlot). */
  stepHours: Float64Array;
  /** The timeline's slot length, h. */
  slotHours: number;
  firstSlot: number;
  lpId: string;
}): void {
  const { soc, batteryKWh: B, vehicleMaxKw: vmax } = battery;
  if (!(B > 0) || !(vmax > 0) || !Number.isFinite(soc)) return;
  const soc0 = Math.min(1, Math.max(0, soc));
  if (soc0 + ts.remainingKWh / B <= TAPER_START_SOC + 1e-12) return;
  const k = (vmax * (1 - TAPER_END_SHARE)) / (1 - TAPER_START_SOC);
  const rhs = vmax + k * (TAPER_START_SOC - soc0);
  const n = ts.toSlot - ts.fromSlot;
  let cum = -1;
  /** Hours of the window before slot i. */
  let before = 0;
  for (let i = 0; i < n; i++) {
    const t = ts.fromSlot + i;
    if (i > 0) {
      // c_i = c_{i−1} + h_{i−1}·p_{i−1} (c_0 = 0).
      const hPrev = stepHours[t - 1 - firstSlot];
      before += hPrev;
      const next = b.addColumn({ name: `cum.${lpId}.${t}`, lb: 0, ub: ts.remainingKWh });
      const terms: [number, number][] = [[next, 1], [ts.pCol + i - 1, -hPrev]];
      if (cum >= 0) terms.push([cum, -1]);
      b.addRow(`cum.${lpId}.${t}`, terms, 0, 0);
      cum = next;
    }
    const spread = ts.spread ? ts.spread[i] : 1;
    // Real slots of this step the car is plugged in, and the hours before the last of them.
    const present = Math.round(stepHours[t - firstSlot] / slotHours / spread);
    const lastHours = before + (present - 1) * slotHours;
    // The SoC cannot have reached the knee yet: the row could never bind.
    if (soc0 + (lastHours * ts.maxKw) / B <= TAPER_START_SOC) continue;
    const pCoef = spread * (1 + (k / B) * (present - 1) * slotHours);
    b.addRow(`taper.${lpId}.${t}`, cum >= 0 ? [[ts.pCol + i, pCoef], [cum, k / B]] : [[ts.pCol + i, pCoef]], -Infinity, rhs);
  }
}

function termContext({
  b,
  h,
  steps,
  firstSlot,
  H,
  sessions,
  energy,
  gridRows,
  freeEvseKw
}: {
  b: LpModelBuilder;
  h: number;
  steps: HorizonSteps;
  firstSlot: number;
  H: number;
  sessions: TermSession[];
  energy: ChargingModelEnergy;
  gridRows: ReturnType<typeof buildGridRows>;
  freeEvseKw: number[];
}): TermContext {
  // The most the site could import in any slot: worst base load plus all EVs, capped by the root row.
  const evMaxAt = new Float64Array(H);
  for (const s of sessions) if (s.pCol >= 0) for (let t = s.fromSlot; t < s.toSlot; t++) evMaxAt[t - firstSlot] += s.maxKw;
  const root = gridRows.find((r) => r.name.startsWith('node.'));
  let referenceKw = 0;
  for (let i = 0; i < H; i++) {
    const ev = root ? Math.min(evMaxAt[i], root.rhs[i]) : evMaxAt[i];
    referenceKw = Math.max(referenceKw, Math.max(0, energy.baseLoadKw[i] - energy.pvKw[i]) + ev);
  }
  // The headroom term reserves a share of the root's EV capacity (every EVSE is under the root).
  const rootCapacityKw = root ? root.rhs.slice(0, H) : null;
  let evCols: Int32Array | null = null;
  let pvCols: Int32Array | null = null;
  const offsetHours = new Float64Array(H);
  for (let k = 1; k < H; k++) offsetHours[k] = offsetHours[k - 1] + steps.hours[k - 1];
  const ctx: TermContext = {
    builder: b,
    slotHours: h,
    stepHours: steps.hours,
    offsetHours,
    firstSlot,
    horizonLength: H,
    sessions,
    energy,
    referenceKw,
    rootCapacityKw,
    freeEvseKw,
    evLoadCols() {
      if (evCols) return evCols;
      evCols = new Int32Array(H);
      for (let i = 0; i < H; i++) evCols[i] = b.addColumn({ name: `ev.${firstSlot + i}` });
      for (let i = 0; i < H; i++) {
        const t = firstSlot + i;
        b.beginRow(`evload.${t}`);
        for (const s of sessions) if (s.pCol >= 0 && t >= s.fromSlot && t < s.toSlot) b.addTerm(s.pCol + t - s.fromSlot, 1);
        b.addTerm(evCols[i], -1);
        b.endRow(0, 0);
      }
      return evCols;
    },
    pvUseCols() {
      if (pvCols) return pvCols;
      const e = ctx.evLoadCols();
      pvCols = new Int32Array(H).fill(-1);
      for (let i = 0; i < H; i++) {
        const surplus = energy.pvKw[i] - energy.baseLoadKw[i];
        if (!(surplus > 0)) continue;
        const t = firstSlot + i;
        pvCols[i] = b.addColumn({ name: `pv.${t}`, lb: 0, ub: surplus });
        b.addRow(`pvuse.${t}`, [[pvCols[i], 1], [e[i], -1]], -Infinity, 0);
      }
      return pvCols;
    }
  };
  return ctx;
}

/**
 * Mean of per-real-slot values over each step (index 0 = firstSlot); NaN values count as
 * `unknownAs` when it is a number, else they are left out (all NaN → NaN).
 */
function stepMeans(steps: HorizonSteps, firstSlot: number, values: readonly number[], unknownAs = NaN): number[] {
  const out = new Array<number>(steps.hours.length);
  for (let k = 0; k < out.length; k++) {
    const from = steps.startSlot[k] - firstSlot;
    const to = steps.startSlot[k + 1] - firstSlot;
    if (to - from === 1) {
      out[k] = values[from];
      continue;
    }
    let sum = 0;
    let n = 0;
    let known = 0;
    for (let i = from; i < to; i++) {
      const v = Number.isNaN(values[i]) ? unknownAs : values[i];
      if (!Number.isNaN(values[i])) known++;
      if (Number.isNaN(v)) continue;
      sum += v;
      n++;
    }
    out[k] = known > 0 ? sum / n : NaN;
  }
  return out;
}

/** Smallest per-real-slot value in each step (a grid limit must hold in every real slot of the step). */
function stepMins(steps: HorizonSteps, firstSlot: number, values: readonly number[]): number[] {
  const out = new Array<number>(steps.hours.length);
  for (let k = 0; k < out.length; k++) {
    let v = Infinity;
    for (let i = steps.startSlot[k] - firstSlot; i < steps.startSlot[k + 1] - firstSlot; i++) v = Math.min(v, values[i]);
    out[k] = v;
  }
  return out;
}
