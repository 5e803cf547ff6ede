import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { StrategyName } from '$lib/core/model/strategy-name';
import { slotStartMs } from '$lib/core/time/gates';
import { localToUtcMs, toLocalDateTime } from '$lib/core/time/zoned-time';
import type { SchedulerName } from '$lib/workers/protocol';

/** Demand presets of the simulation. */
export type DemoPreset = 'workplace' | 'public' | 'residential';

/** The demo's settings (persisted in Dexie under `demo`). */
export type DemoSettings = {
  siteId: string;
  timeline: Timeline;
  preset: DemoPreset;
  evs: number;
  seed: number;
  scheduler: SchedulerName;
  strategy: StrategyName;
  /** Accelerated clock: real seconds per slot. */
  secondsPerSlot: number;
  mode: 'accelerated' | 'real';
  /** Solver budget per gate, ms (the gate's last minute minus a margin by default). */
  gateBudgetMs?: number;
  /** Which scheduler ran from which slot on (a change applies from the next gate; replays follow it). */
  schedulerLog?: { fromSlot: number; scheduler: SchedulerName; strategy: StrategyName }[];
  /** Simulated time now, epoch ms. */
  nowMs: number;
  /** First slot the engine runs. */
  startSlot: number;
  /** Exclusive end of the run. */
  endSlot: number;
  /** Next slot the engine will execute (progress, used to replay after a reload). */
  nextSlot: number;
};

/** The demo day starts at 07:00 local time: the morning arrivals are the interesting part. */
const DEMO_START_HOUR = 7;

/** Midnight, in the site's time zone, of the day containing `ms` (the demo timeline's slot 0: site profiles are per local slot). */
function siteMidnight(ms: number, timeZone: string): number {
  const { year, month, day } = toLocalDateTime({ ms, timeZone });
  return localToUtcMs({ local: { year, month, day, hour: 0, minute: 0 }, timeZone });
}

/**
 * Default settings for a fresh demo on `site`, today. The demo day is a day as a driver reads it:
 * 07:00 to 07:00 the next day, site time (24 h; 23 or 25 on a DST change). It used to run to
 * midnight two days later (41 h) so every simulated car could leave; cars staying past the day's
 * end now leave at it (`boundToDemoDay`).
 */
export function defaultSettings({ site, nowMs = Date.now() }: { site: Site; nowMs?: number }): DemoSettings {
  const timeline = { startMs: siteMidnight(nowMs, site.timezone), slotMinutes: 15 };
  const startSlot = (DEMO_START_HOUR * 60) / timeline.slotMinutes;
  // The next local day's 07:00 (its midnight found 36 h after this one, DST-safe).
  const next = toLocalDateTime({ ms: timeline.startMs + 36 * 3_600_000, timeZone: site.timezone });
  const endMs = localToUtcMs({ local: { year: next.year, month: next.month, day: next.day, hour: DEMO_START_HOUR, minute: 0 }, timeZone: site.timezone });
  const endSlot = Math.round((endMs - timeline.startMs) / (timeline.slotMinutes * 60_000));
  return {
    siteId: site.id,
    timeline,
    preset: 'workplace',
    evs: 24,
    seed: 7,
    scheduler: 'optimal',
    strategy: 'balanced',
    secondsPerSlot: 3,
    mode: 'accelerated',
    nowMs: slotStartMs({ timeline, slot: startSlot - 1 }),
    startSlot,
    endSlot,
    nextSlot: startSlot
  };
}
