import { ValidationError, type ValidationIssue } from '../errors';
import type { Site } from '../grid/site';
import { EvseBook } from '../io/evse-book';
import { localToUtcMs, toLocalDateTime } from '../time/zoned-time';
import { gateClosureMs, slotEndMs, slotMs, slotOfMs, slotStartMs } from '../time/gates';
import type { Timeline } from '../time/timeline';
import type { DemandPreset, EvSpec, LogNormal, PresetName } from './presets/demand-preset';
import { DEMAND_PRESETS } from './presets/demand-presets';
import { EV_SPECS } from './presets/ev-specs';
import { createRng, type Rng } from './rng';
import type { ChargingRequest, Preference } from '../model/charging-request';

/**
 * Share of drivers per preference. An assumption, not data (no public log records it): most
 * drivers keep the default, a green-minded fifth, some price-sensitive, a few in a hurry.
 */
export const DEFAULT_PREFERENCE_MIX: Readonly<Record<Preference, number>> = { balanced: 0.55, green: 0.2, cheap: 0.15, fast: 0.1 };

/**
 * Share of requests sent in a slot's last minute (after gate closure, so they wait a slot).
 * With requests spread evenly a slot's last minute would get 1/15 ≈ 6.7 %; 3 % assumes most
 * drivers' apps submit before the announced gate.
 */
export const DEFAULT_LATE_SHARE = 0.03;

/** Share of requests stated as a target state of charge rather than kWh (an assumption). */
export const DEFAULT_SOC_SHARE = 0.25;

const DAY_MS = 86_400_000;
const PREFERENCES: readonly Preference[] = ['balanced', 'green', 'cheap', 'fast'];

/** Parameters of {@link simulateChargingRequests}. */
export type SimulateChargingRequestsParameters = {
  site: Site;
  timeline: Timeline;
  /** A preset name or a custom table with the same shape. */
  preset: PresetName | DemandPreset;
  /** Sessions per weekday; a weekend day gets round(evs × preset.weekendVolume). */
  evs: number;
  /** Number of 24-hour days from `startMs`. */
  days?: number;
  seed: number;
  /** Force every day to weekday (true) or weekend (false); default: each day's local date in the site's time zone. */
  weekday?: boolean;
  /** Relative weights of preferences (missing ones count 0); default DEFAULT_PREFERENCE_MIX. */
  preferenceMix?: Partial<Record<Preference, number>>;
  /** Start of the simulated span, epoch ms (default timeline.startMs). Arrivals fall in [startMs, startMs + days × 24 h). */
  startMs?: number;
  /** Share of late requests (in a slot's last minute), 0..1. */
  lateShare?: number;
  /** Share of requests stated as a target SoC, 0..1. */
  socShare?: number;
  /** EV models to draw from (default EV_SPECS, ElaadNL registrations). */
  evSpecs?: readonly EvSpec[];
};

/** One simulated day: its start, type and number of sessions. */
export type SimulatedDay = { startMs: number; weekday: boolean; sessions: number };

/** Result of {@link simulateChargingRequests}. */
export type SimulateChargingRequestsReturnType = {
  /** Sorted by arrival (then id). */
  requests: ChargingRequest[];
  /** Ids of requests that found no free EVSE at arrival (`evseId: null`). */
  queued: string[];
  /** Ids of requests stamped in a slot's last minute (optimized one gate later). */
  late: string[];
  /** Ids whose drawn energy exceeded what max power × dwell (or the battery) allows, and was cut to it. */
  capped: string[];
  days: SimulatedDay[];
  /** The preset's source line. */
  source: string;
};

/**
 * charging_request_simulation: draws a seeded, reproducible set of charging requests for a site
 * from a demand preset (arrival profile per local 15-min slot, weekday/weekend; dwell and energy
 * log-normal per arrival hour; EV model by registrations). Each request is stamped inside a slot's
 * gate window (`lateShare` of them in the last minute), is sent at or before arrival, and gets a
 * free EVSE at arrival or `evseId: null` (queued).
 * @example simulateChargingRequests({ site, timeline, preset: 'workplace', evs: 200, seed: 1 })
 */
