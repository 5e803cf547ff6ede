import { UsageError } from '../cli-errors';
import { parseTimestamp } from '../load/align-series';
import type { OptionValues } from '../parse-options';

/** A time option (--from/--to/--start): ISO 8601 (UTC unless it has an offset) or epoch; undefined if absent. */
export function timeOption({ values, name, command }: { values: OptionValues; name: string; command: string }): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const ms = typeof raw === 'string' ? parseTimestamp(raw) : undefined;
  if (ms === undefined) throw new UsageError(`greenslot ${command}: --${name} expects an ISO 8601 date/time like 2019-03-01 or 2019-03-01T06:00Z, got "${String(raw)}"`);
  return ms;
}
