import type { SourceMix } from '../energy/sources';

/** One value of a carbon signal: from `startMs` for the series' `periodMs`, gCO2(eq)/kWh. */
export type CarbonPoint = { startMs: number; gPerKWh: number };

/**
 * A carbon signal over time. Two kinds, each for its purpose:
 * - `average`: the flow-traced consumption mix's intensity (attributional; claims and receipts);
 * - `marginal`: the emissions rate of the plants that answer a change in demand (consequential;
 *   dispatch and "CO2 avoided").
 */
export type CarbonSeries = {
  kind: 'average' | 'marginal';
  /** Who published it, e.g. `Electricity Maps`, `WattTime`. */
  provider: string;
  /** Zone or balancing-area code, e.g. `DE`, `CAISO_NORTH`. */
  zone: string;
  /** Length of each point, ms (hourly 3,600,000; WattTime 300,000). */
  periodMs: number;
  /** Ascending, one per period (gaps allowed). */
  points: CarbonPoint[];
  /** Average series from power-breakdown: the consumption mix per point (shares summing to 1). */
  mixes?: { startMs: number; mix: SourceMix }[];
  /** How the values were made, in plain words (shown next to every figure derived from them). */
  method: string;
};

/** Parameters of {@link carbonAt}. */
export type CarbonAtParameters = { series: CarbonSeries; ms: number };

/** The series value covering instant `ms` (the point whose period contains it), or undefined. */
export function carbonAt({ series, ms }: CarbonAtParameters): number | undefined {
  const pts = series.points;
  let lo = 0;
  let hi = pts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pts[mid].startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  return ms < pts[found].startMs + series.periodMs ? pts[found].gPerKWh : undefined;
}

/** The consumption mix covering instant `ms` (average series from a power breakdown), or undefined. */
export function carbonMixAt({ series, ms }: CarbonAtParameters): SourceMix | undefined {
  const mixes = series.mixes;
  if (!mixes?.length) return undefined;
  let found: { startMs: number; mix: SourceMix } | undefined;
  for (const m of mixes) {
    if (m.startMs > ms) break;
    found = m;
  }
  return found && ms < found.startMs + series.periodMs ? found.mix : undefined;
}
