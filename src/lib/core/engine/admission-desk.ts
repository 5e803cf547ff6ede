import type { Evse, Site } from '../grid/site';
import type { ChargingRequest } from '../model/charging-request';
import { gateClosureMs, sessionWindow, slotStartMs } from '../time/gates';
import type { Timeline } from '../time/timeline';
import { compareId } from '../baselines/compare-id';

/**
 * Who gets which EVSE, decided at each gate. Kept apart from the engine so the offline optimum can
 * replay exactly the same admissions without running any scheduler: admission depends only on the
 * requests and the clock, never on how much energy was delivered.
 */

/** A request that got an EVSE at a gate. */
export type Admission = {
  request: ChargingRequest;
  gateSlot: number;
  evseId: string;
  nodeId: string;
  reassigned: boolean;
  /** First slot it may charge in: its own window, never before gateSlot + 1. */
  startSlot: number;
  endSlot: number;
  /** min(EVSE max, vehicle max), kW. */
  maxKw: number;
  minKw: number;
};

/** What one gate decided. */
export type GateAdmissions = {
  admitted: Admission[];
  /** Requests that found no free EVSE at this gate (`firstTime`: not queued before). */
  queued: { request: ChargingRequest; reason: string; firstTime: boolean }[];
  rejected: { request: ChargingRequest; reason: string }[];
};

/** The admission state of one run. */
export type AdmissionDesk = {
  /** Hands a request to the desk; it is looked at from the first gate closing after its requestMs. */
  receive(request: ChargingRequest): void;
  /** Runs the gate of slot `gateSlot`: admits, queues or rejects every received request due by its closure. */
  admitAtGate(gateSlot: number): GateAdmissions;
  /** Requests received but not decided yet (due later, or queued). */
  pendingCount(): number;
};

/** Parameters of `createAdmissionDesk`. */
export type CreateAdmissionDeskParameters = { site: Site; timeline: Timeline };

type Occupancy = { fromMs: number; toMs: number };

/**
 * Creates the admission desk. EVSE rule: the request's own EVSE if it is free for the stay, else a
 * free EVSE under the same grid node, else any free EVSE (site order), else the request is queued
 * and retried at every gate until its departure has passed. An EVSE is busy from the first slot a
 * car may charge in (or its arrival, if later) until its departure, even when the car is full.
 */
export function createAdmissionDesk({ site, timeline }: CreateAdmissionDeskParameters): AdmissionDesk {
  const evseById = new Map(site.evses.map((e) => [e.id, e]));
  const occupancy = new Map<string, Occupancy[]>(site.evses.map((e) => [e.id, []]));
  const pending: ChargingRequest[] = [];
  const queuedIds = new Set<string>();
  const seenIds = new Set<string>();
  const dueRejections: { request: ChargingRequest; reason: string }[] = [];

  const isFree = (evseId: string, stay: Occupancy) => (occupancy.get(evseId) ?? []).every((o) => o.toMs <= stay.fromMs || stay.toMs <= o.fromMs);

  const chooseEvse = (request: ChargingRequest, stay: Occupancy): { evse: Evse; reassigned: boolean } | null => {
    const wanted = request.evseId !== null ? evseById.get(request.evseId) : undefined;
    if (wanted && isFree(wanted.id, stay)) return { evse: wanted, reassigned: false };
    const free = site.evses.filter((e) => isFree(e.id, stay));
    const sameNode = wanted ? free.find((e) => e.nodeId === wanted.nodeId) : undefined;
    const evse = sameNode ?? free[0];
    return evse ? { evse, reassigned: true } : null;
  };

  return {
    receive(request) {
      const problem = requestProblem(request);
      if (problem || seenIds.has(request.id)) {
        dueRejections.push({ request, reason: problem ?? `duplicate request id "${request.id}"` });
        return;
      }
      seenIds.add(request.id);
      pending.push(request);
    },
    admitAtGate(gateSlot) {
      const out: GateAdmissions = { admitted: [], queued: [], rejected: dueRejections.splice(0) };
      const closureMs = gateClosureMs({ timeline, slot: gateSlot });
      const due = pending.filter((r) => r.requestMs < closureMs).sort((a, b) => a.requestMs - b.requestMs || compareId(a.id, b.id));
      for (const request of due) {
        pending.splice(pending.indexOf(request), 1);
        const window = sessionWindow({ timeline, requestMs: request.requestMs, arrivalMs: request.arrivalMs, departureMs: request.departureMs });
        const startSlot = Math.max(window.startSlot, gateSlot + 1);
        const endSlot = window.endSlot;
        if (endSlot <= startSlot) {
          const reason = queuedIds.has(request.id)
            ? 'no EVSE became free before departure'
            : 'departure comes before the first full slot it could charge in';
          queuedIds.delete(request.id);
          out.rejected.push({ request, reason });
          continue;
        }
        const stay = { fromMs: Math.max(request.arrivalMs, slotStartMs({ timeline, slot: startSlot })), toMs: request.departureMs };
        const choice = chooseEvse(request, stay);
        if (!choice) {
          out.queued.push({ request, reason: 'no free EVSE', firstTime: !queuedIds.has(request.id) });
          queuedIds.add(request.id);
          pending.push(request);
          continue;
        }
        queuedIds.delete(request.id);
        occupancy.get(choice.evse.id)!.push(stay);
        out.admitted.push({
          request,
          gateSlot,
          evseId: choice.evse.id,
          nodeId: choice.evse.nodeId,
          reassigned: choice.reassigned,
          startSlot,
          endSlot,
          maxKw: Math.min(choice.evse.maxKw, request.vehicleMaxKw),
          // A car whose max is below the EVSE's minimum (e.g. one-phase car, three-phase 6 A floor)
          // still charges at its own rate; without this it could never charge at all.
          minKw: Math.min(choice.evse.minKw, choice.evse.maxKw, request.vehicleMaxKw)
        });
      }
      return out;
    },
    pendingCount: () => pending.length
  };
}

/** Why a request cannot be used at all, or null. NaN/Infinity never get past here. */
export function requestProblem(request: ChargingRequest): string | null {
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (typeof request.id !== 'string' || request.id === '') return 'request id must be a non-empty string';
  for (const key of ['requestMs', 'arrivalMs', 'departureMs'] as const) {
    if (!finite(request[key])) return `${key} must be a finite epoch ms (got ${request[key]})`;
  }
  if (!finite(request.energyKWh) || request.energyKWh <= 0) return `energyKWh must be a finite number > 0 (got ${request.energyKWh})`;
  if (!finite(request.vehicleMaxKw) || request.vehicleMaxKw <= 0) return `vehicleMaxKw must be a finite number > 0 (got ${request.vehicleMaxKw})`;
  if (request.departureMs <= request.arrivalMs) return 'departure must come after arrival';
  return null;
}