export function simulateChargingRequests({
  site,
  timeline,
  preset,
  evs,
  days = 1,
  seed,
  weekday,
  preferenceMix = DEFAULT_PREFERENCE_MIX,
  startMs = timeline.startMs,
  lateShare = DEFAULT_LATE_SHARE,
  socShare = DEFAULT_SOC_SHARE,
  evSpecs = EV_SPECS
}: SimulateChargingRequestsParameters): SimulateChargingRequestsReturnType {
  const table = typeof preset === 'string' ? DEMAND_PRESETS[preset] : preset;
  const mixWeights = PREFERENCES.map((p) => preferenceMix[p] ?? 0);
  validate({ table, preset, evs, days, seed, mixWeights, startMs, lateShare, socShare, evSpecs });
  slotMs(timeline); // throws TimelineError for an unusable timeline
  const timeZone = site.timezone || 'UTC';
  const rng = createRng({ seed });
  const specWeights = evSpecs.map((s) => s.weight);

  type Draft = Omit<ChargingRequest, 'id' | 'evseId'> & { late: boolean; dwellH: number };
  const drafts: Draft[] = [];
  const dayList: SimulatedDay[] = [];
  for (let d = 0; d < days; d++) {
    const dayStartMs = startMs + d * DAY_MS;
    const isWeekday = weekday ?? ![0, 6].includes(toLocalDateTime({ ms: dayStartMs + DAY_MS / 2, timeZone }).weekday);
    const count = isWeekday ? evs : Math.round(evs * table.weekendVolume);
    dayList.push({ startMs: dayStartMs, weekday: isWeekday, sessions: count });
    const weights = isWeekday ? table.arrivalWeights.weekday : table.arrivalWeights.weekend;
    const toUtc = localClock(dayStartMs, timeZone);
    for (let i = 0; i < count; i++) {
      const quarter = rng.weighted(weights);
      const todMs = quarter * 900_000 + Math.floor(rng.next() * 900_000);
      let arrivalMs = toUtc(todMs);
      // The profile is a local time of day; wrap it into this day's 24-hour window.
      if (arrivalMs < dayStartMs) arrivalMs += DAY_MS;
      if (arrivalMs >= dayStartMs + DAY_MS) arrivalMs -= DAY_MS;
      const hour = Math.floor(todMs / 3_600_000);
      const spec = evSpecs[rng.weighted(specWeights)];
      const dwellH = truncatedLogNormal(rng, table.dwellHoursByHour[hour], table.dwellHoursRange);
      const departureMs = arrivalMs + Math.round(dwellH * 3_600_000);
      const energyKWh = truncatedLogNormal(rng, table.energyKWhByHour[hour], table.energyKWhRange);
      const { requestMs, late } = stampRequest({ rng, timeline, arrivalMs, startMs, lateShare });
      const preference = PREFERENCES[rng.weighted(mixWeights)];
      const asSoc = rng.next() < socShare;
      const targetSoc = rng.next() < 0.6 ? 0.8 : 1;
      drafts.push({
        requestMs,
        arrivalMs,
        departureMs,
        energyKWh,
        vehicleMaxKw: spec.maxAcKw,
        batteryKWh: spec.batteryKWh,
        preference,
        origin: 'simulated',
        late,
        dwellH,
        ...(asSoc ? { targetSoc } : {})
      });
    }
  }

  drafts.sort((a, b) => a.arrivalMs - b.arrivalMs || a.requestMs - b.requestMs);
  const book = new EvseBook(site.evses.map((e) => e.id));
  const evseMax = new Map(site.evses.map((e) => [e.id, e.maxKw]));
  const requests: ChargingRequest[] = [];
  const queued: string[] = [];
  const late: string[] = [];
  const capped: string[] = [];
  const pad = String(Math.max(drafts.length - 1, 0)).length;
  drafts.forEach((draft, n) => {
    const id = `${table.name}-s${seed}-${String(n).padStart(pad, '0')}`;
    const free = book.freeEvses(draft.arrivalMs, draft.departureMs);
    // Drivers take any free spot; which one is random.
    const evseId = free.length > 0 ? free[rng.int(free.length)] : null;
    if (evseId !== null) book.book(evseId, draft.arrivalMs, draft.departureMs);
    else queued.push(id);
    if (draft.late) late.push(id);
    const { late: _late, dwellH: _dwellH, ...rest } = draft;
    const battery = rest.batteryKWh as number;
    const powerKw = Math.min(rest.vehicleMaxKw, evseId !== null ? (evseMax.get(evseId) as number) : Number.POSITIVE_INFINITY);
    // The stay as stamped (departure is rounded to the ms), not the drawn dwell: the cap must hold for
    // the request the engine sees.
    const stayH = (draft.departureMs - draft.arrivalMs) / 3_600_000;
    const maxKWh = Math.min(powerKw * stayH, 0.95 * battery);
    let energyKWh = Math.round(rest.energyKWh * 1000) / 1000;
    if (energyKWh > maxKWh) {
      energyKWh = Math.floor(maxKWh * 1000) / 1000;
      capped.push(id);
    }
    const request: ChargingRequest = { id, ...rest, energyKWh, evseId };
    if (request.targetSoc !== undefined) {
      // Whole-percent SoCs, arrival rounded up so the stated energy never grows past the cap.
      const arrivalSoc = Math.ceil((request.targetSoc - energyKWh / battery) * 100 - 1e-9) / 100;
      if (arrivalSoc >= 0.05 && arrivalSoc < request.targetSoc) {
        request.arrivalSoc = arrivalSoc;
        request.energyKWh = (request.targetSoc - arrivalSoc) * battery;
      } else delete request.targetSoc;
    }
    requests.push(request);
  });
  return { requests, queued, late, capped, days: dayList, source: table.source };
}

