import type { ScheduleInput } from '../model/scheduler';
import { PREFERENCE_SCALES, STRATEGY_WEIGHTS } from './strategies';

/**
 * Problems in a gate's input that must never reach a solver: non-finite or negative numbers,
 * non-integer slots, duplicate session ids, unknown preferences or strategy, a broken battery. (minKw above maxKw is
 * not an error: such a session is modelled without a minimum.) Returns one line per problem
 * (`sessions[3].maxKw: expected a finite number ≥ 0, got NaN`); empty means usable.
 */
export function checkScheduleInput(input: ScheduleInput): string[] {
  const issues: string[] = [];
  const num = (where: string, v: unknown, { min = 0, integer = false }: { min?: number; integer?: boolean } = {}) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
      issues.push(`${where}: expected a finite ${integer ? 'integer' : 'number'} ≥ ${min}, got ${String(v)}`);
    }
  };
  num('firstSlot', input.firstSlot, { min: -Infinity, integer: true });
  if (input.horizonEndSlot !== undefined) num('horizonEndSlot', input.horizonEndSlot, { min: -Infinity, integer: true });
  if (input.timeLimitMs !== undefined) num('timeLimitMs', input.timeLimitMs);
  // Names come from JSON, forms and replays too: an unknown one would only surface deep in the model build.
  if (input.strategy !== undefined && !Object.hasOwn(STRATEGY_WEIGHTS, input.strategy)) {
    issues.push(`strategy: expected one of ${Object.keys(STRATEGY_WEIGHTS).join(', ')}, got ${JSON.stringify(input.strategy)}`);
  }
  const seen = new Set<string>();
  input.sessions.forEach((s, i) => {
    const at = `sessions[${i}]`;
    if (typeof s.id !== 'string' || s.id.length === 0) issues.push(`${at}.id: expected a non-empty string`);
    else if (seen.has(s.id)) issues.push(`${at}.id: duplicate session id "${s.id}"`);
    else seen.add(s.id);
    num(`${at}.startSlot`, s.startSlot, { min: -Infinity, integer: true });
    num(`${at}.endSlot`, s.endSlot, { min: -Infinity, integer: true });
    num(`${at}.remainingKWh`, s.remainingKWh);
    num(`${at}.deliveredKWh`, s.deliveredKWh);
    num(`${at}.maxKw`, s.maxKw);
    num(`${at}.minKw`, s.minKw);
    if (!Object.hasOwn(PREFERENCE_SCALES, s.preference)) {
      issues.push(`${at}.preference: expected one of ${Object.keys(PREFERENCE_SCALES).join(', ')}, got ${JSON.stringify(s.preference)}`);
    }
    if (s.battery) {
      num(`${at}.battery.soc`, s.battery.soc);
      num(`${at}.battery.batteryKWh`, s.battery.batteryKWh);
      num(`${at}.battery.vehicleMaxKw`, s.battery.vehicleMaxKw);
    }
  });
  return issues;
}
