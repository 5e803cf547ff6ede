import type { CliIo } from './cli-io';
import { writeLine } from './cli-io';

/** Format a value for the human-readable (non --json) output. */
function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
  if (value === null || value === undefined) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export type PrintResultParams = { io: CliIo; result: Record<string, unknown>; json: boolean; omitInText?: readonly string[] };

/**
 * Print a command's result: one JSON line with --json (stable for scripts), otherwise aligned
 * `key  value` lines, leaving out bulky keys like per-session lists.
 */
export function printResult({ io, result, json, omitInText = [] }: PrintResultParams): void {
  if (json) {
    writeLine(io.stdout, JSON.stringify(result));
    return;
  }
  const keys = Object.keys(result).filter((k) => !omitInText.includes(k));
  const width = Math.max(...keys.map((k) => k.length));
  for (const key of keys) writeLine(io.stdout, `${key.padEnd(width)}  ${formatValue(result[key])}`);
}
