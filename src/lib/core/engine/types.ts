import type { Site } from '../grid/site';
import type { Timeline } from '../time/timeline';
import type { SourceKWh, SourceMix } from '../energy/sources';
import type { ChargingRequest, Preference } from '../model/charging-request';
import type { Scheduler, ScheduleResult } from '../model/scheduler';
import type { StrategyName } from '../model/strategy-name';

/**
 * The engine's public data. Everything here is plain, structured-cloneable data (no Maps, no
 * functions) so a snapshot can go through postMessage, into Dexie, or out as JSON unchanged.
 * Slots are absolute (see time/timeline); kW values are slot averages unless said otherwise.
 */

/**
 * Where a session stands after the last executed slot.
 * - `waiting`: admitted, its window has not started yet (or it never got power so far and cannot yet).
 * - `charging`: got power in the last executed slot.
 * - `paused`: inside its window with energy still wanted, but got no power in the last slot.
 * - `finished`: departed (window over) or its requested energy is fully delivered.
 */
export type SessionStatus = 'waiting' | 'charging' | 'paused' | 'finished';

/** Why a session finished. */
export type FinishReason = 'energy-met' | 'departed';

/** The latest plan a scheduler gave a session (what the driver sees as "expected finish"). */
export type SessionPlanView = {
  /** Gate slot + 1 of the gate that produced this plan; plannedKw[0] is this slot. */
  planFirstSlot: number;
  /** Planned power per slot from planFirstSlot to the session's endSlot, kW. */
  plannedKw: number[];
  /** Energy still planned from planFirstSlot on, kWh. */
  plannedKWh: number;
  /** Slot in which the plan completes the request, or null if it does not. */
  expectedFinishSlot: number | null;
  /** Expected green share of the planned energy, 0..1. */
  expectedGreenShare: number;
  /** Energy the plan leaves undelivered at departure, kWh (0 when met). */
  shortfallKWh: number;
};

/** One admitted session's state. The session id is the request id. */
export type SessionState = {
  id: string;
  evseId: string;
  /** Grid node the EVSE hangs off. */
  nodeId: string;
  /** EVSE the request asked for (null = none), when it differs from evseId the engine reassigned it. */
  requestedEvseId: string | null;
  requestMs: number;
  arrivalMs: number;
  departureMs: number;
  /** Gate slot whose closure admitted the request. */
  admittedGateSlot: number;
  /** First slot it may charge in (see time/gates sessionWindow, never before its admitting gate + 1). */
  startSlot: number;
  /** It may charge in slots < endSlot. */
  endSlot: number;
  requestedKWh: number;
  /** min(EVSE max, vehicle max), kW. */
  maxKw: number;
  /** EVSE minimum power while charging (0 = may pause), kW. */
  minKw: number;
  preference: Preference;
  status: SessionStatus;
  /** Set when status is `finished`. */
  finishReason?: FinishReason;
  /** Slot after which it finished (last slot executed for it). */
  finishedSlot?: number;
  /** True when the last executed slot gave it less than it could take (grid limit or scheduler choice). */
  limited: boolean;
  deliveredKWh: number;
  greenKWh: number;
  /** Of which from on-site PV, kWh. */
  onSitePvKWh: number;
  bySourceKWh: SourceKWh;
  co2G: number;
  /** Energy cost in the site's currency (grid-sourced kWh × slot price; on-site PV is free). */
  cost: number;
  /** Delivered average power per slot, kW; index 0 is `startSlot`, length = slots executed since. */
  kwBySlot: number[];
  /** State of charge now, 0..1, when the request carried SoC fields. */
  soc?: number;
  /** Latest plan (null before its first gate). */
  plan: SessionPlanView | null;
};

/** A request that could not get an EVSE yet (retried at every gate until its departure). */
export type QueuedRequest = {
  requestId: string;
  requestMs: number;
  departureMs: number;
  requestedKWh: number;
  /** First gate at which it was queued. */
  sinceGateSlot: number;
  reason: string;
};

/** A request the engine gave up on (invalid, or no EVSE became free before departure). */
export type RejectedRequest = {
  requestId: string;
  requestMs: number;
  requestedKWh: number;
  gateSlot: number;
  reason: string;
};

/** One grid node during one slot. */
export type NodeSlotRecord = {
  nodeId: string;
  /** EV power in the node's subtree, kW. */
  evKw: number;
  /** Base load in the subtree, kW. */
  baseLoadKw: number;
  /** PV generation in the subtree, kW. */
  pvKw: number;
  /** evKw + baseLoadKw − pvKw, kW (negative = export). */
  netLoadKw: number;
  /** The node's own kW limit in this slot. */
  limitKw: number;
};

/** One grid row's overload in one slot (only rows with overKw > 0 are recorded). */
export type RowOverload = { name: string; nodeId: string; overKw: number };

/** What happened in one executed slot. */
export type SlotRecord = {
  slot: number;
  startMs: number;
  /** Total EV power, kW. */
  evKw: number;
  /** EV energy delivered in the slot, kWh (= Σ session energy of this slot). */
  evEnergyKWh: number;
  /** Of which green, kWh. */
  greenKWh: number;
  /** greenKWh / evEnergyKWh (0 when nothing was delivered). */
  greenShare: number;
  /** Site-wide base load, kW. */
  baseLoadKw: number;
  /** Site-wide PV, kW. */
  pvKw: number;
  /** Root net load (EV + base − PV), kW. */
  netLoadKw: number;
  /** Root node limit, kW. */
  limitKw: number;
  /** Per node (topological order, root first). */
  nodes: NodeSlotRecord[];
  /** Grid rows violated by the delivered power (uncontrolled charging, or base load over a limit). */
  overloads: RowOverload[];
  /** Σ overKw of `overloads`, kW. */
  overKw: number;
  /** Grid source mix of the slot. */
  gridMix: SourceMix;
  /** CO2 intensity of the EV energy delivered in the slot, g/kWh (0 when nothing delivered). */
  co2GPerKWh: number;
  pricePerKWh: number;
  /** Sessions that got power. */
  chargingSessions: number;
};

