import type { Site } from '$lib/core/grid/site';
import type { EvseRow, GreenSlotDb, OcpiStatus } from './db';

/** Parameters of `saveSite`. */
export type SaveSiteParameters = {
  db: GreenSlotDb;
  site: Site;
  /** Statuses to keep (e.g. set by the operator); others start AVAILABLE. */
  statuses?: Record<string, OcpiStatus>;
  nowMs?: number;
};

/** Writes a site (header, nodes, EVSEs) in one transaction, replacing its previous version. */
export async function saveSite({ db, site, statuses = {}, nowMs = Date.now() }: SaveSiteParameters): Promise<void> {
  const { nodes, evses, ...header } = site;
  await db.transaction('rw', db.sites, db.nodes, db.evses, async () => {
    // A backend's status time survives a site edit, so its later patches still apply in order.
    const statusTimes = new Map((await db.evses.where('siteId').equals(site.id).toArray()).map((e) => [e.id, e.statusUpdatedMs ?? 0]));
    const previous = await db.sites.get(site.id);
    await db.nodes.where('siteId').equals(site.id).delete();
    await db.evses.where('siteId').equals(site.id).delete();
    await db.sites.put({ ...header, updatedMs: nowMs, ...(previous?.ocpi ? { ocpi: previous.ocpi } : {}) });
    await db.nodes.bulkAdd(nodes.map((n) => ({ ...n, siteId: site.id })));
    await db.evses.bulkAdd(evses.map((e): EvseRow => ({ ...e, siteId: site.id, status: statuses[e.id] ?? 'AVAILABLE', statusUpdatedMs: statusTimes.get(e.id) ?? 0 })));
  });
}

/** Parameters of `loadSite`. */
export type LoadSiteParameters = { db: GreenSlotDb; siteId: string };

/** Reads a stored site back into the core's `Site` shape (undefined when absent). */
export async function loadSite({ db, siteId }: LoadSiteParameters): Promise<Site | undefined> {
  return db.transaction('r', db.sites, db.nodes, db.evses, async () => {
    const header = await db.sites.get(siteId);
    if (!header) return undefined;
    const nodes = await db.nodes.where('siteId').equals(siteId).toArray();
    const evses = await db.evses.where('siteId').equals(siteId).toArray();
    const { updatedMs: _u, ocpi: _o, ...rest } = header;
    return {
      ...rest,
      nodes: nodes.map(({ siteId: _s, ...n }) => n),
      evses: evses.map(({ siteId: _s, status: _st, ...e }) => e)
    };
  });
}
