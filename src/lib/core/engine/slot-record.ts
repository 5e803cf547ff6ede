import type { SiteSlotEnergy } from '../energy/site-slot-energy';
import { buildGridRows, evaluateGridRows } from '../grid/grid-rows';
import type { Site } from '../grid/site';
import type { SiteTree } from '../grid/site-tree';
import { profileAt } from '../profile';
import type { NodeSlotRecord, SlotRecord } from './types';

/** Parameters of `buildSlotRecord`. */
export type BuildSlotRecordParameters = {
  site: Site;
  tree: SiteTree;
  slot: number;
  startMs: number;
  slotHours: number;
  /** Delivered average power per EVSE, kW. */
  kwByEvse: Record<string, number>;
  energy: SiteSlotEnergy;
  /** Σ energy delivered to sessions in the slot, kWh. */
  evEnergyKWh: number;
  /** Σ green kWh and Σ CO2 g of the EV energy in the slot. */
  greenKWh: number;
  co2G: number;
  chargingSessions: number;
};

/** Overloads smaller than this are float noise, not violations (kW). */
const OVERLOAD_EPS_KW = 1e-7;

/** The record of one executed slot: loads per node, row overloads, mix, green share, price. */
export function buildSlotRecord({ site, tree, slot, startMs, slotHours, kwByEvse, energy, evEnergyKWh, greenKWh, co2G, chargingSessions }: BuildSlotRecordParameters): SlotRecord {
  const ownBase = new Map(site.nodes.map((n) => [n.id, profileAt(n.baseLoadKw, slot)]));
  const ownPv = new Map<string, number>();
  for (const plant of site.pv ?? []) ownPv.set(plant.nodeId, (ownPv.get(plant.nodeId) ?? 0) + profileAt(plant.kw, slot));
  const nodes: NodeSlotRecord[] = tree.topDown.map((nodeId) => {
    const inSubtree = tree.subtreeNodeIds.get(nodeId) ?? [nodeId];
    const baseLoadKw = inSubtree.reduce((a, id) => a + (ownBase.get(id) ?? 0), 0);
    const pvKw = inSubtree.reduce((a, id) => a + (ownPv.get(id) ?? 0), 0);
    const evKw = (tree.subtreeEvseIds.get(nodeId) ?? []).reduce((a, id) => a + (kwByEvse[id] ?? 0), 0);
    return { nodeId, evKw, baseLoadKw, pvKw, netLoadKw: evKw + baseLoadKw - pvKw, limitKw: profileAt(tree.nodeById.get(nodeId)!.limitKw, slot) };
  });
  const root = nodes[0];
  const rows = buildGridRows({ site, slots: [slot] });
  const overloads = evaluateGridRows({ rows, slotIndex: 0, kwByEvse }).filter((o) => o.overKw > OVERLOAD_EPS_KW);
  return {
    slot,
    startMs,
    evKw: evEnergyKWh / slotHours,
    evEnergyKWh,
    greenKWh,
    greenShare: evEnergyKWh > 0 ? greenKWh / evEnergyKWh : 0,
    baseLoadKw: energy.baseLoadKw,
    pvKw: energy.pvKw,
    netLoadKw: root.netLoadKw,
    limitKw: root.limitKw,
    nodes,
    overloads,
    overKw: overloads.reduce((a, o) => a + o.overKw, 0),
    gridMix: { ...energy.gridMix },
    co2GPerKWh: evEnergyKWh > 0 ? co2G / evEnergyKWh : 0,
    pricePerKWh: energy.pricePerKWh,
    chargingSessions
  };
}
