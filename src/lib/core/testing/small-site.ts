import type { SourceMix } from '../energy/sources';
import type { PhaseConnection, Site } from '../grid/site';
import type { ActiveSession } from '../model/active-session';
import type { ScheduleInput } from '../model/scheduler';
import type { Profile } from '../profile';
import type { Timeline } from '../time/timeline';

/**
 * Shared test fixtures of the core (optimizer, baselines, engine, metrics): the test timeline, a
 * small hand-made site, sessions and gate inputs with defaults. Test-only; nothing in core imports it.
 */

/** 2026-01-05 00:00 UTC, a Monday: slot 0 of the test timelines. */
export const TEST_START_MS = Date.UTC(2026, 0, 5);

/** 15-minute test timeline. */
export const TEST_TIMELINE: Timeline = { startMs: TEST_START_MS, slotMinutes: 15 };

/** Parameters of `smallSite`. */
export type SmallSiteParameters = {
  rootLimitKw?: Profile;
  feederLimitKw?: Profile;
  evses?: number;
  evseMaxKw?: number;
  evseMinKw?: number;
  baseLoadKw?: Profile;
  pvKw?: Profile;
  gridMix?: SourceMix[];
  pricePerKWh?: Profile;
  /** Per-phase current limit on the feeders, A (L1/L2/L3/3P EVSEs round-robin). */
  phaseLimitA?: number;
};

/** Root → two feeders, EVSEs alternating between them (`e0` on f0, `e1` on f1, …). */
export function smallSite({
  rootLimitKw = 100,
  feederLimitKw = 60,
  evses = 4,
  evseMaxKw = 11,
  evseMinKw = 0,
  baseLoadKw = 0,
  pvKw = 0,
  gridMix = [{ wind: 0.3, gas: 0.5, coal: 0.2 }],
  pricePerKWh = 0.3,
  phaseLimitA
}: SmallSiteParameters = {}): Site {
  const phases: PhaseConnection[] = phaseLimitA === undefined ? ['3P'] : ['L1', 'L2', 'L3', '3P'];
  return {
    id: 'small',
    name: 'Small test site',
    timezone: 'UTC',
    voltageV: 230,
    nodes: [
      { id: 'root', parentId: null, limitKw: rootLimitKw, baseLoadKw },
      { id: 'f0', parentId: 'root', limitKw: feederLimitKw, phaseLimitA },
      { id: 'f1', parentId: 'root', limitKw: feederLimitKw, phaseLimitA }
    ],
    evses: Array.from({ length: evses }, (_, i) => ({
      id: `e${i}`,
      nodeId: `f${i % 2}`,
      maxKw: evseMaxKw,
      minKw: evseMinKw,
      phase: phases[i % phases.length]
    })),
    pv: [{ id: 'pv', nodeId: 'root', kw: pvKw }],
    energy: { gridMix, pricePerKWh }
  };
}

/** Parameters of `activeSession`. */
export type ActiveSessionParameters = Partial<ActiveSession> & { id: string };

/**
 * An ActiveSession with defaults: EVSE e0, 11 kW, window 0..16, 10 kWh wanted. Give
 * `requestedKWh` (remaining = requested − delivered) or `remainingKWh` (requested = remaining +
 * delivered), or both.
 */
export function activeSession({ id, ...rest }: ActiveSessionParameters): ActiveSession {
  const deliveredKWh = rest.deliveredKWh ?? 0;
  const remainingKWh = rest.remainingKWh ?? (rest.requestedKWh !== undefined ? Math.max(0, rest.requestedKWh - deliveredKWh) : 10);
  return {
    id,
    evseId: 'e0',
    startSlot: 0,
    endSlot: 16,
    maxKw: 11,
    minKw: 0,
    preference: 'balanced',
    requestMs: TEST_START_MS,
    ...rest,
    requestedKWh: rest.requestedKWh ?? remainingKWh + deliveredKWh,
    deliveredKWh,
    remainingKWh
  };
}

/** A gate input on the test timeline, dispatching slot 0 unless `extra` says otherwise. */
export function gate(site: Site, sessions: ActiveSession[], extra: Partial<ScheduleInput> = {}): ScheduleInput {
  return { site, timeline: TEST_TIMELINE, firstSlot: 0, sessions, ...extra };
}
