import { ValidationError } from '../errors';

/** Parses JSON text (or passes parsed JSON through); throws ValidationError naming the file. */
export function parseJsonInput({ json, file }: { json: unknown; file: string }): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (cause) {
    throw new ValidationError([{ file, where: '$', message: `expected JSON text (${(cause as Error).message})` }], { cause });
  }
}
