import type { ValidationIssue } from '../errors';
import type { OcpiEvseStatus } from './ocpiLocationSchema';
import type { EvseStatusState } from './parseOcpiLocations';

/**
 * One OCPI EVSE PATCH (`PATCH /locations/{cc}/{party}/{location_id}/{evse_uid}`): the EVSE it
 * addresses (from the URL) and the body's status and last_updated.
 */
export type EvseStatusPatch = {
  evseUid: string;
  locationId?: string;
  /** New status; a body without one (e.g. a tariff change) only moves last_updated. */
  status?: OcpiEvseStatus;
  lastUpdatedMs: number;
};

/** Result of applyEvseStatusPatches: a new state (the input is not changed) and what was ignored. */
export type ApplyEvseStatusPatchesResult = {
  state: EvseStatusState;
  /** Patches that were ignored and why (stale, unknown EVSE, after REMOVED). */
  issues: ValidationIssue[];
  /** Number of patches that changed the state. */
  appliedCount: number;
};

/**
 * Applies EVSE status patches in the given order. A patch older than (or as old as) what is known
 * for its EVSE is stale and ignored, so replaying a batch out of order still ends at the newest
 * status; a patch for an unknown EVSE is ignored (OCPI needs a PUT to create one); REMOVED is final.
 */
export function applyEvseStatusPatches({
  state,
  patches,
  file = 'patches'
}: {
  state: EvseStatusState;
  patches: readonly EvseStatusPatch[];
  file?: string;
}): ApplyEvseStatusPatchesResult {
  const next: EvseStatusState = { ...state };
  const issues: ValidationIssue[] = [];
  let appliedCount = 0;
  patches.forEach((p, i) => {
    const where = `$[${i}]`;
    const known = next[p.evseUid];
    if (!known) {
      issues.push({ file, where, message: `EVSE "${p.evseUid}" is not known (import its Location first); patch ignored` });
      return;
    }
    if (known.status === 'REMOVED') {
      issues.push({ file, where, message: `EVSE "${p.evseUid}" was REMOVED; later patches are ignored` });
      return;
    }
    if (p.lastUpdatedMs <= known.lastUpdatedMs) {
      if (p.lastUpdatedMs < known.lastUpdatedMs || (p.status !== undefined && p.status !== known.status)) {
        issues.push({
          file,
          where,
          message: `stale patch for EVSE "${p.evseUid}": last_updated ${new Date(p.lastUpdatedMs).toISOString()} is not newer than ${new Date(known.lastUpdatedMs).toISOString()}`
        });
      }
      return;
    }
    next[p.evseUid] = { status: p.status ?? known.status, lastUpdatedMs: p.lastUpdatedMs };
    appliedCount += 1;
  });
  return { state: next, issues, appliedCount };
}
