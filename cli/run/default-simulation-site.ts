import type { Evse, GridNode, Site } from '../../src/lib/core/grid/site';

const SLOTS_PER_DAY = 96;

/** A 96-slot day shape: 0 at night, a bell between sunrise and sunset (15-min slots). */
function pvShape(slot: number): number {
  const hour = (slot + 0.5) / 4;
  return hour < 6 || hour > 20 ? 0 : Math.sin((Math.PI * (hour - 6)) / 14) ** 2;
}

/** Office-like base load shape: a night floor, a working-day plateau. */
function baseShape(slot: number): number {
  const hour = (slot + 0.5) / 4;
  return hour >= 7 && hour < 19 ? 1 : 0.35;
}

export type DefaultSimulationSiteParams = {
  evs: number;
  /** Power per EVSE, kW (11 kW = 16 A three-phase). */
  evseKw?: number;
  /** Connection limit as a share of the sum of EVSE power (below 1 = the grid binds at peak). */
  rootShare?: number;
};

/**
 * The site `greenslot simulate` uses without --site: connection → transformer → feeders of 10
 * EVSEs, one EVSE per simulated EV (the presets then rarely queue), 11 kW each, a connection
 * limit at 50 % of the EVSE total plus base load, an office-like base load and a PV plant of a
 * quarter of the EVSE total, so the grid, PV and base-load terms all matter. Numbers are
 * illustrative, not measured; pass --site for a real one.
 */
export function defaultSimulationSite({ evs, evseKw = 11, rootShare = 0.5 }: DefaultSimulationSiteParams): Site {
  const evseCount = Math.max(1, evs);
  const evTotalKw = evseCount * evseKw;
  const basePeakKw = Math.round(evTotalKw * 0.15);
  const baseLoadKw = Array.from({ length: SLOTS_PER_DAY }, (_, s) => Math.round(basePeakKw * baseShape(s) * 10) / 10);
  const rootKw = Math.round(evTotalKw * rootShare + basePeakKw);
  const perFeeder = 10;
  const feeders = Math.ceil(evseCount / perFeeder);
  const nodes: GridNode[] = [
    { id: 'grid', parentId: null, kind: 'connection', name: 'Connection point', limitKw: rootKw, baseLoadKw },
    { id: 'xfmr', parentId: 'grid', kind: 'transformer', name: 'Transformer', limitKw: rootKw }
  ];
  const evses: Evse[] = [];
  for (let f = 0; f < feeders; f++) {
    const count = Math.min(perFeeder, evseCount - f * perFeeder);
    const feederId = `feeder-${f + 1}`;
    // Feeders are sized at 70 % of their EVSEs: a second bottleneck below the root.
    nodes.push({ id: feederId, parentId: 'xfmr', kind: 'feeder', limitKw: Math.round(count * evseKw * 0.7 * 10) / 10 });
    for (let i = 0; i < count; i++) evses.push({ id: `evse-${f * perFeeder + i + 1}`, nodeId: feederId, maxKw: evseKw, minKw: 0, phase: '3P' });
  }
  const pvPeakKw = Math.round(evTotalKw * 0.25);
  return {
    id: 'simulated',
    name: `Simulated workplace-style site, ${evseCount} EVSEs`,
    timezone: 'UTC',
    nodes,
    evses,
    pv: [{ id: 'pv-roof', nodeId: 'grid', kw: Array.from({ length: SLOTS_PER_DAY }, (_, s) => Math.round(pvPeakKw * pvShape(s) * 10) / 10) }]
  };
}
