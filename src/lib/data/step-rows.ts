import type { EngineSnapshot, SessionState, SlotRecord } from '$lib/core/engine/types';
import type { GateRecord } from '$lib/core/engine/types';
import type { EvseRow, OcpiStatus, SessionRow, SlotResultRow } from './db';

/**
 * Pure mappings from the engine's plain snapshot to Dexie rows (what the UI reads). Kept apart
 * from the rune state so they are unit-tested without a browser.
 */

/** Parameters of `sessionRow`. */
export type SessionRowParameters = {
  session: SessionState;
  siteId: string;
  /** The previous row of this session (carries green kWh per slot forward). */
  previous?: SessionRow;
  /** Slot just executed (its green kWh = growth of greenKWh since `previous`). */
  slot: number;
  mine: boolean;
  nowMs: number;
  arrivalSoc?: number;
  batteryKWh?: number;
};

/** Maps one engine session to its row; green kWh per slot is the growth since the last row. */
export function sessionRow({ session: s, siteId, previous, slot, mine, nowMs, arrivalSoc, batteryKWh }: SessionRowParameters): SessionRow {
  const kwBySlot: Record<number, number> = {};
  s.kwBySlot.forEach((kw, i) => {
    if (kw > 0) kwBySlot[s.startSlot + i] = kw;
  });
  const greenKWhBySlot = { ...(previous?.greenKWhBySlot ?? {}) };
  const grown = s.greenKWh - (previous?.greenKWh ?? 0);
  if (grown > 1e-9) greenKWhBySlot[slot] = (greenKWhBySlot[slot] ?? 0) + grown;
  return {
    id: s.id,
    requestId: s.id,
    siteId,
    evseId: s.evseId,
    status: s.status,
    startSlot: s.startSlot,
    endSlot: s.endSlot,
    requestedKWh: s.requestedKWh,
    deliveredKWh: s.deliveredKWh,
    greenKWh: s.greenKWh,
    bySourceKWh: { ...s.bySourceKWh },
    co2G: s.co2G,
    cost: s.cost,
    kwBySlot,
    greenKWhBySlot,
    plan: s.plan
      ? {
          firstSlot: s.plan.planFirstSlot,
          kw: [...s.plan.plannedKw],
          expectedFinishSlot: s.plan.expectedFinishSlot,
          expectedGreenShare: s.plan.expectedGreenShare,
          shortfallKWh: s.plan.shortfallKWh
        }
      : null,
    mine,
    arrivalSoc,
    batteryKWh,
    updatedMs: nowMs,
    ...(s.finishedSlot !== undefined ? { finishedSlot: s.finishedSlot } : {}),
    ...(s.finishReason ? { finishReason: s.finishReason } : {}),
    ...(s.requestedEvseId && s.requestedEvseId !== s.evseId ? { requestedEvseId: s.requestedEvseId } : {})
  };
}

/** Parameters of `slotResultRow`. */
export type SlotResultRowParameters = { record: SlotRecord; gate: GateRecord | null; siteId: string };

/**
 * Maps one executed slot (and the gate that dispatched it) to its row, including every field of
 * the chain's slot supply evidence, so green supply and its evidence hash can be recomputed.
 */
export function slotResultRow({ record: r, gate, siteId }: SlotResultRowParameters): SlotResultRow {
  const overByNode = new Map<string, number>();
  for (const o of r.overloads) overByNode.set(o.nodeId, (overByNode.get(o.nodeId) ?? 0) + o.overKw);
  return {
    slot: r.slot,
    siteId,
    nodes: r.nodes.map((n) => ({
      nodeId: n.nodeId,
      evKw: n.evKw,
      baseLoadKw: n.baseLoadKw,
      pvKw: n.pvKw,
      netKw: n.netLoadKw,
      limitKw: n.limitKw,
      overKw: overByNode.get(n.nodeId) ?? 0
    })),
    evKw: r.evKw,
    greenShare: r.greenShare,
    co2GPerKWh: r.co2GPerKWh,
    pricePerKWh: r.pricePerKWh,
    startMs: r.startMs,
    evEnergyKWh: r.evEnergyKWh,
    greenKWh: r.greenKWh,
    baseLoadKw: r.baseLoadKw,
    pvKw: r.pvKw,
    gridMix: { ...r.gridMix },
    gate: gate
      ? {
          scheduler: gate.scheduler,
          status: gate.status,
          buildMs: gate.buildMs,
          solveMs: gate.solveMs,
          ...(gate.fallbackReason ? { fallbackReason: gate.fallbackReason } : {})
        }
      : null
  };
}

/** Statuses an operator sets by hand; the live simulation never overrides them. */
const MANUAL: readonly OcpiStatus[] = ['OUTOFORDER', 'INOPERATIVE', 'BLOCKED', 'PLANNED', 'REMOVED'];

/** Parameters of `evseStatuses`. */
export type EvseStatusesParameters = {
  evses: readonly EvseRow[];
  snapshot: EngineSnapshot;
  nowMs: number;
  /** Requests sent but not yet admitted by a gate: their EVSE is RESERVED from the moment they are sent. */
  pending?: readonly { evseId: string | null; departureMs: number }[];
};

/**
 * OCPI status of every EVSE at `nowMs`: CHARGING while a vehicle is plugged in (OCPI says
 * CHARGING for an occupied EVSE even when the session is paused), RESERVED when an admitted
 * session will arrive later or a driver's request waits for its gate, AVAILABLE otherwise; manual
 * statuses stay.
 */
export function evseStatuses({ evses, snapshot, nowMs, pending = [] }: EvseStatusesParameters): Record<string, OcpiStatus> {
  const out: Record<string, OcpiStatus> = {};
  for (const e of evses) out[e.id] = MANUAL.includes(e.status) ? e.status : 'AVAILABLE';
  for (const p of pending) {
    if (p.evseId !== null && out[p.evseId] === 'AVAILABLE' && p.departureMs > nowMs) out[p.evseId] = 'RESERVED';
  }
  for (const s of snapshot.sessions) {
    if (!(s.evseId in out) || MANUAL.includes(out[s.evseId])) continue;
    const present = s.arrivalMs <= nowMs && nowMs < s.departureMs && !(s.status === 'finished' && s.finishReason === 'departed');
    if (present) out[s.evseId] = 'CHARGING';
    else if (s.arrivalMs > nowMs && s.status !== 'finished' && out[s.evseId] === 'AVAILABLE') out[s.evseId] = 'RESERVED';
  }
  return out;
}
