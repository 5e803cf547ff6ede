import { UsageError } from '../cli-errors';
import type { OptionValues } from '../parse-options';
import { isPlausibleTime, PLAUSIBLE_TIME } from '../../src/lib/core/time/plausible-time';
import { parseTimestamp } from '../../src/lib/core/time/parse-timestamp';

/**
 * A time option (--from/--to/--start) through core's one timestamp parser: ISO 8601 (UTC unless
 * it has an offset), no epoch numbers, real dates only (2026-02-30 is refused), years 1990–2099;
 * undefined if absent.
 */
export function timeOption({ values, name, command }: { values: OptionValues; name: string; command: string }): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const r = parseTimestamp({ text: raw, epoch: 'none' });
  const expected = `--${name} expects an ISO 8601 date/time like 2019-03-01 or 2019-03-01T06:00Z`;
  if ('error' in r) throw new UsageError(`greenslot ${command}: ${expected}, got "${String(raw)}" (${r.error})`);
  if (!isPlausibleTime(r.ms)) throw new UsageError(`greenslot ${command}: ${expected} in the years ${PLAUSIBLE_TIME.years}, got "${String(raw)}"`);
  return r.ms;
}
