import { z } from 'zod';
import { ValidationError } from '../errors';
import { co2Intensity } from '../energy/co2-intensity';
import type { Source, SourceMix } from '../energy/sources';
import { importIssues } from '../ocpi/importIssues';
import type { CarbonSeries } from './carbon-series';

// Electricity Maps `power-breakdown` keys → GreenSlot sources. Storage discharge and "unknown" have
// no single origin and geothermal/oil no category of ours: `other`, never counted green.
const EM_SOURCE: Readonly<Record<string, Source>> = {
  nuclear: 'nuclear',
  geothermal: 'other',
  biomass: 'biomass',
  coal: 'coal',
  wind: 'wind',
  solar: 'solar',
  hydro: 'hydro',
  gas: 'gas',
  oil: 'other',
  unknown: 'other',
  'hydro discharge': 'other',
  'battery discharge': 'other'
};

const datetime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time like 2024-05-01T10:00:00.000Z');
const intensityPoint = z.looseObject({ datetime, carbonIntensity: z.number().finite().nonnegative().nullable() });
const breakdownPoint = z.looseObject({ datetime, powerConsumptionBreakdown: z.record(z.string(), z.number().finite().nullable()).nullable() });
const historySchema = z.looseObject({ zone: z.string().min(1).optional(), history: z.array(z.looseObject({ datetime })).min(1, 'expected at least one point') });

/** Parameters of {@link parseElectricityMapsHistory}. */
export type ParseElectricityMapsHistoryParameters = { json: unknown; file?: string };

/**
 * Reads Electricity Maps' `carbon-intensity/history` (`history[].carbonIntensity`, gCO2eq/kWh of the
 * flow-traced consumption mix) or `power-breakdown/history` (`history[].powerConsumptionBreakdown`,
 * MW per source: the mix is kept and its intensity computed with our IPCC lifecycle factors) into
 * an average carbon series. Points with a null value are gaps. All-or-nothing: bad points are named.
 */
export function parseElectricityMapsHistory({ json, file = 'input' }: ParseElectricityMapsHistoryParameters): CarbonSeries {
  const head = historySchema.safeParse(json);
  if (!head.success) throw new ValidationError(importIssues({ error: head.error, input: json, file }));
  const history = head.data.history as unknown[];
  const isBreakdown = history.some((p) => typeof p === 'object' && p !== null && 'powerConsumptionBreakdown' in p);
  const zone = head.data.zone ?? String((history[0] as { zone?: unknown }).zone ?? 'unknown zone');
  const points: CarbonSeries['points'] = [];
  const mixes: NonNullable<CarbonSeries['mixes']> = [];
  const issues: ReturnType<typeof importIssues> = [];
  history.forEach((raw, i) => {
    const r = (isBreakdown ? breakdownPoint : intensityPoint).safeParse(raw);
    if (!r.success) {
      issues.push(...importIssues({ error: r.error, input: raw, file, basePath: ['history', i] }));
      return;
    }
    const startMs = Date.parse(r.data.datetime);
    if (points.length > 0 && startMs <= points[points.length - 1].startMs) {
      issues.push({ file, where: `$.history[${i}].datetime`, message: 'expected points in increasing time order' });
      return;
    }
    if (isBreakdown) {
      const breakdown = (r.data as z.infer<typeof breakdownPoint>).powerConsumptionBreakdown;
      if (!breakdown) return;
      const mix: SourceMix = {};
      for (const [key, mw] of Object.entries(breakdown)) {
        const source = EM_SOURCE[key];
        if (source && mw !== null && mw > 0) mix[source] = (mix[source] ?? 0) + mw;
      }
      const total = Object.values(mix).reduce((a, b) => a + (b ?? 0), 0);
      if (!(total > 0)) return;
      for (const k of Object.keys(mix) as Source[]) mix[k] = (mix[k] ?? 0) / total;
      mixes.push({ startMs, mix });
      points.push({ startMs, gPerKWh: co2Intensity(mix) });
    } else {
      const g = (r.data as z.infer<typeof intensityPoint>).carbonIntensity;
      if (g !== null) points.push({ startMs, gPerKWh: g });
    }
  });
  if (issues.length) throw new ValidationError(issues);
  if (points.length === 0) throw new ValidationError([{ file, where: '$.history', message: 'expected at least one point with a value (all were null)' }]);
  const series: CarbonSeries = {
    kind: 'average',
    provider: 'Electricity Maps',
    zone,
    periodMs: inferPeriodMs(points.map((p) => p.startMs)),
    points,
    method: isBreakdown
      ? 'average: flow-traced consumption mix (Electricity Maps power-breakdown) × IPCC AR5 lifecycle factors'
      : 'average: flow-traced consumption-mix intensity (Electricity Maps carbon-intensity, gCO2eq/kWh)'
  };
  if (isBreakdown) series.mixes = mixes;
  return series;
}

/** The smallest step between consecutive points (hourly when there is only one), ms. */
export function inferPeriodMs(times: readonly number[], fallbackMs = 3_600_000): number {
  let step = Infinity;
  for (let i = 1; i < times.length; i++) step = Math.min(step, times[i] - times[i - 1]);
  return Number.isFinite(step) && step > 0 ? step : fallbackMs;
}
