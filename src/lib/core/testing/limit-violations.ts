import { buildGridRows, evaluateGridRows } from '../grid/grid-rows';
import type { ScheduleInput, ScheduleResult } from '../model/scheduler';

/**
 * Every way a result can break the rules, as readable strings (empty = fine): power outside
 * 0..maxKw or outside the window, more energy than requested, setpoint ≠ plan, shared-EVSE or
 * grid-row overload (1e-6), and, with `checkMinKw`, power between 0 and min(minKw, maxKw) other
 * than a session's completing last slot (`true`: in every plan slot; a number: in that many first
 * slots, the optimizer's near term).
 */
export function limitViolations(input: ScheduleInput, result: ScheduleResult, { checkMinKw = false as boolean | number, tol = 1e-6 } = {}): string[] {
  const minKwSlots = checkMinKw === true ? Infinity : checkMinKw === false ? 0 : checkMinKw;
  const out: string[] = [];
  const h = input.timeline.slotMinutes / 60;
  const { firstSlot } = input;
  const horizon = result.plans.reduce((m, p) => Math.max(m, p.kw.length), 0);
  const bySession = new Map(input.sessions.map((s) => [s.id, s]));
  for (const plan of result.plans) {
    const s = bySession.get(plan.sessionId);
    if (!s) {
      out.push(`plan for unknown session ${plan.sessionId}`);
      continue;
    }
    let energy = 0;
    let lastOn = -1;
    plan.kw.forEach((kw, i) => {
      const t = firstSlot + i;
      if (kw < -tol || kw > s.maxKw + tol) out.push(`${s.id} slot ${t}: ${kw} kW outside 0..${s.maxKw}`);
      if (kw > tol && (t < s.startSlot || t >= s.endSlot)) out.push(`${s.id} slot ${t}: ${kw} kW outside window ${s.startSlot}..${s.endSlot}`);
      if (kw > tol) lastOn = i;
      energy += kw * h;
    });
    if (energy > s.remainingKWh + tol) out.push(`${s.id}: plans ${energy} kWh > remaining ${s.remainingKWh}`);
    if (Math.abs((result.setpointsKw[s.id] ?? 0) - (plan.kw[0] ?? 0)) > tol) out.push(`${s.id}: setpoint ≠ plan[0]`);
    if (minKwSlots > 0 && s.minKw > 0) {
      const floor = Math.min(s.minKw, s.maxKw);
      plan.kw.forEach((kw, i) => {
        const completes = i === lastOn && energy >= s.remainingKWh - 1e-6;
        if (i < minKwSlots && kw > tol && kw < floor - tol && !completes) out.push(`${s.id} slot ${firstSlot + i}: ${kw} kW below minKw ${s.minKw}`);
      });
    }
  }
  const slots = Array.from({ length: horizon }, (_, i) => firstSlot + i);
  const rows = buildGridRows({ site: input.site, slots });
  const evseMax = new Map(input.site.evses.map((e) => [e.id, e.maxKw]));
  for (let i = 0; i < horizon; i++) {
    const kwByEvse: Record<string, number> = {};
    for (const plan of result.plans) kwByEvse[plan.evseId] = (kwByEvse[plan.evseId] ?? 0) + (plan.kw[i] ?? 0);
    for (const [id, kw] of Object.entries(kwByEvse)) if (kw > (evseMax.get(id) ?? Infinity) + tol) out.push(`evse ${id} slot ${firstSlot + i}: ${kw} kW`);
    for (const o of evaluateGridRows({ rows, slotIndex: i, kwByEvse })) if (o.overKw > tol) out.push(`${o.name} slot ${firstSlot + i}: over by ${o.overKw} kW`);
  }
  return out;
}
