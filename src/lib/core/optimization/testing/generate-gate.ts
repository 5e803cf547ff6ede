import type { Evse, GridNode, PvPlant, Site } from '../../grid/site';
import type { SourceMix } from '../../energy/sources';
import type { Preference } from '../../model/charging-request';
import type { ActiveSession } from '../../model/active-session';
import type { ScheduleInput } from '../../model/scheduler';

/** Parameters of `generateGate`. */
export type GenerateGateParameters = {
  /** Active sessions (one EVSE each, a few queued on a shared EVSE). Default 100. */
  evs?: number;
  /** Horizon length, slots. Default 96 (a day of 15-minute slots). */
  slots?: number;
  seed?: number;
  /** Share of EVSEs with a minimum power (6 A three-phase, 4.14 kW) instead of 0. Default 0. */
  minKwShare?: number;
  /** Scales every node limit (1 = the default tightness, where the grid binds at peak times). */
  limitScale?: number;
  slotMinutes?: 5 | 15;
};

/** Small, fast, seeded PRNG (mulberry32): same seed → same gate on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFERENCES: readonly Preference[] = ['balanced', 'balanced', 'green', 'cheap', 'fast'];
const DAY_START_MS = Date.UTC(2024, 5, 3); // a Monday in June: long PV day

/**
 * A seeded gate for benchmarks and tests: a 3-level grid tree (connection point → transformers →
 * feeders, ~400 EVSEs per transformer, 4 feeders each) with a base-load day profile, a PV plant,
 * a grid mix and day-ahead-like prices per slot, and `evs` sessions with windows of 2–12 h inside
 * the horizon (about half already plugged in at the gate). Framework-free; the CLI `bench` uses it.
 * @example const input = generateGate({ evs: 1000, slots: 96, seed: 1 }); await optimizeCharging(input)
 */
