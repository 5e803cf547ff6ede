import { ALLOCATION_EPS, claimCapKw } from '../baselines/allocate-by-priority';
import { edfScheduler } from '../baselines/edf';
import { allocateGreen } from '../energy/allocate-green';
import { siteSlotEnergy } from '../energy/site-slot-energy';
import { BaseError } from '../errors';
import { siteTree } from '../grid/site-tree';
import type { ActiveSession } from '../model/active-session';
import type { ScheduleResult } from '../model/scheduler';
import type { ChargingRequest } from '../model/charging-request';
import { slotHours as slotHoursOf, slotStartMs } from '../time/gates';
import { createAdmissionDesk, type Admission } from './admission-desk';
import { batteryAcceptanceKw } from './battery-taper';
import { defaultSlotRange } from './default-slot-range';
import { buildSlotRecord } from './slot-record';
import type {
  CreateEngineParameters,
  Engine,
  EngineEvent,
  EngineListener,
  EngineSnapshot,
  GateRecord,
  QueuedRequest,
  RejectedRequest,
  SessionState,
  SlotReport
} from './types';

/** Thrown when the engine is used wrongly (stepping past its end). */
export class EngineError extends BaseError {
  override name = 'EngineError';
}

type Live = { state: SessionState; request: ChargingRequest };

/**
 * Creates the slot-by-slot engine. Each `step()` runs the gate closing at the end of slot k − 1
 * minus 60 s (admits the requests received before it, asks the scheduler for slot k with every
 * session still present) and then executes slot k: delivers min(setpoint, EVSE/vehicle max,
 * battery acceptance) for the slot, capped by the energy still wanted, books its origin (PV first,
 * then the grid mix) and cost, records loads and overloads, and ends sessions that are full or
 * leave. Deterministic: the same input gives the same snapshot (timings aside).
 * @example const snapshot = await createEngine({ site, timeline, requests, scheduler: edfScheduler }).runToEnd()
 */
