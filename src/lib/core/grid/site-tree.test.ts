import { describe, expect, it } from 'vitest';
import { BaseError } from '../errors';
import type { Site } from './site';
import { ancestorIds, siteTree } from './site-tree';

const site: Site = {
  id: 's',
  name: 's',
  timezone: 'UTC',
  nodes: [
    { id: 'pod', parentId: 'feeder', limitKw: 1 },
    { id: 'root', parentId: null, limitKw: 1 },
    { id: 'feeder', parentId: 'xfmr', limitKw: 1 },
    { id: 'xfmr', parentId: 'root', limitKw: 1 },
    { id: 'side', parentId: 'root', limitKw: 1 }
  ],
  evses: [
    { id: 'e1', nodeId: 'pod', maxKw: 11, minKw: 0, phase: '3P' },
    { id: 'e2', nodeId: 'side', maxKw: 11, minKw: 0, phase: '3P' },
    { id: 'e3', nodeId: 'feeder', maxKw: 11, minKw: 0, phase: '3P' }
  ]
};

describe('siteTree', () => {
  const tree = siteTree(site);
  it('finds the root, children, depths and a parents-first order whatever the node order', () => {
    expect(tree.rootId).toBe('root');
    expect(tree.childrenOf.get('root')).toEqual(['xfmr', 'side']);
    expect(tree.depthOf.get('pod')).toBe(3);
    expect(tree.topDown).toEqual(['root', 'xfmr', 'side', 'feeder', 'pod']);
  });
  it('lists EVSEs in each subtree in site order, and ancestors nearest first', () => {
    expect(tree.subtreeEvseIds.get('root')).toEqual(['e1', 'e2', 'e3']);
    expect(tree.subtreeEvseIds.get('xfmr')).toEqual(['e1', 'e3']);
    expect(tree.evsesAt.get('feeder')).toEqual(['e3']);
    expect(tree.subtreeNodeIds.get('xfmr')).toEqual(['xfmr', 'feeder', 'pod']);
    expect(ancestorIds({ tree, nodeId: 'pod' })).toEqual(['feeder', 'xfmr', 'root']);
    expect(ancestorIds({ tree, nodeId: 'root' })).toEqual([]);
  });
  it('error: rejects two roots, a cycle, an unknown parent and an EVSE on an unknown node', () => {
    const withNodes = (nodes: Site['nodes'], evses = site.evses): Site => ({ ...site, nodes, evses });
    expect(() => siteTree(withNodes([...site.nodes, { id: 'r2', parentId: null, limitKw: 1 }]))).toThrow(BaseError);
    expect(() => siteTree(withNodes([...site.nodes, { id: 'a', parentId: 'b', limitKw: 1 }, { id: 'b', parentId: 'a', limitKw: 1 }]))).toThrow(/cycle/);
    expect(() => siteTree(withNodes([...site.nodes, { id: 'x', parentId: 'ghost', limitKw: 1 }]))).toThrow(/unknown parent/);
    expect(() => siteTree(withNodes(site.nodes, [{ id: 'e9', nodeId: 'ghost', maxKw: 1, minKw: 0, phase: 'L1' }]))).toThrow(/unknown node/);
  });
});