/** Maps ms since local midnight of the day containing `dayStartMs` to UTC, with one Intl lookup per day unless DST changes that day. */
function localClock(dayStartMs: number, timeZone: string): (todMs: number) => number {
  const l = toLocalDateTime({ ms: dayStartMs, timeZone });
  const midnight = localToUtcMs({ local: { year: l.year, month: l.month, day: l.day, hour: 0, minute: 0 }, timeZone });
  const next = new Date(Date.UTC(l.year, l.month - 1, l.day + 1));
  const nextMidnight = localToUtcMs({ local: { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone });
  if (nextMidnight - midnight === DAY_MS) return (todMs) => midnight + todMs;
  return (todMs) => {
    const minutes = Math.floor(todMs / 60_000);
    const local = { year: l.year, month: l.month, day: l.day, hour: Math.floor(minutes / 60), minute: minutes % 60 };
    return localToUtcMs({ local, timeZone }) + (todMs % 60_000);
  };
}

/** Log-normal draw kept inside [lo, hi] (redrawn a few times, then clamped). */
function truncatedLogNormal(rng: Rng, { mu, sigma }: LogNormal, [lo, hi]: readonly [number, number]): number {
  for (let k = 0; k < 16; k++) {
    const x = Math.exp(mu + sigma * rng.normal());
    if (x >= lo && x <= hi) return x;
  }
  return Math.min(hi, Math.max(lo, Math.exp(mu)));
}

/**
 * When the driver sends the request: half at plug-in (0–2 min before arrival), half ahead from
 * an app (0–60 min before). Then placed in the slot's window before gate closure, except a
 * `lateShare` of requests put in a slot's last minute; always at or before arrival, never before startMs.
 */
function stampRequest({ rng, timeline, arrivalMs, startMs, lateShare }: { rng: Rng; timeline: Timeline; arrivalMs: number; startMs: number; lateShare: number }): { requestMs: number; late: boolean } {
  const leadMs = Math.floor(rng.next() * (rng.next() < 0.5 ? 120_000 : 3_600_000));
  const t = Math.max(startMs, arrivalMs - leadMs);
  const k = slotOfMs({ timeline, ms: t });
  const lateDraw = rng.next();
  const offset = rng.next();
  if (lateDraw < lateShare) {
    const kLate = slotEndMs({ timeline, slot: k }) - 1 <= arrivalMs ? k : k - 1;
    const gate = gateClosureMs({ timeline, slot: kLate });
    if (gate >= startMs) return { requestMs: gate + Math.floor(offset * (slotEndMs({ timeline, slot: kLate }) - gate)), late: true };
  }
  const gate = gateClosureMs({ timeline, slot: k });
  if (t < gate) return { requestMs: t, late: false };
  const from = Math.max(slotStartMs({ timeline, slot: k }), startMs);
  return { requestMs: from + Math.floor(offset * (gate - from)), late: false };
}

function validate(p: {
  table: DemandPreset | undefined;
  preset: unknown;
  evs: number;
  days: number;
  seed: number;
  mixWeights: number[];
  startMs: number;
  lateShare: number;
  socShare: number;
  evSpecs: readonly EvSpec[];
}): void {
  const issues: ValidationIssue[] = [];
  const bad = (where: string, message: string) => issues.push({ file: 'input', where, message });
  if (!p.table) bad('$.preset', `expected one of ${Object.keys(DEMAND_PRESETS).join(', ')} (got ${JSON.stringify(p.preset)})`);
  if (!(Number.isInteger(p.evs) && p.evs >= 0)) bad('$.evs', `expected a whole number of EVs ≥ 0 (got ${p.evs})`);
  if (!(Number.isInteger(p.days) && p.days >= 1)) bad('$.days', `expected a whole number of days ≥ 1 (got ${p.days})`);
  if (!Number.isSafeInteger(p.seed)) bad('$.seed', `expected an integer seed (got ${p.seed})`);
  if (!Number.isFinite(p.startMs)) bad('$.startMs', `expected a finite epoch ms (got ${p.startMs})`);
  if (!p.mixWeights.every((w) => Number.isFinite(w) && w >= 0) || !(p.mixWeights.reduce((a, b) => a + b, 0) > 0)) {
    bad('$.preferenceMix', 'expected finite weights ≥ 0 with a positive sum');
  }
  if (!(p.lateShare >= 0 && p.lateShare <= 1)) bad('$.lateShare', `expected a share in 0..1 (got ${p.lateShare})`);
  if (!(p.socShare >= 0 && p.socShare <= 1)) bad('$.socShare', `expected a share in 0..1 (got ${p.socShare})`);
  if (p.evSpecs.length === 0 || !p.evSpecs.every((s) => s.batteryKWh > 0 && s.maxAcKw > 0 && s.weight >= 0)) {
    bad('$.evSpecs', 'expected EV models with batteryKWh > 0, maxAcKw > 0, weight ≥ 0');
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
