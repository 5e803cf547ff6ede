import type { Evse, GridNode, Site } from '../../src/lib/core/grid/site';
import type { ChargingRequest } from '../../src/lib/core/model/charging-request';

export type BenchSiteForParams = {
  id: string;
  /** Power of every EVSE, kW. */
  maxKw: number;
  timezone?: string;
  /** EVSEs per feeder. */
  perFeeder?: number;
  /** Extra EVSEs beyond the log's own, as a share (where a busy EVSE's session can go). */
  spareShare?: number;
};

/**
 * A site for a real log that comes without one (Boulder, Trondheim): connection → transformer →
 * feeders of `perFeeder` EVSEs, the EVSE ids being the log's own (so most sessions keep their
 * EVSE) plus a few spares. Limits equal the sum of EVSE max power, i.e. never binding: benchmarks
 * tighten the root with --root-limit-kw. Balanced three-phase EVSEs: no phase limits are modelled.
 */
export function benchSiteFor({ id, maxKw, timezone = 'UTC', perFeeder = 12, spareShare = 0.1 }: BenchSiteForParams): (requests: readonly ChargingRequest[]) => Site {
  return (requests) => {
    const ids = [...new Set(requests.map((r) => r.evseId).filter((e): e is string => e !== null))].sort();
    const spares = Math.max(1, Math.ceil(ids.length * spareShare));
    for (let i = 1; i <= spares; i++) ids.push(`spare-${i}`);
    const feeders = Math.ceil(ids.length / perFeeder);
    const totalKw = Math.round(ids.length * maxKw * 10) / 10;
    const nodes: GridNode[] = [
      { id: 'grid', parentId: null, kind: 'connection', name: 'Connection point', limitKw: totalKw },
      { id: 'xfmr', parentId: 'grid', kind: 'transformer', name: 'Transformer', limitKw: totalKw }
    ];
    const evses: Evse[] = [];
    for (let f = 0; f < feeders; f++) {
      const members = ids.slice(f * perFeeder, (f + 1) * perFeeder);
      nodes.push({ id: `feeder-${f + 1}`, parentId: 'xfmr', kind: 'feeder', limitKw: Math.round(members.length * maxKw * 10) / 10 });
      for (const evseId of members) evses.push({ id: evseId, nodeId: `feeder-${f + 1}`, maxKw, minKw: 0, phase: '3P' });
    }
    return { id, name: `${id} (generated for benchmarks)`, timezone, nodes, evses };
  };
}
