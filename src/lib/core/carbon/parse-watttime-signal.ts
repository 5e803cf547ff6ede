import { z } from 'zod';
import { ValidationError } from '../errors';
import { importIssues } from '../ocpi/importIssues';
import type { CarbonSeries } from './carbon-series';
import { inferPeriodMs } from './parse-electricity-maps-history';

/** g/kWh per unit of each emissions-rate unit WattTime (and others) publish. 1 lb = 453.59237 g; per MWh = per 1000 kWh. */
export const RATE_UNITS_G_PER_KWH: Readonly<Record<string, number>> = {
  lbs_co2_per_mwh: 0.45359237,
  'lbs/mwh': 0.45359237,
  kg_co2_per_mwh: 1,
  g_co2_per_kwh: 1,
  gco2eq_per_kwh: 1
};

const pointSchema = z.looseObject({
  point_time: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time like 2024-05-01T10:00:00+00:00'),
  value: z.number().finite()
});
const v3Schema = z.looseObject({
  data: z.array(z.unknown()).min(1, 'expected at least one point'),
  meta: z.looseObject({
    region: z.string().min(1),
    signal_type: z.enum(['co2_moer', 'co2_aoer'], { message: 'expected signal_type co2_moer (marginal) or co2_aoer (average)' }),
    units: z.string().refine((u) => u.toLowerCase() in RATE_UNITS_G_PER_KWH, `expected units ${Object.keys(RATE_UNITS_G_PER_KWH).join(', ')}`),
    data_point_period_seconds: z.number().int().positive().optional()
  })
});

/** Parameters of {@link parseWattTimeSignal}. */
export type ParseWattTimeSignalParameters = { json: unknown; file?: string };

/**
 * Reads a WattTime v3 signal response (`/v3/historical`, `/v3/forecast`): `data[]` of
 * `{ point_time, value }` and `meta` with `region`, `signal_type` (`co2_moer`: marginal operating
 * emissions rate; `co2_aoer`: average) and `units` (lbs_co2_per_mwh → × 0.45359237 g/kWh). Also the
 * v2 list `[{ point_time, value, ba, datatype: 'MOER', frequency }]` (lbs/MWh). All-or-nothing.
 */
export function parseWattTimeSignal({ json, file = 'input' }: ParseWattTimeSignalParameters): CarbonSeries {
  let raw: unknown[];
  let region: string;
  let kind: CarbonSeries['kind'] = 'marginal';
  let factor = RATE_UNITS_G_PER_KWH.lbs_co2_per_mwh;
  let periodMs: number | undefined;
  let base: string;
  let unitsLabel = 'lbs_co2_per_mwh';
  if (Array.isArray(json)) {
    raw = json;
    base = '$';
    const first = json[0] as { ba?: unknown; frequency?: unknown } | undefined;
    region = typeof first?.ba === 'string' ? first.ba : 'unknown region';
    if (typeof first?.frequency === 'number' && first.frequency > 0) periodMs = first.frequency * 1000;
    if (json.length === 0) throw new ValidationError([{ file, where: '$', message: 'expected at least one point' }]);
  } else {
    const r = v3Schema.safeParse(json);
    if (!r.success) throw new ValidationError(importIssues({ error: r.error, input: json, file }));
    raw = r.data.data;
    base = '$.data';
    region = r.data.meta.region;
    kind = r.data.meta.signal_type === 'co2_moer' ? 'marginal' : 'average';
    unitsLabel = r.data.meta.units;
    factor = RATE_UNITS_G_PER_KWH[r.data.meta.units.toLowerCase()];
    if (r.data.meta.data_point_period_seconds) periodMs = r.data.meta.data_point_period_seconds * 1000;
  }
  const issues: ReturnType<typeof importIssues> = [];
  const points: CarbonSeries['points'] = [];
  raw.forEach((p, i) => {
    const r = pointSchema.safeParse(p);
    if (!r.success) {
      issues.push(...importIssues({ error: r.error, input: p, file }).map((x) => ({ ...x, where: x.where.replace(/^\$/, `${base}[${i}]`) })));
      return;
    }
    const startMs = Date.parse(r.data.point_time);
    if (points.length > 0 && startMs <= points[points.length - 1].startMs) {
      issues.push({ file, where: `${base}[${i}].point_time`, message: 'expected points in increasing time order' });
      return;
    }
    points.push({ startMs, gPerKWh: r.data.value * factor });
  });
  if (issues.length) throw new ValidationError(issues);
  return {
    kind,
    provider: 'WattTime',
    zone: region,
    periodMs: periodMs ?? inferPeriodMs(points.map((p) => p.startMs), 300_000),
    points,
    method:
      kind === 'marginal'
        ? `marginal operating emissions rate (WattTime co2_moer, ${unitsLabel} → g/kWh)`
        : `average operating emissions rate (WattTime co2_aoer, ${unitsLabel} → g/kWh)`
  };
}
