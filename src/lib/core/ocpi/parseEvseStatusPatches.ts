import { z } from 'zod';
import type { ValidationIssue } from '../errors';
import type { EvseStatusPatch } from './applyEvseStatusPatches';
import { dropNulls, importIssues, jsonPath, parseJsonText, settleIssues, type ImportMode } from './importIssues';
import { OCPI_EVSE_STATUSES, ocpiDateMs, ocpiDateTime } from './ocpiLocationSchema';

const patchBodySchema = z.object({
  status: z.enum(OCPI_EVSE_STATUSES).optional(),
  last_updated: ocpiDateTime
});

// Flat form: the body plus the ids from the URL.
const flatPatchSchema = patchBodySchema.extend({ evse_uid: z.string().min(1), location_id: z.string().optional() });

// Logged form: the request path (…/locations/{cc}/{party}/{location_id}/{evse_uid}) and body.
const loggedPatchSchema = z.object({
  url: z.string().regex(/\/locations\/[^/]+\/[^/]+\/[^/]+\/[^/?]+/, 'expected a URL ending in /locations/{cc}/{party}/{location}/{evse_uid}'),
  body: patchBodySchema
});

/** The EVSE a bare PATCH body is for (OCPI puts it in the URL, which a saved body does not carry). */
export type EvsePatchTarget = { evseUid: string; locationId?: string };

/** True when a JSON value is a bare PATCH body like the spec's `location_patch_example_status.json` (no evse_uid, no url). */
export function isBarePatchBody(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'last_updated' in value && !('evse_uid' in value) && !('url' in value) && !('evses' in value);
}

/**
 * Parses a pasted/dropped file of EVSE status patches: a JSON array (or one object) of either
 * `{ evse_uid, location_id?, status?, last_updated }`, `{ url, body }` as logged from the PATCH call,
 * or a bare body `{ status, last_updated }` (the spec's example) for the EVSE given as `target`.
 */
export function parseEvseStatusPatches({
  input,
  file = 'patches',
  mode = 'all',
  target
}: {
  input: unknown;
  file?: string;
  mode?: ImportMode;
  /** The EVSE that bare bodies (no evse_uid, no url) are for. */
  target?: EvsePatchTarget;
}): { patches: EvseStatusPatch[]; leftOut: ValidationIssue[] } {
  const json = dropNulls(typeof input === 'string' ? parseJsonText({ text: input, file }) : input);
  const list = Array.isArray(json) ? json : [json];
  const issues: ValidationIssue[] = [];
  const patches: EvseStatusPatch[] = [];
  list.forEach((raw, i) => {
    const basePath = Array.isArray(json) ? [i] : [];
    if (raw !== null && typeof raw === 'object' && 'url' in raw) {
      const r = loggedPatchSchema.safeParse(raw);
      if (!r.success) return void issues.push(...importIssues({ error: r.error, input: raw, file, basePath }));
      const m = /\/locations\/[^/]+\/[^/]+\/([^/]+)\/([^/?]+)/.exec(r.data.url)!;
      const [locationId, evseUid] = [decodeSegment(m[1]), decodeSegment(m[2])];
      if (locationId === undefined || evseUid === undefined) {
        return void issues.push({ file, where: jsonPath([...basePath, 'url']), message: 'expected URL path segments with valid %-escapes (e.g. %2F), got a malformed one' });
      }
      const p: EvseStatusPatch = { evseUid, locationId, lastUpdatedMs: ocpiDateMs(r.data.body.last_updated) };
      if (r.data.body.status) p.status = r.data.body.status;
      patches.push(p);
      return;
    }
    if (isBarePatchBody(raw)) {
      if (!target) {
        return void issues.push({ file, where: jsonPath(basePath), message: 'a PATCH body without evse_uid (in OCPI the EVSE is in the URL): choose the EVSE it is for, or add "evse_uid"' });
      }
      const r = patchBodySchema.safeParse(raw);
      if (!r.success) return void issues.push(...importIssues({ error: r.error, input: raw, file, basePath }));
      const p: EvseStatusPatch = { evseUid: target.evseUid, lastUpdatedMs: ocpiDateMs(r.data.last_updated) };
      if (target.locationId) p.locationId = target.locationId;
      if (r.data.status) p.status = r.data.status;
      patches.push(p);
      return;
    }
    const r = flatPatchSchema.safeParse(raw);
    if (!r.success) return void issues.push(...importIssues({ error: r.error, input: raw, file, basePath }));
    const p: EvseStatusPatch = { evseUid: r.data.evse_uid, lastUpdatedMs: ocpiDateMs(r.data.last_updated) };
    if (r.data.location_id) p.locationId = r.data.location_id;
    if (r.data.status) p.status = r.data.status;
    patches.push(p);
  });
  return { patches, leftOut: settleIssues({ issues, mode }) };
}

// A malformed %-escape (`%ZZ`) makes decodeURIComponent throw: an issue for that patch, not a crash.
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
