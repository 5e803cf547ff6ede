import { z } from 'zod';
import type { ValidationIssue } from '../errors';
import type { Source } from '../energy/sources';
import { importIssues, jsonPath, parseJsonText, settleIssues, type ImportMode } from '../ocpi/importIssues';
import { isPlausibleTime, PLAUSIBLE_TIME } from '../time/plausible-time';
import { fuelSource } from './fuelSource';
import { MAX_GENERATION_SPAN_MS, resampleMixToSlots, type GenerationSeries, type SlotMixSeries } from './resampleMixToSlots';

const localized = z.union([z.record(z.string(), z.string()), z.array(z.record(z.string(), z.string())).min(1)]);

const seriesSchema = z.object({
  name: localized,
  data: z.array(z.number().nullable()),
  xAxisValues: z.array(z.number()).optional(),
  xAxisFormat: z.string().optional(),
  unit: z.string().optional()
});

/** Result of parseEnergyChartsJson: per-slot mixes plus what was used and skipped. */
export type EnergyChartsImport = SlotMixSeries & {
  /** English series names that fed each Source. */
  seriesBySource: Partial<Record<Source, string[]>>;
  /** Series read but not used (load, shares, trade, prices, consumption). */
  ignoredSeries: string[];
  /** Day-ahead price per slot, EUR/MWh, when the file has a price series (held per interval). */
  priceEurPerMWh?: number[];
  leftOut: ValidationIssue[];
  warnings: ValidationIssue[];
};

/**
 * Energy-Charts chart JSON (a list of series `{ name: { en, … }, data: [...] }`, timestamps in
 * `xAxisValues`, epoch ms UTC) → per-slot SourceMix on a timeline. Fuel names map through
 * `fuelSource`; negative values of generation series are read as 0; null points count as 0.
 * @example parseEnergyChartsJson({ input: text, slotMinutes: 15 }).mixes.length // 2976 for July 2023
 */
export function parseEnergyChartsJson({
  input,
  file = 'input',
  mode = 'all',
  slotMinutes = 15
}: {
  input: unknown;
  file?: string;
  mode?: ImportMode;
  slotMinutes?: number;
}): EnergyChartsImport {
  const json = typeof input === 'string' ? parseJsonText({ text: input, file }) : input;
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  if (!Array.isArray(json)) {
    settleIssues({ issues: [{ file, where: '$', message: 'expected a list of Energy-Charts series' }], mode: 'all' });
  }
  const list = json as unknown[];
  const parsed: { name: string; data: (number | null)[]; x?: number[]; index: number; unit?: string }[] = [];
  list.forEach((raw, index) => {
    const r = seriesSchema.safeParse(raw);
    if (!r.success) return void issues.push(...importIssues({ error: r.error, input: raw, file, basePath: [index] }));
    const names = Array.isArray(r.data.name) ? r.data.name[0] : r.data.name;
    const name = names.en ?? Object.values(names)[0] ?? `series ${index}`;
    parsed.push({ name, data: r.data.data, x: r.data.xAxisValues, index, unit: r.data.unit });
  });
  const x = parsed.find((p) => p.x && p.x.length > 0)?.x;
  if (!x) {
    issues.push({ file, where: '$', message: 'no series carries xAxisValues (the timestamps)' });
    settleIssues({ issues, mode: 'all' });
  }
  const times = x!;
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] > times[i - 1])) {
      issues.push({ file, where: jsonPath([0, 'xAxisValues', i]), message: 'timestamps must increase' });
      settleIssues({ issues, mode: 'all' });
    }
  }
  // One stray far-future timestamp would make the resampled series billions of slots long.
  const last = times.length - 1;
  const outside = times.findIndex((t) => !isPlausibleTime(t));
  if (outside !== -1) issues.push({ file, where: jsonPath([0, 'xAxisValues', outside]), message: `timestamp ${times[outside]} ms is outside the plausible years ${PLAUSIBLE_TIME.years}` });
  else if (times[last] - times[0] > MAX_GENERATION_SPAN_MS) issues.push({ file, where: jsonPath([0, 'xAxisValues', last]), message: `the series spans more than ${MAX_GENERATION_SPAN_MS / 86_400_000} days; split it` });
  if (issues.length > 0) settleIssues({ issues, mode: 'all' });
  const steps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const stepMs = steps.length ? steps[Math.floor(steps.length / 2)] : 3_600_000;
  const series: GenerationSeries = {
    startsMs: times,
    endsMs: times.map((t, i) => (i + 1 < times.length ? Math.min(times[i + 1], t + stepMs) : t + stepMs)),
    mwBySource: {}
  };
  const seriesBySource: Partial<Record<Source, string[]>> = {};
  const ignoredSeries: string[] = [];
  let price: (number | null)[] | undefined;
  let clamped = 0;
  for (const p of parsed) {
    if (p.data.length !== times.length) {
      issues.push({
        file,
        where: jsonPath([p.index, 'data']),
        message: `"${p.name}" has ${p.data.length} values for ${times.length} timestamps`
      });
      continue;
    }
    const source = fuelSource({ name: p.name });
    if (source === undefined || source === null) {
      if (/day ahead|price/i.test(p.name) || p.unit === 'EUR/MWh') price = p.data;
      if (source === undefined) {
        warnings.push({ file, where: jsonPath([p.index, 'name']), message: `series "${p.name}" is not a known fuel; ignored` });
      }
      ignoredSeries.push(p.name);
      continue;
    }
    const col = (series.mwBySource[source] ??= new Array<number>(times.length).fill(0));
    for (let i = 0; i < times.length; i++) {
      const v = p.data[i] ?? 0;
      if (v < 0) clamped++;
      else col[i] += v;
    }
    (seriesBySource[source] ??= []).push(p.name);
  }
  if (clamped > 0) warnings.push({ file, where: '$', message: `${clamped} negative generation values read as 0` });
  const leftOut = settleIssues({ issues, mode });
  const out: EnergyChartsImport = { ...resampleMixToSlots({ series, slotMinutes }), seriesBySource, ignoredSeries, leftOut, warnings };
  if (price) {
    const slots = out.mixes.length;
    const startMs = out.timeline.startMs;
    const slotMs = slotMinutes * 60_000;
    const values: number[] = new Array(slots);
    let j = 0;
    for (let s = 0; s < slots; s++) {
      const mid = startMs + s * slotMs + slotMs / 2;
      while (j + 1 < times.length && times[j + 1] <= mid) j++;
      values[s] = price[j] ?? NaN;
    }
    out.priceEurPerMWh = values;
  }
  return out;
}
