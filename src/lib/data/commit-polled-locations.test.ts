import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseOcpiLocations } from '$lib/core/ocpi/parseOcpiLocations';
import { createDb } from './db';
import { commitImport } from './commit-import';
import { commitPolledLocations } from './commit-polled-locations';
import { harbourDepotLocation, HARBOUR_PATCHES } from './testing/ocpi-fixtures';
import { parseImport } from '$lib/workers/parse-import';

describe('commitPolledLocations', () => {
  it('takes newer polled statuses, never undoes a newer patch, and lists locations not stored here', async () => {
    const db = createDb({ name: 'poll', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    for (const [kind, body] of [
      ['ocpi-locations', harbourDepotLocation()],
      ['ocpi-patches', HARBOUR_PATCHES]
    ] as const) {
      const r = parseImport({ kind, text: JSON.stringify(body) });
      if (!r.ok) throw new Error('fixture');
      await commitImport({ db, parsed: r.parsed, file: kind, mode: 'partial' });
    }
    // The poll's hb-ac-2 is newer than the file (→ AVAILABLE); its hb-ac-1 is older than the patch (stays CHARGING).
    const polled = harbourDepotLocation({ status: ['AVAILABLE', 'AVAILABLE', 'AVAILABLE'] });
    polled.evses[1].last_updated = '2026-03-01T09:30:00Z';
    const other = harbourDepotLocation({ id: 'ELSEWHERE' });
    const { locations } = parseOcpiLocations({ input: [polled, other] });
    const r = await commitPolledLocations({ db, locations });
    expect(r).toEqual({ changed: 1, unknownLocations: ['ELSEWHERE'] });
    const evses = await db.evses.where('siteId').equals('HARBOUR-1').sortBy('id');
    expect(evses.map((e) => e.status)).toEqual(['CHARGING', 'AVAILABLE', 'OUTOFORDER']);
    expect(await db.sites.get('ELSEWHERE')).toBeUndefined();
  });
});
