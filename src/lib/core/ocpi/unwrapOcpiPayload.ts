import type { ValidationIssue } from '../errors';

/** An OCPI payload reduced to its objects, each with the JSON path it came from. */
export type OcpiPayloadItems = {
  items: { value: unknown; path: (string | number)[] }[];
  /** Problems with the envelope itself (a non-1xxx status_code, data of the wrong kind). */
  issues: ValidationIssue[];
};

/**
 * Accepts what people paste or backends send: one object, an array of objects, or the OCPI
 * response envelope `{ data, status_code, status_message, timestamp }` around either.
 */
export function unwrapOcpiPayload({ json, file = 'input' }: { json: unknown; file?: string }): OcpiPayloadItems {
  const issues: ValidationIssue[] = [];
  let body = json;
  let base: (string | number)[] = [];
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'status_code' in body) {
    const env = body as { data?: unknown; status_code?: unknown; status_message?: unknown };
    if (typeof env.status_code !== 'number' || env.status_code < 1000 || env.status_code >= 2000) {
      issues.push({
        file,
        where: '$.status_code',
        message: `OCPI status ${String(env.status_code)} is not a success (1xxx)${env.status_message ? `: ${String(env.status_message)}` : ''}`
      });
    }
    body = env.data;
    base = ['data'];
    if (body === undefined) return { items: [], issues };
  }
  if (Array.isArray(body)) return { items: body.map((value, i) => ({ value, path: [...base, i] })), issues };
  if (body !== null && typeof body === 'object') return { items: [{ value: body, path: base }], issues };
  issues.push({ file, where: base.length ? '$.data' : '$', message: 'expected an object or an array of objects' });
  return { items: [], issues };
}
