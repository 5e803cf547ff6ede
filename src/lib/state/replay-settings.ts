import type { Site } from '$lib/core/grid/site';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import { assignEvses } from '$lib/core/io/assign-evses';
import { slotOfMs, slotStartMs } from '$lib/core/time/gates';
import { defaultSettings, type DemoSettings } from './demo-settings';

/** Parameters of `replaySettings`. */
export type ReplaySettingsParameters = {
  site: Site;
  /** Imported sessions (any order). */
  requests: readonly ChargingRequest[];
  /** The running demo's settings: scheduler, strategy and clock speed carry over. */
  current?: DemoSettings | null;
  /** Longest replay, days from the first request (the demo runs in the browser; a year of ACN is a benchmark job). */
  maxDays?: number;
};

/** What a replay run starts with, and what did not fit. */
export type ReplaySettingsReturnType = {
  settings: DemoSettings;
  requests: ChargingRequest[];
  /** Sessions after the replay window, left out. */
  cutCount: number;
  /** Sessions moved to another EVSE of the site (their logged one is unknown here or busy). */
  reassignedCount: number;
  /** Sessions that found no free EVSE (they queue with evseId null). */
  unassignedCount: number;
};

/**
 * Settings for a demo run that replays imported sessions on the current site: the timeline starts
 * at local midnight of the first request's day, the first gate is the one that sees the first
 * request, and the run ends after the last departure (at most `maxDays`). Sessions are put on the
 * site's EVSEs with the core's `assignEvses` (a log's station names rarely match the site's).
 */
export function replaySettings({ site, requests, current, maxDays = 7 }: ReplaySettingsParameters): ReplaySettingsReturnType {
  if (requests.length === 0) throw new Error('nothing to replay');
  // Loops, not Math.min(...xs): spreading 100k+ values overflows the call stack.
  let firstRequestMs = Infinity;
  for (const r of requests) firstRequestMs = Math.min(firstRequestMs, r.requestMs);
  const base = defaultSettings({ site, nowMs: firstRequestMs });
  const { timeline } = base;
  const slotsPerDay = (24 * 60) / timeline.slotMinutes;
  // The gate closing in the first request's slot admits it; the run starts with that gate.
  const startSlot = Math.max(1, slotOfMs({ timeline, ms: firstRequestMs }) + 1);
  const limitSlot = startSlot + maxDays * slotsPerDay;
  const limitMs = slotStartMs({ timeline, slot: limitSlot });
  const kept = requests.filter((r) => r.requestMs < limitMs && r.arrivalMs < limitMs);
  let lastDepartureMs = -Infinity;
  for (const r of kept) lastDepartureMs = Math.max(lastDepartureMs, r.departureMs);
  const endSlot = Math.min(limitSlot, slotOfMs({ timeline, ms: lastDepartureMs }) + 2);
  const assigned = assignEvses({ site, requests: kept });
  const carry = current
    ? { scheduler: current.scheduler, strategy: current.strategy, secondsPerSlot: current.secondsPerSlot, gateBudgetMs: current.gateBudgetMs, preset: current.preset, seed: current.seed }
    : {};
  const settings: DemoSettings = {
    ...base,
    ...carry,
    evs: kept.length,
    startSlot,
    nextSlot: startSlot,
    endSlot,
    nowMs: slotStartMs({ timeline, slot: startSlot - 1 })
  };
  if (settings.gateBudgetMs === undefined) delete settings.gateBudgetMs;
  return {
    settings,
    requests: assigned.requests,
    cutCount: requests.length - kept.length,
    reassignedCount: assigned.reassigned.length,
    unassignedCount: assigned.unassigned.length
  };
}
