import type { ChargingModel } from './charging-model';
import type { ActiveSession } from '../model/active-session';
import type { SessionPlan } from '../model/session-plan';

/** Parameters of `extractSchedule`. */
export type ExtractScheduleParameters = {
  chargingModel: ChargingModel;
  /** The input sessions, in the order the model was built from. */
  sessions: readonly ActiveSession[];
  /** Power per model session and window slot (mean over the step where slots are aggregated), kW (index 0 = the session's fromSlot). */
  kw: readonly Float64Array[];
};

/** Setpoints for the dispatched slot and every session's plan. */
export type ExtractScheduleReturnType = {
  setpointsKw: Record<string, number>;
  plans: SessionPlan[];
};

/** Power below this is dispatched as 0 (solver noise), kW. */
const KW_EPS = 1e-7;

/**
 * Turns per-session powers into what the engine and the driver see: the dispatched setpoint,
 * and a plan per session from `firstSlot` to its departure (or the horizon end) with planned
 * and missing energy, the slot the request completes in (`firstSlot − 1` when nothing was left
 * to deliver, null when the plan falls short), and the expected green share by the engine's own
 * rule: PV serves base load first, then all EVs pro rata; the rest comes at the grid's mix.
 * Plans are per real slot: an aggregated step's mean power is spread evenly over the real slots
 * of the step in which the car is plugged in (same energy).
 */
export function extractSchedule({ chargingModel: cm, sessions, kw }: ExtractScheduleParameters): ExtractScheduleReturnType {
  const { steps } = cm;
  const H = cm.horizonEndSlot - cm.firstSlot;
  const realEnd = steps.startSlot[H];
  const evKw = new Float64Array(H);
  const clean = kw.map((p) => Float64Array.from(p, (v) => (v > KW_EPS ? v : 0)));
  cm.sessions.forEach((s, j) => {
    for (let i = 0; i < clean[j].length; i++) evKw[s.fromSlot - cm.firstSlot + i] += clean[j][i];
  });
  // Green fraction of each slot's EV energy.
  const greenFraction = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    if (evKw[i] <= 0) continue;
    const pvToEv = Math.min(evKw[i], Math.max(0, cm.energy.pvKw[i] - cm.energy.baseLoadKw[i]));
    greenFraction[i] = (pvToEv + (evKw[i] - pvToEv) * cm.energy.gridGreenShare[i]) / evKw[i];
  }
  const setpointsKw: Record<string, number> = {};
  const plans: SessionPlan[] = cm.sessions.map((s, j) => {
    const input = sessions[j];
    const len = Math.max(0, Math.min(input.endSlot, realEnd) - cm.firstSlot);
    const plan = new Array<number>(len).fill(0);
    let planned = 0;
    let green = 0;
    let finish: number | null = null;
    const tol = 1e-6 + 1e-6 * s.remainingKWh;
    for (let i = 0; i < clean[j].length; i++) {
      const k = s.fromSlot - cm.firstSlot + i;
      const v = clean[j][i];
      if (!(v > 0)) continue;
      // The real slots of step k in which the car is plugged in share the step's energy.
      const from = Math.max(steps.startSlot[k], input.startSlot, cm.firstSlot);
      const to = Math.min(steps.startSlot[k + 1], input.endSlot);
      const perSlotKw = to > from ? (v * (steps.startSlot[k + 1] - steps.startSlot[k])) / (to - from) : 0;
      for (let t = from; t < to; t++) {
        if (t - cm.firstSlot < len) plan[t - cm.firstSlot] = perSlotKw;
        planned += perSlotKw * cm.slotHours;
        green += perSlotKw * cm.slotHours * greenFraction[k];
        if (finish === null && planned >= s.remainingKWh - tol) finish = t;
      }
    }
    if (s.remainingKWh <= tol) finish = cm.firstSlot - 1;
    setpointsKw[s.id] = s.fromSlot === cm.firstSlot && clean[j].length > 0 ? clean[j][0] : 0;
    return {
      sessionId: s.id,
      evseId: s.evseId,
      kw: plan,
      plannedKWh: planned,
      shortfallKWh: Math.max(0, s.remainingKWh - planned > tol ? s.remainingKWh - planned : 0),
      expectedFinishSlot: finish,
      expectedGreenShare: planned > 0 ? Math.min(1, Math.max(0, green / planned)) : 0
    };
  });
  return { setpointsKw, plans };
}
