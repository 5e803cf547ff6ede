import type { SourceMix } from '../../src/lib/core/energy/sources';
import { BaseError } from '../../src/lib/core/errors';
import type { Site } from '../../src/lib/core/grid/site';

/** The root (connection point) of a site's grid tree. */
export function rootNode(site: Site) {
  const root = site.nodes.find((n) => n.parentId === null);
  if (!root) throw new BaseError(`site ${site.id}: no root node (a node with parentId null)`);
  return root;
}

export type SiteOverridesParams = {
  site: Site;
  /** Replaces the root node's kW limit (--root-limit-kw). */
  rootLimitKw?: number;
  /** Replaces the grid mix per slot (--mix). */
  gridMix?: SourceMix[];
  /** Replaces the site's PV with one plant of this per-slot output at the root (--pv). */
  pvKw?: number[];
};

/** Return a copy of the site with the command line's overrides applied (the input is not mutated). */
export function applySiteOverrides({ site, rootLimitKw, gridMix, pvKw }: SiteOverridesParams): Site {
  const root = rootNode(site);
  const out: Site = { ...site, nodes: site.nodes.map((n) => (n.id === root.id && rootLimitKw !== undefined ? { ...n, limitKw: rootLimitKw } : n)) };
  if (gridMix) out.energy = { ...(site.energy ?? {}), gridMix };
  // A site's own plants may sit below feeders; a --pv series has no place in the tree, so it
  // replaces them at the connection point, where it offsets the whole site's load.
  if (pvKw) out.pv = [{ id: 'cli-pv', nodeId: root.id, kw: pvKw }];
  return out;
}
