import { slotStartMs, slotMs } from '../time/gates';
import type { Timeline } from '../time/timeline';
import { carbonAt, type CarbonSeries } from './carbon-series';

/** Energy of one slot, kWh. */
export type SlotEnergy = { slot: number; energyKWh: number };

/** A CO2 figure and the method it was computed with (shown beside it). */
export type Co2Figure = { g: number; method: string };

/** Parameters of {@link attributedCo2}. */
export type AttributedCo2Parameters = {
  measured: SlotEnergy[];
  timeline: Timeline;
  /** An average (consumption-mix) series; slots it does not cover use `fallbackGPerKWh`. */
  average?: CarbonSeries;
  /** The site's own intensity of a slot (source mix × IPCC lifecycle factors), g/kWh. */
  fallbackGPerKWh: (slot: number) => number;
};

/**
 * CO2 attributed to the energy (attributional accounting): Σ slot kWh × the average intensity of
 * the consumption mix in that slot. The average signal is what claims and receipts use: it
 * shares the grid's emissions among all consumers, so the shares add up.
 */
export function attributedCo2({ measured, timeline, average, fallbackGPerKWh }: AttributedCo2Parameters): Co2Figure & { coveredShare: number } {
  let g = 0;
  let covered = 0;
  let total = 0;
  for (const { slot, energyKWh } of measured) {
    const mid = slotStartMs({ timeline, slot }) + slotMs(timeline) / 2;
    const avg = average ? carbonAt({ series: average, ms: mid }) : undefined;
    g += energyKWh * (avg ?? fallbackGPerKWh(slot));
    total += energyKWh;
    if (avg !== undefined) covered += energyKWh;
  }
  const coveredShare = total > 0 ? covered / total : 0;
  const method =
    average && coveredShare > 0
      ? `attributional: kWh per slot × ${average.provider} ${average.zone} average consumption-mix intensity` + (coveredShare < 1 ? ` (${Math.round(coveredShare * 100)} % of the energy covered; the rest at the site mix × IPCC lifecycle factors)` : '')
      : 'attributional: kWh per slot × the site mix × IPCC AR5 lifecycle factors';
  return { g, method, coveredShare };
}

/** Parameters of {@link avoidedCo2VersusArrival}. */
export type AvoidedCo2Parameters = {
  measured: SlotEnergy[];
  timeline: Timeline;
  marginal: CarbonSeries;
  /** Plug-in time, epoch ms: the counterfactual charges from here. */
  arrivalMs: number;
  /** Power of the counterfactual (the EVSE's or the car's maximum), kW. */
  powerKw: number;
};

/**
 * CO2 avoided versus charging on arrival (consequential): the same energy drawn at full power from
 * plug-in, minus the energy as delivered, each slot valued at the marginal operating emissions
 * rate. Positive = shifting avoided emissions. Undefined when the signal does not cover both.
 */
export function avoidedCo2VersusArrival({ measured, timeline, marginal, arrivalMs, powerKw }: AvoidedCo2Parameters): Co2Figure | undefined {
  const total = measured.reduce((a, s) => a + s.energyKWh, 0);
  if (!(total > 0) || !(powerKw > 0)) return undefined;
  const rate = (ms: number) => carbonAt({ series: marginal, ms });
  let actual = 0;
  for (const { slot, energyKWh } of measured) {
    const r = rate(slotStartMs({ timeline, slot }) + slotMs(timeline) / 2);
    if (r === undefined) return undefined;
    actual += energyKWh * r;
  }
  // Counterfactual: full power from arrival until the same energy is in, slot by slot.
  let left = total;
  let t = arrivalMs;
  let counterfactual = 0;
  const len = slotMs(timeline);
  while (left > 1e-9) {
    const slotEnd = timeline.startMs + (Math.floor((t - timeline.startMs) / len) + 1) * len;
    const e = Math.min(left, (powerKw * (slotEnd - t)) / 3_600_000);
    const r = rate(t + (slotEnd - t) / 2);
    if (r === undefined) return undefined;
    counterfactual += e * r;
    left -= e;
    t = slotEnd;
  }
  return {
    g: counterfactual - actual,
    method: `consequential: the same kWh at ${Math.round(powerKw * 10) / 10} kW from plug-in minus as delivered, each slot × ${marginal.provider} ${marginal.zone} marginal operating emissions rate`
  };
}
