import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors';

/** Options spec as `node:util` parseArgs takes it. */
export type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed values: strings or booleans by option name. */
export type OptionValues = Record<string, string | boolean | undefined>;

export type ParseOptionsParams = { command: string; args: readonly string[]; options: OptionsSpec };

/** Parse a command's options strictly; anything unknown or malformed becomes a UsageError. */
export function parseOptions({ command, args, options }: ParseOptionsParams): OptionValues {
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(args, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true
    });
    if (positionals.length > 0) throw new UsageError(`greenslot ${command}: unexpected argument "${positionals[0]}"`);
    return values as OptionValues;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes; keep its message, it names the option.
    throw new UsageError(`greenslot ${command}: ${(error as Error).message}`);
  }
}

/**
 * `--evs -5`: node's parseArgs takes `-5` for an option and calls the value ambiguous. A value
 * option followed by a negative number gets it joined (`--evs=-5`), so the range check can say
 * what is wrong with the number.
 */
function joinNegativeValues(args: readonly string[], options: OptionsSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** Plain decimal notation only: Number() would also read `0x10`, `0b1`, `1_000` or `` (0). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type NumberOptionParams = {
  values: OptionValues;
  name: string;
  command: string;
  defaultValue?: number;
  min?: number;
  max?: number;
  integer?: boolean;
};

/** A numeric option, checked (finite, integer if asked, within bounds); undefined if absent with no default. */
export function numberOption({ values, name, command, defaultValue, min = -Infinity, max = Infinity, integer = false }: NumberOptionParams): number | undefined {
  const raw = values[name];
  if (raw === undefined) return defaultValue;
  const value = typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  const kind = integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    const range = `${min === -Infinity ? '' : `≥ ${min}`}${min !== -Infinity && max !== Infinity ? ' and ' : ''}${max === Infinity ? '' : `≤ ${max}`}`;
    throw new UsageError(`greenslot ${command}: --${name} expects ${kind}${range ? ` ${range}` : ''} in decimal notation, got "${String(raw)}"`);
  }
  return value;
}

export type ChoiceOptionParams<T extends string> = {
  values: OptionValues;
  name: string;
  command: string;
  choices: readonly T[];
  defaultValue?: T;
};

/** A string option restricted to a set of choices. */
export function choiceOption<T extends string>({ values, name, command, choices, defaultValue }: ChoiceOptionParams<T>): T | undefined {
  const raw = values[name];
  if (raw === undefined) return defaultValue;
  if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`greenslot ${command}: --${name} expects one of ${choices.join('|')}, got "${String(raw)}"`);
  }
  return raw as T;
}

/** A required string option. */
export function requiredString({ values, name, command }: { values: OptionValues; name: string; command: string }): string {
  const raw = values[name];
  if (typeof raw !== 'string' || raw === '') throw new UsageError(`greenslot ${command}: --${name} is required (see greenslot ${command} --help)`);
  return raw;
}