/** Outcome of one gate. */
export type GateRecord = {
  /** Gate slot (its closure is the end of this slot − 60 s). */
  gateSlot: number;
  /** Slot whose setpoints the gate dispatched (gateSlot + 1). */
  firstSlot: number;
  /** Result's scheduler name (e.g. `highs`, `edf`, `edf-fallback`), or the engine's when no session. */
  scheduler: string;
  status: ScheduleResult['status'];
  /** Active sessions handed to the scheduler. */
  sessions: number;
  buildMs: number;
  solveMs: number;
  /** Wall time of the whole scheduler call, ms. */
  wallMs: number;
  objective?: number;
  fallbackReason?: string;
};

/** Engine events, delivered synchronously to `on` listeners in the order they happen. */
export type EngineEvent =
  | {
      type: 'request-admitted';
      gateSlot: number;
      requestId: string;
      sessionId: string;
      evseId: string;
      /** True when the engine chose another EVSE than requested. */
      reassigned: boolean;
      startSlot: number;
      endSlot: number;
    }
  | { type: 'request-queued'; gateSlot: number; requestId: string; reason: string }
  | { type: 'request-rejected'; gateSlot: number; requestId: string; reason: string }
  | { type: 'gate-solved'; gate: GateRecord }
  | { type: 'gate-fallback'; gate: GateRecord }
  | { type: 'slot-delivered'; record: SlotRecord }
  | {
      type: 'session-finished';
      slot: number;
      sessionId: string;
      reason: FinishReason;
      requestedKWh: number;
      deliveredKWh: number;
    };

/** Type tag of an engine event. */
export type EngineEventType = EngineEvent['type'];

/** Listener of engine events. */
export type EngineListener = (event: EngineEvent) => void;

/** The whole engine state as plain data (for the UI, Dexie, metrics). */
export type EngineSnapshot = {
  siteId: string;
  timeline: Timeline;
  /** Name given at creation (e.g. `optimal`, `edf`), or the first gate's scheduler name. */
  schedulerName: string;
  strategy?: StrategyName;
  /** First slot the engine runs. */
  startSlot: number;
  /** Exclusive last slot. */
  endSlot: number;
  /** Next slot `step()` will execute (= endSlot when done). */
  nextSlot: number;
  done: boolean;
  /** Admitted sessions in admission order. */
  sessions: SessionState[];
  /** Requests received but without an EVSE. */
  queued: QueuedRequest[];
  rejected: RejectedRequest[];
  /** Requests known to the engine (admitted, queued, rejected or not yet received by a gate). */
  requestCount: number;
  slots: SlotRecord[];
  gates: GateRecord[];
};

/** What `step()` returns: the gate and the slot it just ran. */
export type SlotReport = {
  slot: number;
  gate: GateRecord;
  record: SlotRecord;
  /** Events emitted during this step. */
  events: EngineEvent[];
  done: boolean;
};

/** Progress of `runToEnd`. */
export type EngineProgress = { slot: number; slotsDone: number; slotsTotal: number };

/** Parameters of `runToEnd`. */
export type RunToEndParameters = {
  onProgress?: (progress: EngineProgress) => void;
};

/** Parameters of `createEngine`. */
export type CreateEngineParameters = {
  site: Site;
  timeline: Timeline;
  requests: readonly ChargingRequest[];
  /** Any scheduler: `optimizeCharging`, a baseline, or the offline optimum (see baselines/scheduler-registry). */
  scheduler: Scheduler;
  /** Name shown in the snapshot and metrics (default: the first gate's scheduler name). */
  schedulerName?: string;
  /** Optimizer preset passed to every gate (baselines ignore it). */
  strategy?: StrategyName;
  /** First slot to run (default: 0 for a day timeline, else the earliest first charge slot; see defaultSlotRange). */
  startSlot?: number;
  /** Exclusive last slot (default: latest session end slot of the requests; `submit` extends it). */
  endSlot?: number;
  /** Solver budget per gate, ms (passed as ScheduleInput.timeLimitMs). */
  timeLimitMs?: number;
};

/** A running simulation of a site over the slot timeline: steppable (UI) and batch (CLI). */
export type Engine = {
  /** Runs one gate and the slot it dispatches; resolves when the slot's energy is booked. */
  step(): Promise<SlotReport>;
  /** Steps until `endSlot` and returns the final snapshot. */
  runToEnd(params?: RunToEndParameters): Promise<EngineSnapshot>;
  /** The current state as plain data (a fresh copy every call). */
  snapshot(): EngineSnapshot;
  /** Subscribes to events; returns the unsubscribe function. */
  on(listener: EngineListener): () => void;
  /** Adds a request received live (e.g. from the app); it is admitted at its gate like the others. */
  submit(request: ChargingRequest): void;
  /** True once `nextSlot` reached `endSlot`. */
  readonly done: boolean;
};
