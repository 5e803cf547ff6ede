import { mergeEvseStatus } from '$lib/core/ocpi/mergeEvseStatus';
import type { EvseStatusState, OcpiLocationImport } from '$lib/core/ocpi/parseOcpiLocations';
import type { GreenSlotDb } from './db';

/** What a polled Locations list changed. */
export type CommitPolledLocationsReturnType = {
  /** EVSEs whose status changed. */
  changed: number;
  /** Locations in the answer that are not stored here (import them to use them). */
  unknownLocations: string[];
};

/**
 * Folds the EVSE statuses of a polled Locations list into the stored EVSEs, in one transaction:
 * a newer `last_updated` wins, so a late full poll never undoes a newer PATCH. Only EVSEs of
 * stored sites change (polling is for live status; sites come in through an import).
 */
export async function commitPolledLocations({ db, locations }: { db: GreenSlotDb; locations: readonly OcpiLocationImport[] }): Promise<CommitPolledLocationsReturnType> {
  return db.transaction('rw', db.sites, db.evses, async () => {
    let changed = 0;
    const unknownLocations: string[] = [];
    for (const loc of locations) {
      if (!(await db.sites.get(loc.site.id))) {
        unknownLocations.push(loc.site.id);
        continue;
      }
      const rows = await db.evses.where('siteId').equals(loc.site.id).toArray();
      const state: EvseStatusState = {};
      for (const r of rows) state[r.id] = { status: r.status, lastUpdatedMs: r.statusUpdatedMs ?? 0 };
      const known = Object.fromEntries(Object.entries(loc.status).filter(([uid]) => uid in state));
      const merged = mergeEvseStatus({ state, incoming: known }).state;
      const updates = rows.filter((r) => merged[r.id].lastUpdatedMs !== (r.statusUpdatedMs ?? 0) || merged[r.id].status !== r.status);
      changed += updates.filter((r) => merged[r.id].status !== r.status).length;
      await db.evses.bulkPut(updates.map((r) => ({ ...r, status: merged[r.id].status, statusUpdatedMs: merged[r.id].lastUpdatedMs })));
    }
    return { changed, unknownLocations };
  });
}