export function createEngine({
  site,
  timeline,
  requests,
  scheduler,
  schedulerName,
  strategy,
  startSlot: startSlotParam,
  endSlot: endSlotParam,
  timeLimitMs
}: CreateEngineParameters): Engine {
  const h = slotHoursOf(timeline);
  const tree = siteTree(site);
  const range = defaultSlotRange({ timeline, requests });
  const startSlot = startSlotParam ?? range.startSlot;
  let endSlot = Math.max(startSlot, endSlotParam ?? range.endSlot);
  const desk = createAdmissionDesk({ site, timeline });
  for (const r of requests) desk.receive(r);
  let requestCount = requests.length;

  const live: Live[] = [];
  const liveById = new Map<string, Live>();
  const queued = new Map<string, QueuedRequest>();
  const rejected: RejectedRequest[] = [];
  const slots: EngineSnapshot['slots'] = [];
  const gates: GateRecord[] = [];
  const listeners = new Set<EngineListener>();
  let nextSlot = startSlot;
  let name = schedulerName;

  const emit = (event: EngineEvent, into: EngineEvent[]) => {
    into.push(event);
    for (const listener of listeners) listener(event);
  };

  const admit = (gateSlot: number, events: EngineEvent[]) => {
    const { admitted, queued: waiting, rejected: refused } = desk.admitAtGate(gateSlot);
    for (const { request, reason } of refused) {
      queued.delete(request.id);
      rejected.push({ requestId: request.id, requestMs: request.requestMs, requestedKWh: request.energyKWh, gateSlot, reason });
      emit({ type: 'request-rejected', gateSlot, requestId: request.id, reason }, events);
    }
    for (const { request, reason, firstTime } of waiting) {
      if (!firstTime) continue;
      queued.set(request.id, { requestId: request.id, requestMs: request.requestMs, departureMs: request.departureMs, requestedKWh: request.energyKWh, sinceGateSlot: gateSlot, reason });
      emit({ type: 'request-queued', gateSlot, requestId: request.id, reason }, events);
    }
    for (const a of admitted) {
      queued.delete(a.request.id);
      const entry = { state: sessionStateOf(a), request: a.request };
      live.push(entry);
      liveById.set(a.request.id, entry);
      emit(
        { type: 'request-admitted', gateSlot, requestId: a.request.id, sessionId: a.request.id, evseId: a.evseId, reassigned: a.reassigned, startSlot: a.startSlot, endSlot: a.endSlot },
        events
      );
    }
  };

  /** Power the car can take now: EVSE and vehicle max, lowered by the battery taper when SoC is known. */
  const capKw = ({ state, request }: Live) => {
    if (state.soc === undefined) return state.maxKw;
    return Math.min(state.maxKw, batteryAcceptanceKw({ vehicleMaxKw: request.vehicleMaxKw, soc: state.soc }));
  };

  const runGate = async (slot: number): Promise<{ gate: GateRecord; result: ScheduleResult | null }> => {
    const active: ActiveSession[] = live
      .filter(({ state }) => state.status !== 'finished' && state.endSlot > slot)
      .map((entry) => {
        const s = entry.state;
        return {
          id: s.id,
          evseId: s.evseId,
          startSlot: Math.max(s.startSlot, slot),
          endSlot: s.endSlot,
          requestedKWh: s.requestedKWh,
          deliveredKWh: s.deliveredKWh,
          remainingKWh: Math.max(0, s.requestedKWh - s.deliveredKWh),
          maxKw: capKw(entry),
          minKw: s.minKw,
          preference: s.preference,
          requestMs: s.requestMs,
          // With a known SoC the optimizer adds the taper as rows, so its plan is what the car can draw
          // in later slots too (maxKw alone only caps them at today's acceptance).
          ...(s.soc !== undefined && entry.request.batteryKWh ? { battery: { soc: s.soc, batteryKWh: entry.request.batteryKWh, vehicleMaxKw: entry.request.vehicleMaxKw } } : {})
        };
      });
    const base = { gateSlot: slot - 1, firstSlot: slot, sessions: active.length };
    if (active.length === 0) {
      return { gate: { ...base, scheduler: name ?? 'none', status: 'empty', buildMs: 0, solveMs: 0, wallMs: 0 }, result: null };
    }
    const input = { site, timeline, firstSlot: slot, sessions: active, strategy, timeLimitMs };
    const started = performance.now();
    let result: ScheduleResult;
    try {
      result = await scheduler(input);
    } catch (error) {
      // A scheduler should return its failures as a status; if one throws anyway the gate still runs.
      const fallback = await edfScheduler(input);
      const message = error instanceof Error ? error.message : String(error);
      result = { ...fallback, scheduler: 'edf-fallback', status: 'fallback', fallbackReason: `scheduler threw: ${message}` };
    }
    const wallMs = performance.now() - started;
    name ??= result.scheduler;
    const gate: GateRecord = {
      ...base,
      scheduler: result.scheduler,
      status: result.status,
      buildMs: result.buildMs,
      solveMs: result.solveMs,
      wallMs,
      ...(result.objective !== undefined ? { objective: result.objective } : {}),
      ...(result.fallbackReason !== undefined ? { fallbackReason: result.fallbackReason } : {})
    };
    return { gate, result };
  };

  const executeSlot = (slot: number, result: ScheduleResult | null, events: EngineEvent[]) => {
    if (result) {
      for (const plan of result.plans) {
        const entry = liveById.get(plan.sessionId);
        if (!entry) continue;
        entry.state.plan = {
          planFirstSlot: slot,
          plannedKw: [...plan.kw],
          plannedKWh: plan.plannedKWh,
          expectedFinishSlot: plan.expectedFinishSlot,
          expectedGreenShare: plan.expectedGreenShare,
          shortfallKWh: plan.shortfallKWh
        };
      }
    }
    const kwBySession: Record<string, number> = {};
    const kwByEvse: Record<string, number> = {};
    const couldTake = new Map<string, number>();
    const remainingBefore = new Map<string, number>();
    let evEnergyKWh = 0;
    for (const entry of live) {
      const s = entry.state;
      if (s.status === 'finished' || slot < s.startSlot || slot >= s.endSlot) continue;
      const remaining = Math.max(0, s.requestedKWh - s.deliveredKWh);
      remainingBefore.set(s.id, remaining);
      const cap = capKw(entry);
      couldTake.set(s.id, claimCapKw({ id: s.id, evseId: s.evseId, maxKw: cap, minKw: s.minKw, wantKw: remaining / h }));
      const raw = result?.setpointsKw[s.id] ?? 0;
      const setpoint = Number.isFinite(raw) && raw > 0 ? raw : 0;
      const energy = Math.min(Math.min(setpoint, cap) * h, remaining);
      if (!(energy > ALLOCATION_EPS)) continue;
      kwBySession[s.id] = energy / h;
      kwByEvse[s.evseId] = (kwByEvse[s.evseId] ?? 0) + energy / h;
      evEnergyKWh += energy;
    }
    const energy = siteSlotEnergy({ site, slot, timeline });
    const green = allocateGreen({ slotHours: h, pvKw: Math.max(0, energy.pvKw), baseLoadKw: Math.max(0, energy.baseLoadKw), evKwBySession: kwBySession, gridMix: energy.gridMix });
    let greenKWh = 0;
    let co2G = 0;
    for (const entry of live) {
      const s = entry.state;
      if (s.status === 'finished' || slot < s.startSlot) continue;
      const got = green.bySession[s.id];
      const kw = kwBySession[s.id] ?? 0;
      if (slot < s.endSlot) s.kwBySlot[slot - s.startSlot] = kw;
      if (got) {
        s.deliveredKWh += got.energyKWh;
        s.greenKWh += got.greenKWh;
        s.onSitePvKWh += got.onSitePvKWh;
        s.co2G += got.co2G;
        s.cost += (got.energyKWh - got.onSitePvKWh) * energy.pricePerKWh;
        for (const [source, kWh] of Object.entries(got.bySourceKWh)) {
          const key = source as keyof typeof s.bySourceKWh;
          s.bySourceKWh[key] = (s.bySourceKWh[key] ?? 0) + (kWh ?? 0);
        }
        if (s.soc !== undefined && entry.request.batteryKWh) s.soc = Math.min(1, s.soc + got.energyKWh / entry.request.batteryKWh);
        greenKWh += got.greenKWh;
        co2G += got.co2G;
      }
      const could = couldTake.get(s.id);
      // Limited = it could have taken more energy this slot than it got (grid limit or scheduler choice).
      s.limited = could !== undefined && kw * h < Math.min(could * h, remainingBefore.get(s.id) ?? 0) - 1e-9;
      const metEnergy = s.requestedKWh - s.deliveredKWh <= 1e-9;
      if (metEnergy || slot + 1 >= s.endSlot) {
        s.status = 'finished';
        s.finishReason = metEnergy ? 'energy-met' : 'departed';
        s.finishedSlot = slot;
        s.limited = false;
        emit({ type: 'session-finished', slot, sessionId: s.id, reason: s.finishReason, requestedKWh: s.requestedKWh, deliveredKWh: s.deliveredKWh }, events);
      } else if (slot >= s.startSlot) {
        s.status = kw > 0 ? 'charging' : 'paused';
      }
    }
    const record = buildSlotRecord({
      site,
      tree,
      slot,
      startMs: slotStartMs({ timeline, slot }),
      slotHours: h,
      kwByEvse,
      energy,
      evEnergyKWh,
      greenKWh,
      co2G,
      chargingSessions: Object.keys(kwBySession).length
    });
    slots.push(record);
    emit({ type: 'slot-delivered', record }, events);
    return record;
  };

  const snapshot = (): EngineSnapshot =>
    structuredClone({
      siteId: site.id,
      timeline: { ...timeline },
      schedulerName: name ?? 'none',
      ...(strategy !== undefined ? { strategy } : {}),
      startSlot,
      endSlot,
      nextSlot,
      done: nextSlot >= endSlot,
      sessions: live.map((l) => l.state),
      queued: [...queued.values()],
      rejected,
      requestCount,
      slots,
      gates
    });

  const stepOnce = async (): Promise<SlotReport> => {
    if (nextSlot >= endSlot) throw new EngineError(`engine is done: slot ${nextSlot} is at its end slot ${endSlot}`);
    const slot = nextSlot;
    const events: EngineEvent[] = [];
    admit(slot - 1, events);
    const { gate, result } = await runGate(slot);
    gates.push(gate);
    if (result) emit({ type: result.status === 'fallback' ? 'gate-fallback' : 'gate-solved', gate }, events);
    const record = executeSlot(slot, result, events);
    nextSlot = slot + 1;
    return structuredClone({ slot, gate, record, events, done: nextSlot >= endSlot });
  };

  // Steps never interleave: a UI that clicks "step" while one is still solving queues the next.
  let busy: Promise<unknown> = Promise.resolve();
  const step = (): Promise<SlotReport> => {
    const run = busy.then(stepOnce);
    busy = run.catch(() => undefined);
    return run;
  };

  return {
    step,
    async runToEnd({ onProgress } = {}) {
      const total = endSlot - startSlot;
      while (nextSlot < endSlot) {
        const { slot } = await step();
        onProgress?.({ slot, slotsDone: slot + 1 - startSlot, slotsTotal: total });
      }
      return snapshot();
    },
    snapshot,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    submit(request) {
      desk.receive(request);
      requestCount++;
      // A run without an explicit end grows to cover live requests.
      if (endSlotParam === undefined) endSlot = Math.max(endSlot, defaultSlotRange({ timeline, requests: [request] }).endSlot);
    },
    get done() {
      return nextSlot >= endSlot;
    }
  };
}

function sessionStateOf(a: Admission): SessionState {
  const r = a.request;
  const hasSoc = r.batteryKWh !== undefined && r.batteryKWh > 0 && r.arrivalSoc !== undefined && Number.isFinite(r.arrivalSoc);
  return {
    id: r.id,
    evseId: a.evseId,
    nodeId: a.nodeId,
    requestedEvseId: r.evseId,
    requestMs: r.requestMs,
    arrivalMs: r.arrivalMs,
    departureMs: r.departureMs,
    admittedGateSlot: a.gateSlot,
    startSlot: a.startSlot,
    endSlot: a.endSlot,
    requestedKWh: r.energyKWh,
    maxKw: a.maxKw,
    minKw: a.minKw,
    preference: r.preference,
    status: 'waiting',
    limited: false,
    deliveredKWh: 0,
    greenKWh: 0,
    onSitePvKWh: 0,
    bySourceKWh: {},
    co2G: 0,
    cost: 0,
    kwBySlot: [],
    ...(hasSoc ? { soc: Math.min(1, Math.max(0, r.arrivalSoc!)) } : {}),
    plan: null
  };
}
