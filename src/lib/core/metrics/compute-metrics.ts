import type { EngineSnapshot } from '../engine/types';
import type { Site } from '../grid/site';
import { percentile } from './percentile';

/** A demand counts as met when at least this share of it was delivered… */
export const DEMAND_MET_SHARE = 0.999;
/** …or when less than this is missing, kWh. */
export const DEMAND_MET_TOLERANCE_KWH = 0.01;

/** One session's outcome. */
export type SessionMetrics = { id: string; requestedKWh: number; deliveredKWh: number; shortfallKWh: number; greenKWh: number };

/** KPIs of one run. Percentages are 0..100; energy kWh; power kW; CO2 g; cost in `currency`. */
export type Metrics = {
  /** Σ delivered / Σ requested over every request the engine received (unserved ones deliver 0). */
  energyDeliveredPct: number;
  /** Share of requests whose demand was met (≥ 99.9 % delivered, or within 0.01 kWh). */
  demandsMetPct: number;
  /** Highest root net load (EV + base − PV) over the run, kW. */
  peakKw: number;
  /** Highest net load per node, kW. */
  peakKwByNode: Record<string, number>;
  /** Highest EV-only load at the root, kW. */
  peakEvKw: number;
  /** Σ over slots and grid rows of the overload (lhs − rhs > 0), kW·slot. */
  violationsKwSlots: number;
  /** Slots with any row overloaded. */
  violationSlots: number;
  /** Σ over slots and nodes of (net load − node limit) where positive, kW·slot (also counts base-load overloads). */
  nodeOverKwSlots: number;
  /** Green share of the delivered EV energy, %. */
  greenSharePct: number;
  /** CO2 intensity of the delivered EV energy, g/kWh. */
  co2GPerKWh: number;
  /** Energy cost (grid-sourced kWh × slot price). */
  cost: number;
  currency: string;
  requestedKWh: number;
  deliveredKWh: number;
  greenKWh: number;
  co2G: number;
  /** Scheduler-reported solve time over the gates at which the scheduler was called (`solverCalls`), ms. */
  solveMsP50: number;
  solveMsP95: number;
  solveMsMax: number;
  /** Whole scheduler call (build + solve + plans) at those gates, ms. */
  gateWallMsP50: number;
  gateWallMsMax: number;
  /** Admitted sessions. */
  sessions: number;
  /** Requests received. */
  requests: number;
  rejected: number;
  queued: number;
  /**
   * Gates whose dispatched slot has at least one plugged-in session (startSlot ≤ slot < endSlot).
   * Counted from the admitted sessions' windows, so it is the same for every scheduler on the same
   * requests (admission does not depend on the scheduler).
   */
  gates: number;
  /**
   * Gates at which the scheduler was called (some session still wanted energy). Differs per
   * scheduler: one that finishes sessions early is called less often than one that defers.
   */
  solverCalls: number;
  /** Scheduler calls that fell back (solver error or time limit). */
  fallbackGates: number;
  slots: number;
  perSession: SessionMetrics[];
};

/** Parameters of `computeMetrics`. */
export type ComputeMetricsParameters = {
  snapshot: EngineSnapshot;
  /** The site of the run (for its currency). */
  site?: Site;
};

/**
 * The KPIs of a run from its engine snapshot (usually after `runToEnd`). Requests that never got an
 * EVSE (rejected, still queued) count as demands with nothing delivered.
 * @example computeMetrics({ snapshot: await engine.runToEnd() }).energyDeliveredPct // 97.3
 */
