import type { Site } from '../grid/site';
import type { ChargingRequest } from '../model/charging-request';
import { EvseBook } from './evse-book';

/** Why a replayed session could not keep the EVSE its log names. */
export type EvseReassignReason = 'unknown' | 'busy' | 'none';

/** A session moved to another EVSE. */
export type EvseReassignment = { id: string; fromEvseId: string | null; toEvseId: string; reason: EvseReassignReason };

/** A session left without an EVSE (queued): every EVSE was busy for its whole stay. */
export type EvseUnassigned = { id: string; fromEvseId: string | null; reason: EvseReassignReason };

/** Parameters of {@link assignEvses}. */
export type AssignEvsesParameters = { site: Site; requests: readonly ChargingRequest[] };

/** Result of {@link assignEvses}: requests with their final `evseId` (null = unassigned), and what changed. */
export type AssignEvsesReturnType = {
  requests: ChargingRequest[];
  reassigned: EvseReassignment[];
  unassigned: EvseUnassigned[];
};

/**
 * Puts replayed sessions on the site's EVSEs, in arrival order (ties by id): a session keeps its
 * logged EVSE when the site has it and it is free for the whole stay; a session whose EVSE is
 * unknown, busy or missing goes to a free EVSE — the one idle longest, so load spreads as drivers
 * spread over free spots — or, when none is free, gets `evseId: null` and is reported. Pure:
 * the input is not modified; output keeps the input order.
 */
export function assignEvses({ site, requests }: AssignEvsesParameters): AssignEvsesReturnType {
  const book = new EvseBook(site.evses.map((e) => e.id));
  const order = requests.map((r, i) => ({ r, i })).sort((a, b) => a.r.arrivalMs - b.r.arrivalMs || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
  const out: ChargingRequest[] = new Array(requests.length);
  const reassigned: EvseReassignment[] = [];
  const unassigned: EvseUnassigned[] = [];
  for (const { r, i } of order) {
    const from = r.evseId;
    if (from !== null && book.has(from) && book.isFree(from, r.arrivalMs, r.departureMs)) {
      book.book(from, r.arrivalMs, r.departureMs);
      out[i] = { ...r };
      continue;
    }
    const reason: EvseReassignReason = from === null ? 'none' : book.has(from) ? 'busy' : 'unknown';
    const free = book.freeEvses(r.arrivalMs, r.departureMs);
    if (free.length === 0) {
      out[i] = { ...r, evseId: null };
      unassigned.push({ id: r.id, fromEvseId: from, reason });
      continue;
    }
    let best = free[0];
    let bestRelease = book.lastReleaseBefore(best, r.arrivalMs);
    for (const id of free.slice(1)) {
      const rel = book.lastReleaseBefore(id, r.arrivalMs);
      if (rel < bestRelease) [best, bestRelease] = [id, rel];
    }
    book.book(best, r.arrivalMs, r.departureMs);
    out[i] = { ...r, evseId: best };
    reassigned.push({ id: r.id, fromEvseId: from, toEvseId: best, reason });
  }
  return { requests: out, reassigned, unassigned };
}
