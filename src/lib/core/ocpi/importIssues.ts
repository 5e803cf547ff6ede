import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';

/**
 * Shared pieces of every importer in ocpi/ and generation/: the all-or-nothing vs partial mode,
 * JSON-path formatting and turning zod issues into plain-words `ValidationIssue`s.
 */

/** `all`: any problem rejects the whole file (default). `partial`: keep the valid part, report the rest. */
export type ImportMode = 'all' | 'partial';

/** What an importer hands back besides its data: the problems it skipped (partial mode only). */
export type ImportReport = {
  /** Objects, rows or fields that were left out, each with file, JSON path or CSV line and reason. */
  leftOut: ValidationIssue[];
};

/** Formats a path like `['evses', 0, 'status']` as `$.evses[0].status`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/** Converts zod issues to ValidationIssues, with paths prefixed by `basePath` and plain reasons. */
export function importIssues({
  error,
  input,
  file = 'input',
  basePath = []
}: {
  error: z.ZodError;
  /** The value that was validated, to quote the offending member (zod does not keep it). */
  input?: unknown;
  file?: string;
  basePath?: readonly PropertyKey[];
}): ValidationIssue[] {
  return error.issues.map((issue) => ({
    file,
    where: jsonPath([...basePath, ...issue.path]),
    message: plainReason(issue, valueAt(input, issue.path))
  }));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

// zod's own wording is fine for custom messages; the common types get a shorter, plainer sentence.
function plainReason(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    if (value === undefined) return `required field is missing (expected ${issue.expected})`;
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    return `expected ${issue.expected}, got ${got}`;
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => String(v)).join(', ');
    return value === undefined ? `required field is missing (expected one of ${allowed})` : `expected one of ${allowed}, got ${JSON.stringify(value)}`;
  }
  return issue.message;
}

/** Throws a ValidationError in `all` mode when there are issues; returns them in `partial` mode. */
export function settleIssues({ issues, mode }: { issues: ValidationIssue[]; mode: ImportMode }): ValidationIssue[] {
  if (mode === 'all' && issues.length > 0) throw new ValidationError(issues);
  return issues;
}

/** Parses JSON text, turning a syntax error into a ValidationIssue-carrying ValidationError. */
export function parseJsonText({ text, file = 'input' }: { text: string; file?: string }): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ValidationError([{ file, where: '$', message: `not valid JSON (${(cause as Error).message})` }], { cause });
  }
}

/** Recursively drops `null` members of objects (OCPI 2.1-era backends send null for absent). */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
    return out;
  }
  return value;
}
