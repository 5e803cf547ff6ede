import { BaseError } from '../errors';
import type { GridNode, Site } from './site';

/** Thrown when a site's grid tree is broken (no single root, unknown parent, cycle, unknown EVSE node). */
export class SiteTreeError extends BaseError {
  override name = 'SiteTreeError';
}

/** Index of a site's grid tree: parents, children, depths and what hangs below each node. */
export type SiteTree = {
  rootId: string;
  nodeById: Map<string, GridNode>;
  parentOf: Map<string, string | null>;
  childrenOf: Map<string, string[]>;
  /** Depth of each node; the root has depth 0. */
  depthOf: Map<string, number>;
  /** Node ids with every parent before its children (root first). */
  topDown: string[];
  /** EVSE ids attached directly to each node. */
  evsesAt: Map<string, string[]>;
  /** EVSE ids in each node's subtree (its own and all descendants'), in site order. */
  subtreeEvseIds: Map<string, string[]>;
  /** Node ids in each node's subtree, the node itself included. */
  subtreeNodeIds: Map<string, string[]>;
};

/**
 * Builds the tree index of a site. Throws SiteTreeError for a broken tree; `parseSite` reports
 * the same problems with JSON paths, so this only fires for sites built in code.
 */
export function siteTree(site: Site): SiteTree {
  const nodeById = new Map<string, GridNode>();
  for (const node of site.nodes) {
    if (nodeById.has(node.id)) throw new SiteTreeError(`site ${site.id}: duplicate node id "${node.id}"`);
    nodeById.set(node.id, node);
  }
  const roots = site.nodes.filter((n) => n.parentId === null);
  if (roots.length !== 1) throw new SiteTreeError(`site ${site.id}: expected exactly one root node (parentId null), found ${roots.length}`);
  const parentOf = new Map<string, string | null>();
  const childrenOf = new Map<string, string[]>();
  for (const node of site.nodes) childrenOf.set(node.id, []);
  for (const node of site.nodes) {
    parentOf.set(node.id, node.parentId);
    if (node.parentId === null) continue;
    const siblings = childrenOf.get(node.parentId);
    if (!siblings) throw new SiteTreeError(`site ${site.id}: node "${node.id}" has unknown parent "${node.parentId}"`);
    siblings.push(node.id);
  }
  const rootId = roots[0].id;
  const depthOf = new Map<string, number>([[rootId, 0]]);
  const topDown: string[] = [rootId];
  for (let i = 0; i < topDown.length; i++) {
    const id = topDown[i];
    for (const child of childrenOf.get(id) ?? []) {
      depthOf.set(child, (depthOf.get(id) ?? 0) + 1);
      topDown.push(child);
    }
  }
  // Nodes not reached from the root sit on a cycle (every node has a known parent by now).
  if (topDown.length !== site.nodes.length) {
    const stray = site.nodes.filter((n) => !depthOf.has(n.id)).map((n) => n.id);
    throw new SiteTreeError(`site ${site.id}: nodes not connected to the root (cycle): ${stray.join(', ')}`);
  }
  const evsesAt = new Map<string, string[]>(site.nodes.map((n) => [n.id, []]));
  for (const evse of site.evses) {
    const list = evsesAt.get(evse.nodeId);
    if (!list) throw new SiteTreeError(`site ${site.id}: EVSE "${evse.id}" hangs off unknown node "${evse.nodeId}"`);
    list.push(evse.id);
  }
  const subtreeNodeIds = new Map<string, string[]>();
  for (let i = topDown.length - 1; i >= 0; i--) {
    const id = topDown[i];
    const ids = [id];
    for (const child of childrenOf.get(id) ?? []) ids.push(...(subtreeNodeIds.get(child) ?? []));
    subtreeNodeIds.set(id, ids);
  }
  // Keep EVSEs in site order inside every subtree so rows are deterministic and readable.
  const subtreeEvseIds = new Map<string, string[]>(site.nodes.map((n) => [n.id, []]));
  for (const evse of site.evses) {
    let at: string | null = evse.nodeId;
    while (at !== null) {
      subtreeEvseIds.get(at)?.push(evse.id);
      at = parentOf.get(at) ?? null;
    }
  }
  return { rootId, nodeById, parentOf, childrenOf, depthOf, topDown, evsesAt, subtreeEvseIds, subtreeNodeIds };
}

/** Ids of a node's ancestors, nearest first (the node itself excluded; the root's list is empty). */
export function ancestorIds({ tree, nodeId }: { tree: SiteTree; nodeId: string }): string[] {
  const out: string[] = [];
  let parent = tree.parentOf.get(nodeId) ?? null;
  while (parent !== null) {
    out.push(parent);
    parent = tree.parentOf.get(parent) ?? null;
  }
  return out;
}
