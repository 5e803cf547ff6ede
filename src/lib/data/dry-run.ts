import type { ActiveSession } from '$lib/core/model/active-session';
import type { ScheduleInput } from '$lib/core/model/scheduler';
import type { StrategyName } from '$lib/core/model/strategy-name';
import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import { gateForRequest, sessionWindow } from '$lib/core/time/gates';
import type { RequestRow, SessionRow } from './db';

/** Parameters of `dryRunInput`. */
export type DryRunInputParameters = {
  site: Site;
  timeline: Timeline;
  /** Stored sessions (the others already on site). */
  sessions: readonly SessionRow[];
  /** Stored requests (vehicle limits of those sessions). */
  requests: readonly RequestRow[];
  /** The request the driver is about to send. */
  candidate: ChargingRequest;
  strategy?: StrategyName;
};

/** What a dry run needs: the gate's input and the candidate's window. */
export type DryRunInput = { input: ScheduleInput; startSlot: number; endSlot: number; late: boolean; gateSlot: number };

/**
 * The input of the gate that will first see a candidate request, with every session known now:
 * solving it gives the driver's plan (expected finish, green share, or the shortfall) before
 * sending. It is a forecast: requests arriving before that gate can change it.
 */
export function dryRunInput({ site, timeline, sessions, requests, candidate, strategy }: DryRunInputParameters): DryRunInput {
  const { gateSlot, firstChargeSlot, late } = gateForRequest({ timeline, requestMs: candidate.requestMs });
  const window = sessionWindow({ timeline, requestMs: candidate.requestMs, arrivalMs: candidate.arrivalMs, departureMs: candidate.departureMs });
  const evses = new Map(site.evses.map((e) => [e.id, e] as const));
  const byId = new Map(requests.map((r) => [r.id, r] as const));
  const active: ActiveSession[] = [];
  for (const s of sessions) {
    if (s.status === 'finished' || s.endSlot <= firstChargeSlot || s.id === candidate.id) continue;
    const evse = evses.get(s.evseId);
    const req = byId.get(s.id);
    if (!evse) continue;
    const remainingKWh = Math.max(0, s.requestedKWh - s.deliveredKWh);
    if (remainingKWh <= 1e-9) continue;
    active.push({
      id: s.id,
      evseId: s.evseId,
      startSlot: Math.max(s.startSlot, firstChargeSlot),
      endSlot: s.endSlot,
      requestedKWh: s.requestedKWh,
      deliveredKWh: s.deliveredKWh,
      remainingKWh,
      maxKw: Math.min(evse.maxKw, req?.vehicleMaxKw ?? evse.maxKw),
      minKw: evse.minKw,
      preference: req?.preference ?? 'balanced',
      requestMs: req?.requestMs ?? 0
    });
  }
  const evse = candidate.evseId ? evses.get(candidate.evseId) : undefined;
  if (evse && window.endSlot > window.startSlot) {
    // The candidate's EVSE is its own from now on: drop anything planned there.
    const others = active.filter((a) => a.evseId !== evse.id);
    others.push({
      id: candidate.id,
      evseId: evse.id,
      startSlot: window.startSlot,
      endSlot: window.endSlot,
      requestedKWh: candidate.energyKWh,
      deliveredKWh: 0,
      remainingKWh: candidate.energyKWh,
      maxKw: Math.min(evse.maxKw, candidate.vehicleMaxKw),
      minKw: evse.minKw,
      preference: candidate.preference,
      requestMs: candidate.requestMs
    });
    active.length = 0;
    active.push(...others);
  }
  return {
    // Plain copies: the input is posted to the worker (rune proxies cannot be cloned).
    input: { site, timeline: { startMs: timeline.startMs, slotMinutes: timeline.slotMinutes }, firstSlot: firstChargeSlot, sessions: active, strategy, timeLimitMs: 20_000 },
    startSlot: window.startSlot,
    endSlot: window.endSlot,
    late,
    gateSlot
  };
}
