import type { SourceMix } from '../../src/lib/core/energy/sources';
import { BaseError } from '../../src/lib/core/errors';
import type { GridNode, Site } from '../../src/lib/core/grid/site';
import type { Profile } from '../../src/lib/core/profile';

/** The root (connection point) of a site's grid tree. */
export function rootNode(site: Site) {
  const root = site.nodes.find((n) => n.parentId === null);
  if (!root) throw new BaseError(`site ${site.id}: no root node (a node with parentId null)`);
  return root;
}

/** The transformer closest to the root: the first node with a `transformer` spec, breadth first. */
export function topTransformer(site: Site): GridNode | undefined {
  const children = new Map<string, GridNode[]>();
  for (const n of site.nodes) {
    if (n.parentId === null) continue;
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  const queue: GridNode[] = [rootNode(site)];
  for (let i = 0; i < queue.length; i++) {
    if (queue[i].transformer) return queue[i];
    for (const child of children.get(queue[i].id) ?? []) queue.push(child);
  }
  return undefined;
}

/**
 * Rated power of a transformer node, kVA, from its secondary phase-current limit: 3 phases ×
 * line-to-neutral voltage × A (Caltech: 3 × 120 V × 416.7 A = 150 kVA, as acnportal derives its limits).
 */
export function transformerKva({ site, node }: { site: Site; node: GridNode }): number {
  return (3 * (site.voltageV ?? 230) * (node.transformer?.secondaryLimitA ?? 0)) / 1000;
}

function scaleProfile(profile: Profile, factor: number): Profile {
  return typeof profile === 'number' ? profile * factor : profile.map((v) => v * factor);
}

export type SiteOverridesParams = {
  site: Site;
  /**
   * Re-rates the site's top transformer to this many kVA (--transformer-kva): its kW limit, its
   * secondary and primary phase-current limits and any phaseLimitA all scale by kVA / rated kVA,
   * as acnportal's `caltech_acn(transformer_cap=…)` does. Applied before rootLimitKw.
   */
  transformerKva?: number;
  /** Replaces the root node's kW limit (--root-limit-kw); the phase limits stay. */
  rootLimitKw?: number;
  /** Replaces the grid mix per slot (--mix). */
  gridMix?: SourceMix[];
  /** Replaces the site's PV with one plant of this per-slot output at the root (--pv). */
  pvKw?: number[];
};

/** Return a copy of the site with the command line's overrides applied (the input is not mutated). */
export function applySiteOverrides({ site, transformerKva: kva, rootLimitKw, gridMix, pvKw }: SiteOverridesParams): Site {
  const root = rootNode(site);
  let nodes = site.nodes;
  if (kva !== undefined) {
    const xfmr = topTransformer(site);
    if (!xfmr) throw new BaseError(`site ${site.id}: --transformer-kva needs a node with a "transformer" spec (phase-current limits); this site has none, use --root-limit-kw`);
    const factor = kva / transformerKva({ site, node: xfmr });
    const spec = xfmr.transformer!;
    const scaled: GridNode = {
      ...xfmr,
      limitKw: scaleProfile(xfmr.limitKw, factor),
      transformer: {
        ...spec,
        secondaryLimitA: spec.secondaryLimitA * factor,
        ...(spec.primaryLimitA !== undefined ? { primaryLimitA: spec.primaryLimitA * factor } : {})
      },
      ...(xfmr.phaseLimitA !== undefined ? { phaseLimitA: xfmr.phaseLimitA * factor } : {})
    };
    nodes = nodes.map((n) => (n.id === xfmr.id ? scaled : n));
  }
  if (rootLimitKw !== undefined) nodes = nodes.map((n) => (n.id === root.id ? { ...n, limitKw: rootLimitKw } : n));
  const out: Site = { ...site, nodes };
  if (gridMix) out.energy = { ...(site.energy ?? {}), gridMix };
  // A site's own plants may sit below feeders; a --pv series has no place in the tree, so it
  // replaces them at the connection point, where it offsets the whole site's load.
  if (pvKw) out.pv = [{ id: 'cli-pv', nodeId: root.id, kw: pvKw }];
  return out;
}