export function computeMetrics({ snapshot, site }: ComputeMetricsParameters): Metrics {
  const perSession: SessionMetrics[] = snapshot.sessions.map((s) => ({
    id: s.id,
    requestedKWh: s.requestedKWh,
    deliveredKWh: s.deliveredKWh,
    shortfallKWh: Math.max(0, s.requestedKWh - s.deliveredKWh),
    greenKWh: s.greenKWh
  }));
  const unserved = [...snapshot.rejected, ...snapshot.queued].map((r) => r.requestedKWh).filter((kWh) => Number.isFinite(kWh) && kWh > 0);
  const requestedKWh = sum(perSession.map((s) => s.requestedKWh)) + sum(unserved);
  const deliveredKWh = sum(perSession.map((s) => s.deliveredKWh));
  const greenKWh = sum(snapshot.sessions.map((s) => s.greenKWh));
  const co2G = sum(snapshot.sessions.map((s) => s.co2G));
  const demands = perSession.length + unserved.length;
  const met = perSession.filter((s) => s.deliveredKWh >= DEMAND_MET_SHARE * s.requestedKWh || s.shortfallKWh <= DEMAND_MET_TOLERANCE_KWH).length;

  const peakKwByNode: Record<string, number> = {};
  let nodeOverKwSlots = 0;
  for (const record of snapshot.slots) {
    for (const node of record.nodes) {
      peakKwByNode[node.nodeId] = Math.max(peakKwByNode[node.nodeId] ?? -Infinity, node.netLoadKw);
      nodeOverKwSlots += Math.max(0, node.netLoadKw - node.limitKw);
    }
  }
  const solvedGates = snapshot.gates.filter((g) => g.sessions > 0);
  const solveMs = solvedGates.map((g) => g.solveMs);
  const wallMs = solvedGates.map((g) => g.wallMs);
  return {
    energyDeliveredPct: requestedKWh > 0 ? (100 * deliveredKWh) / requestedKWh : 100,
    demandsMetPct: demands > 0 ? (100 * met) / demands : 100,
    peakKw: max(snapshot.slots.map((r) => r.netLoadKw)),
    peakKwByNode,
    peakEvKw: max(snapshot.slots.map((r) => r.evKw)),
    violationsKwSlots: sum(snapshot.slots.map((r) => r.overKw)),
    violationSlots: snapshot.slots.filter((r) => r.overKw > 0).length,
    nodeOverKwSlots,
    greenSharePct: deliveredKWh > 0 ? (100 * greenKWh) / deliveredKWh : 0,
    co2GPerKWh: deliveredKWh > 0 ? co2G / deliveredKWh : 0,
    cost: sum(snapshot.sessions.map((s) => s.cost)),
    currency: site?.energy?.currency ?? 'EUR',
    requestedKWh,
    deliveredKWh,
    greenKWh,
    co2G,
    solveMsP50: percentile({ values: solveMs, p: 50 }),
    solveMsP95: percentile({ values: solveMs, p: 95 }),
    solveMsMax: max(solveMs),
    gateWallMsP50: percentile({ values: wallMs, p: 50 }),
    gateWallMsMax: max(wallMs),
    sessions: snapshot.sessions.length,
    requests: snapshot.requestCount,
    rejected: snapshot.rejected.length,
    queued: snapshot.queued.length,
    gates: gatesWithPluggedSessions(snapshot),
    solverCalls: solvedGates.length,
    fallbackGates: solvedGates.filter((g) => g.status === 'fallback').length,
    slots: snapshot.slots.length,
    perSession
  };
}

/** Gates whose dispatched slot lies inside some admitted session's window (see `Metrics.gates`). */
function gatesWithPluggedSessions(snapshot: EngineSnapshot): number {
  if (snapshot.gates.length === 0) return 0;
  // Difference array over the run's slots: +1 at each window start, −1 at its end.
  const from = snapshot.startSlot;
  const length = Math.max(0, snapshot.endSlot - from) + 1;
  const delta = new Int32Array(length + 1);
  for (const s of snapshot.sessions) {
    const a = Math.min(length, Math.max(0, s.startSlot - from));
    const b = Math.min(length, Math.max(0, s.endSlot - from));
    if (b <= a) continue;
    delta[a]++;
    delta[b]--;
  }
  const plugged = new Int32Array(length);
  let running = 0;
  for (let i = 0; i < length; i++) plugged[i] = running += delta[i];
  let count = 0;
  for (const g of snapshot.gates) {
    const i = g.firstSlot - from;
    if (i >= 0 && i < length && plugged[i] > 0) count++;
  }
  return count;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Largest value, 0 for an empty list (no spread: month-long runs have many slots). */
function max(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  return m;
}
