import type { LiveCdr, LiveSession } from './parseOcpiLive';

/** Parameters of {@link mergeLiveSessions}. */
export type MergeLiveSessionsParameters = {
  /** What is stored, by key (only the keys the incoming objects name are needed). */
  stored: ReadonlyMap<string, Pick<LiveSession, 'key' | 'lastUpdatedMs'>>;
  storedCdrs: ReadonlyMap<string, Pick<LiveCdr, 'key' | 'lastUpdatedMs'>>;
  sessions: LiveSession[];
  cdrs: LiveCdr[];
};

/** What to write, and what was ignored as not newer than what is known. */
export type MergeLiveSessionsResult = {
  sessions: LiveSession[];
  cdrs: LiveCdr[];
  /** Keys of objects older than the stored (or an earlier incoming) version: an out-of-order delivery. */
  stale: string[];
  /** Keys of objects identical in time to what is known (a re-delivery, silently ignored). */
  unchanged: string[];
};

/**
 * Folds polled or pushed Sessions/CDRs into what is stored: per key the newest `last_updated` wins,
 * whatever order the objects arrive in (a page may hold an old and a new version of one session,
 * a retried poll may re-deliver). Pure: returns the rows to write.
 */
export function mergeLiveSessions({ stored, storedCdrs, sessions, cdrs }: MergeLiveSessionsParameters): MergeLiveSessionsResult {
  const stale: string[] = [];
  const unchanged: string[] = [];
  const pick = <T extends { key: string; lastUpdatedMs: number }>(known: ReadonlyMap<string, { lastUpdatedMs: number }>, items: T[]): T[] => {
    const best = new Map<string, T>();
    for (const item of items) {
      const prev = best.get(item.key) ?? known.get(item.key);
      if (prev && item.lastUpdatedMs < prev.lastUpdatedMs) stale.push(item.key);
      else if (prev && item.lastUpdatedMs === prev.lastUpdatedMs) unchanged.push(item.key);
      else best.set(item.key, item);
    }
    return [...best.values()];
  };
  return { sessions: pick(stored, sessions), cdrs: pick(storedCdrs, cdrs), stale, unchanged };
}
