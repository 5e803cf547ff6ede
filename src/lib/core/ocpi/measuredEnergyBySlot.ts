import { slotMs } from '../time/gates';
import type { Timeline } from '../time/timeline';
import type { OcpiChargingPeriod } from './ocpiSessionSchema';

/** How the per-slot energy was read from the backend's figures (shown on the receipt). */
export type MeasuredMethod =
  /** ENERGY dimensions of the charging periods, each spread evenly over its period. */
  | 'period-energy'
  /** No ENERGY dimension: the total spread over the charging periods by duration × POWER (or duration alone). */
  | 'spread-over-periods'
  /** No charging periods: the total spread evenly over the whole session. */
  | 'spread-over-session';

/** Measured energy of one slot, kWh. */
export type MeasuredSlot = { slot: number; energyKWh: number };

/** What {@link measuredEnergyBySlot} returns. */
export type MeasuredEnergy = {
  /** Ascending slots with energy > 0; Σ energyKWh = totalKWh. */
  slots: MeasuredSlot[];
  method: MeasuredMethod;
  /** Σ of the ENERGY dimensions as sent, kWh (before unit repair and scaling). */
  periodsSumKWh?: number;
  /** Latest power the backend reported (POWER dimension) or measured over the last period, kW. */
  lastPowerKw?: number;
  warnings: string[];
};

/** Parameters of {@link measuredEnergyBySlot}. */
export type MeasuredEnergyBySlotParameters = {
  periods: OcpiChargingPeriod[];
  /** Session start, epoch ms. */
  startMs: number;
  /** Session end, or for a running session the time of its last update, epoch ms. */
  endMs: number;
  /** The metered total (Session `kwh` / CDR `total_energy`), kWh: the authority the slots add up to. */
  totalKWh: number;
  timeline: Timeline;
};

const ENERGY_TYPES = new Set(['ENERGY', 'ENERGY_IMPORT']);
const IDLE_TYPES = new Set(['PARKING_TIME', 'RESERVATION_TIME']);
const parse = (s: string) => Date.parse(/[Zz]$|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`);

/**
 * Measured energy per slot from OCPI charging periods. A period runs from its start to the next
 * period's start (the last one to `endMs`); its energy is spread evenly over that time, so a period
 * crossing slot boundaries is split by overlap. The slots always add up to the metered total: the
 * periods say *when*, the total says *how much* (periods summing to 1000 × the total were sent in
 * Wh, as in the spec's own session example, and are read as such with a warning).
 */
export function measuredEnergyBySlot({ periods, startMs, endMs, totalKWh, timeline }: MeasuredEnergyBySlotParameters): MeasuredEnergy {
  const warnings: string[] = [];
  const end = Math.max(endMs, startMs);
  const spans = periods
    .map((p, i) => {
      const from = Math.max(startMs, parse(p.start_date_time));
      const next = i + 1 < periods.length ? parse(periods[i + 1].start_date_time) : end;
      const to = Math.max(from, Math.min(end, next));
      const energy = p.dimensions.find((d) => ENERGY_TYPES.has(d.type))?.volume;
      const power = p.dimensions.find((d) => d.type === 'POWER')?.volume;
      const idle = p.dimensions.every((d) => IDLE_TYPES.has(d.type));
      return { from, to, energy, power, idle };
    })
    .filter((s) => Number.isFinite(s.from));
  const withEnergy = spans.filter((s) => s.energy !== undefined);
  let weights: { from: number; to: number; w: number }[];
  let method: MeasuredMethod;
  let periodsSumKWh: number | undefined;
  if (withEnergy.length > 0) {
    method = 'period-energy';
    periodsSumKWh = withEnergy.reduce((a, s) => a + Math.max(0, s.energy ?? 0), 0);
    if (totalKWh > 0 && Math.abs(periodsSumKWh / 1000 - totalKWh) <= 0.02 * totalKWh) {
      warnings.push(`charging period ENERGY volumes add up to ${periodsSumKWh} = 1000 × the total ${totalKWh} kWh: read as Wh`);
    } else if (Math.abs(periodsSumKWh - totalKWh) > Math.max(0.001, 0.01 * totalKWh)) {
      warnings.push(`charging period ENERGY volumes add up to ${round3(periodsSumKWh)} kWh, the metered total is ${totalKWh} kWh: periods scaled to the total`);
    }
    weights = withEnergy.map((s) => ({ from: s.from, to: s.to, w: Math.max(0, s.energy ?? 0) }));
  } else if (spans.some((s) => !s.idle)) {
    method = 'spread-over-periods';
    const charging = spans.filter((s) => !s.idle);
    const anyPower = charging.some((s) => s.power !== undefined);
    weights = charging.map((s) => ({ from: s.from, to: s.to, w: Math.max(0, (s.to - s.from) * (anyPower ? (s.power ?? 0) : 1)) }));
    warnings.push('no ENERGY dimension in the charging periods: the total is spread over the charging time' + (anyPower ? ' by POWER' : ''));
  } else {
    method = 'spread-over-session';
    weights = [{ from: startMs, to: end, w: 1 }];
    if (totalKWh > 0) warnings.push('no charging periods: the total is spread evenly over the session');
  }
  const sumW = weights.reduce((a, s) => a + s.w, 0);
  const bySlot = new Map<number, number>();
  if (sumW > 0 && totalKWh > 0) {
    for (const s of weights) spread({ from: s.from, to: s.to, energyKWh: (s.w / sumW) * totalKWh, timeline, bySlot });
  } else if (totalKWh > 0) {
    spread({ from: startMs, to: end, energyKWh: totalKWh, timeline, bySlot });
  }
  const slots = [...bySlot.entries()].filter(([, e]) => e > 0).sort((a, b) => a[0] - b[0]).map(([slot, energyKWh]) => ({ slot, energyKWh }));
  const out: MeasuredEnergy = { slots, method, warnings };
  if (periodsSumKWh !== undefined) out.periodsSumKWh = periodsSumKWh;
  const last = spans.filter((s) => !s.idle).at(-1);
  if (last?.power !== undefined) out.lastPowerKw = last.power;
  else if (last && last.to > last.from && method === 'period-energy') {
    const scale = sumW > 0 ? totalKWh / sumW : 0;
    out.lastPowerKw = ((last.energy ?? 0) * scale) / ((last.to - last.from) / 3_600_000);
  }
  return out;
}

// Even spread of `energyKWh` over [from, to); a zero-length span lands in the slot containing `from`.
function spread({ from, to, energyKWh, timeline, bySlot }: { from: number; to: number; energyKWh: number; timeline: Timeline; bySlot: Map<number, number> }): void {
  const len = slotMs(timeline);
  const add = (slot: number, e: number) => bySlot.set(slot, (bySlot.get(slot) ?? 0) + e);
  if (to <= from) {
    add(Math.floor((from - timeline.startMs) / len), energyKWh);
    return;
  }
  const first = Math.floor((from - timeline.startMs) / len);
  const last = Math.floor((to - 1 - timeline.startMs) / len);
  for (let slot = first; slot <= last; slot++) {
    const a = Math.max(from, timeline.startMs + slot * len);
    const b = Math.min(to, timeline.startMs + (slot + 1) * len);
    if (b > a) add(slot, (energyKWh * (b - a)) / (to - from));
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
