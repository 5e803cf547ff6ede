import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A two-level site with three 11 kW EVSEs under a 20 kW feeder. */
export const TINY_SITE = {
  id: 'tiny',
  name: 'Tiny test site',
  timezone: 'UTC',
  nodes: [
    { id: 'grid', parentId: null, limitKw: 30 },
    { id: 'feeder', parentId: 'grid', limitKw: 20 }
  ],
  evses: [
    { id: 'E1', nodeId: 'feeder', maxKw: 11, minKw: 0, phase: '3P' },
    { id: 'E2', nodeId: 'feeder', maxKw: 11, minKw: 0, phase: '3P' },
    { id: 'E3', nodeId: 'feeder', maxKw: 11, minKw: 0, phase: '3P' }
  ]
};

/** One ACN-Data API session object. */
export const acnItem = (id: string, space: string, from: string, to: string, kWh: number) => ({
  _id: id,
  sessionID: id,
  spaceID: space,
  stationID: space,
  siteID: '0002',
  clusterID: '0039',
  connectionTime: from,
  disconnectTime: to,
  doneChargingTime: to,
  kWhDelivered: kWh,
  timezone: 'America/Los_Angeles',
  userID: null,
  userInputs: null
});

/** Three ACN-Data sessions on the tiny site, the second broken (no connectionTime). */
export const TINY_ACN = {
  _meta: { total: 3 },
  _items: [
    acnItem('s1', 'E1', 'Wed, 25 Apr 2018 08:05:00 GMT', 'Wed, 25 Apr 2018 12:00:00 GMT', 12),
    { ...acnItem('s2', 'E2', 'x', 'Wed, 25 Apr 2018 12:00:00 GMT', 5), connectionTime: undefined },
    acnItem('s3', 'E9', 'Wed, 25 Apr 2018 09:10:00 GMT', 'Wed, 25 Apr 2018 11:00:00 GMT', 8)
  ]
};

/** Write fixture files (text, bytes, or a value written as JSON) into a fresh temp folder; returns their paths by name. */
export function writeFixtures(files: Record<string, unknown>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'greenslot-cli-'));
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content, null, 1));
  }
  return paths;
}