export function generateGate({ evs = 100, slots = 96, seed = 1, minKwShare = 0, limitScale = 1, slotMinutes = 15 }: GenerateGateParameters = {}): ScheduleInput {
  const rand = mulberry32(seed);
  const slotsPerDay = (24 * 60) / slotMinutes;
  const h = slotMinutes / 60;
  const nTransformers = Math.max(1, Math.ceil(evs / 400));
  const feedersPer = 4;
  const nFeeders = nTransformers * feedersPer;
  const evses: Evse[] = [];
  for (let i = 0; i < evs; i++) {
    const threePhase = rand() < 0.6;
    const hasMin = rand() < minKwShare;
    evses.push({
      id: `E${i}`,
      nodeId: `F${i % nFeeders}`,
      maxKw: threePhase ? 11 : 7.4,
      minKw: hasMin ? (threePhase ? 4.14 : 1.38) : 0,
      phase: threePhase ? '3P' : (['L1', 'L2', 'L3'] as const)[i % 3]
    });
  }
  const evseKwAt = (pred: (e: Evse, i: number) => boolean) => evses.reduce((a, e, i) => (pred(e, i) ? a + e.maxKw : a), 0);
  // Base load: night low, working-hours high (kW per EVSE-equivalent so it scales with the site).
  const baseShape = Array.from({ length: slotsPerDay }, (_, i) => {
    const hour = (i * slotMinutes) / 60;
    return 0.6 + 0.8 * Math.exp(-(((hour - 13) / 4) ** 2)) + 0.3 * Math.exp(-(((hour - 19) / 2) ** 2));
  });
  const pvShape = Array.from({ length: slotsPerDay }, (_, i) => Math.max(0, Math.cos(((((i * slotMinutes) / 60) - 13) / 7) * (Math.PI / 2))) ** 1.5);
  const nodes: GridNode[] = [];
  const totalKw = evseKwAt(() => true);
  nodes.push({
    id: 'root',
    parentId: null,
    kind: 'connection',
    limitKw: round(0.45 * totalKw * limitScale + 1.2 * evs),
    baseLoadKw: baseShape.map((v) => round(v * evs * 0.8))
  });
  for (let t = 0; t < nTransformers; t++) {
    const kw = evseKwAt((_e, i) => Math.floor((i % nFeeders) / feedersPer) === t);
    nodes.push({ id: `T${t}`, parentId: 'root', kind: 'transformer', limitKw: round(0.55 * kw * limitScale + 50) });
  }
  for (let f = 0; f < nFeeders; f++) {
    const kw = evseKwAt((e) => e.nodeId === `F${f}`);
    nodes.push({ id: `F${f}`, parentId: `T${Math.floor(f / feedersPer)}`, kind: 'feeder', limitKw: round(0.65 * kw * limitScale + 10), baseLoadKw: round(2 + 3 * rand()) });
  }
  const pv: PvPlant[] = [{ id: 'pv-roof', nodeId: 'root', kw: pvShape.map((v) => round(v * evs * 2.5)) }];
  const gridMix: SourceMix[] = Array.from({ length: slotsPerDay }, (_, i) => {
    const hour = (i * slotMinutes) / 60;
    const solar = 0.25 * Math.max(0, Math.cos(((hour - 13) / 7) * (Math.PI / 2)));
    const wind = 0.15 + 0.1 * Math.sin((hour / 24) * 2 * Math.PI);
    const rest = 1 - solar - wind - 0.1 - 0.15;
    return { solar: r4(solar), wind: r4(wind), hydro: 0.1, nuclear: 0.15, gas: r4(rest * 0.7), coal: r4(1 - solar - wind - 0.25 - r4(rest * 0.7)) };
  });
  const pricePerKWh = Array.from({ length: slotsPerDay }, (_, i) => {
    const hour = (i * slotMinutes) / 60;
    return r4(0.18 + 0.1 * Math.exp(-(((hour - 8) / 2) ** 2)) + 0.14 * Math.exp(-(((hour - 19) / 2.5) ** 2)) - 0.08 * Math.exp(-(((hour - 13) / 3) ** 2)));
  });
  const site: Site = { id: `generated-${evs}-${seed}`, name: `Generated 3-level site (${evs} EVSEs, seed ${seed})`, timezone: 'UTC', voltageV: 230, nodes, evses, pv, energy: { gridMix, pricePerKWh, currency: 'EUR' } };

  const firstSlot = 1;
  const horizonEndSlot = firstSlot + slots;
  const sessions: ActiveSession[] = [];
  for (let i = 0; i < evs; i++) {
    const evse = evses[i];
    const pluggedIn = rand() < 0.5;
    const startSlot = pluggedIn ? firstSlot : firstSlot + Math.floor(rand() * slots * 0.6);
    const dwell = Math.round((2 + rand() * 10) / h);
    const endSlot = Math.min(horizonEndSlot, startSlot + Math.max(1, dwell));
    const vehicleMaxKw = rand() < 0.3 ? 7.4 : 11;
    const maxKw = Math.min(evse.maxKw, vehicleMaxKw);
    const requestedKWh = round(5 + rand() * 40);
    const deliveredKWh = pluggedIn ? round(rand() * 0.3 * requestedKWh) : 0;
    sessions.push({
      id: `S${i}`,
      evseId: evse.id,
      startSlot,
      endSlot,
      requestedKWh,
      deliveredKWh,
      remainingKWh: round(requestedKWh - deliveredKWh),
      maxKw,
      minKw: evse.minKw > maxKw ? 0 : evse.minKw,
      preference: PREFERENCES[Math.floor(rand() * PREFERENCES.length)],
      requestMs: DAY_START_MS + startSlot * slotMinutes * 60_000 - Math.floor(rand() * 13 * 60_000) - 60_000
    });
  }
  // A few queued sessions: a second car waits for an EVSE whose first car leaves early.
  const queued = Math.floor(evs * 0.02);
  for (let q = 0; q < queued; q++) {
    const first = sessions[Math.floor(rand() * evs)];
    if (first.endSlot + 8 > horizonEndSlot || sessions.some((s) => s !== first && s.evseId === first.evseId)) continue;
    const evse = evses.find((e) => e.id === first.evseId)!;
    sessions.push({
      ...first,
      id: `S${sessions.length}`,
      startSlot: Math.max(firstSlot, first.endSlot - 4),
      endSlot: Math.min(horizonEndSlot, first.endSlot + 24),
      requestedKWh: 20,
      deliveredKWh: 0,
      remainingKWh: 20,
      maxKw: evse.maxKw,
      preference: 'balanced'
    });
  }
  return { site, timeline: { startMs: DAY_START_MS, slotMinutes }, firstSlot, horizonEndSlot, sessions, strategy: 'balanced' };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function r4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
