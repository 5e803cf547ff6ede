import type { EvseStatusState } from './parseOcpiLocations';

/**
 * Merges the statuses of a freshly imported or polled Locations list into the known state: EVSEs
 * new to us are added, known ones take the incoming entry only when its last_updated is newer (a
 * late full poll must not undo a newer PATCH). Returns a new state and the uids that changed.
 */
export function mergeEvseStatus({
  state,
  incoming
}: {
  state: EvseStatusState;
  incoming: EvseStatusState;
}): { state: EvseStatusState; changedUids: string[] } {
  const next: EvseStatusState = { ...state };
  const changedUids: string[] = [];
  for (const [uid, entry] of Object.entries(incoming)) {
    const known = next[uid];
    if (known && entry.lastUpdatedMs <= known.lastUpdatedMs) continue;
    if (!known || known.status !== entry.status || known.lastUpdatedMs !== entry.lastUpdatedMs) {
      next[uid] = entry;
      if (!known || known.status !== entry.status) changedUids.push(uid);
    }
  }
  return { state: next, changedUids };
}
