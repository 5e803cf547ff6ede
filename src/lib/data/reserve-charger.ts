import Dexie from 'dexie';
import { BaseError } from '$lib/core/errors';
import type { GreenSlotDb, OcpiStatus, RequestRow, SessionRow } from './db';

/** Thrown when a driver's request cannot have the charger it asked for (taken, out of order, unknown). */
export class ChargerTakenError extends BaseError {
  override name = 'ChargerTakenError';
}

/** Plain words for a charger that is not free. */
const WHY: Partial<Record<OcpiStatus, string>> = {
  CHARGING: 'is in use by another car',
  RESERVED: 'was just reserved by another request',
  OUTOFORDER: 'is out of order',
  INOPERATIVE: 'is not working right now',
  BLOCKED: 'is blocked (e.g. by a parked car)',
  PLANNED: 'is not in service yet',
  REMOVED: 'has been removed',
  UNKNOWN: 'has an unknown status'
};

/** Parameters of `reserveCharger`. */
export type ReserveChargerParameters = {
  db: GreenSlotDb;
  /** The driver's request as stored. */
  request: RequestRow;
  /** The "waiting" session row shown until its gate admits it. */
  session: SessionRow;
  /** Charger name for messages (defaults to its id). */
  evseName?: string;
};

/**
 * Reserves the requested charger AT ONCE, in one transaction with the request itself: the EVSE
 * must be AVAILABLE and no unfinished session may hold it; then the request and its waiting session
 * are stored and the EVSE becomes RESERVED (every tab sees it through liveQuery). A second request
 * on the same charger gets a `ChargerTakenError` in plain words, never a database error.
 */
export async function reserveCharger({ db, request, session, evseName }: ReserveChargerParameters): Promise<void> {
  const evseId = request.evseId;
  const name = evseName ?? evseId ?? 'the charger';
  if (evseId === null) throw new ChargerTakenError('Pick a charger first.');
  try {
    await db.transaction('rw', db.requests, db.sessions, db.evses, async () => {
      const evse = await db.evses.get([request.siteId, evseId]);
      if (!evse) throw new ChargerTakenError(`Charger ${name} is not on this site (any more). Pick another charger.`);
      if (evse.status !== 'AVAILABLE') {
        throw new ChargerTakenError(`Charger ${name} ${WHY[evse.status] ?? 'is not free'}. Pick another free charger.`, { details: `status ${evse.status}` });
      }
      const holder = (await db.sessions.where('evseId').equals(evseId).toArray()).find(
        (s) => s.siteId === request.siteId && s.status !== 'finished' && s.id !== request.id
      );
      if (holder) throw new ChargerTakenError(`Charger ${name} was just reserved by another request. Pick another free charger.`, { details: `held by ${holder.id}` });
      if (await db.requests.get(request.id)) throw new ChargerTakenError('This request was already sent. Open My sessions to follow it.');
      await db.requests.add(request);
      await db.sessions.put(session);
      // The status time stays: it is the backend's (OCPI last_updated), and the app's own statuses never block a backend patch.
      await db.evses.update([request.siteId, evseId], { status: 'RESERVED' });
    });
  } catch (error) {
    if (error instanceof ChargerTakenError) throw error;
    // Two tabs racing for the same charger or id end here; say it in plain words, keep the cause.
    if (error instanceof Dexie.DexieError && error.name === 'ConstraintError') {
      throw new ChargerTakenError(`Charger ${name} was just reserved by another request. Pick another free charger.`, { cause: error });
    }
    throw error;
  }
}
