import type { ScheduleInput } from './schedule';

/**
 * Problems in a gate's input that must never reach a solver: non-finite or negative numbers,
 * non-integer slots, duplicate session ids. (minKw above maxKw is
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
  });
  return issues;
}
