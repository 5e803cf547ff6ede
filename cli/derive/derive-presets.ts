/**
 * Derives the simulation's demand presets from the real data in ../shared/data and writes them as
 * small TypeScript tables under src/lib/core/simulation/presets/ (the raw data is never committed).
 *
 *   npx tsx cli/derive/derive-presets.ts            # print a summary and write the tables
 *   npx tsx cli/derive/derive-presets.ts --dry-run  # print only
 *   npx tsx cli/derive/derive-presets.ts --check    # exit 1 if the committed tables differ from a fresh derivation
 *
 * Arrival profiles: ElaadNL statistics as published with EV2Gym (MIT). Dwell and energy per arrival
 * hour: log-normal fits on the session logs of the matching site type (ACN-Data Caltech for
 * workplace, Trondheim for residential, Boulder for public), which have per-session data.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAcnSessions } from '../../src/lib/core/io/parse-acn-sessions';
import { parseCsvSessions } from '../../src/lib/core/io/parse-csv-sessions';
import { CSV_MAPPINGS } from '../../src/lib/core/io/csv-mappings';
import { toLocalDateTime } from '../../src/lib/core/time/zoned-time';
import { readCsvTable } from '../../src/lib/core/io/csv-table';
import type { ChargingRequest } from '../../src/lib/core/model/charging-request';
import type { DemandPreset, EvSpec, LogNormal, PresetName } from '../../src/lib/core/simulation/presets/demand-preset';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const DATA = process.env.GREENSLOT_SHARED_DATA ?? resolve(root, '..', 'shared', 'data');
const OUT = resolve(root, 'src/lib/core/simulation/presets');
const check = process.argv.includes('--check');
const dryRun = check || process.argv.includes('--dry-run');
const read = (...p: string[]) => readFileSync(resolve(DATA, ...p), 'utf8');

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

// ---------- ElaadNL arrival profiles (96 local 15-min slots) ----------
function elaadArrivals(file: string): Record<string, number[]> {
  const { header, rows } = readCsvTable({ text: read('ev2gym-elaad-stats', file), file });
  const out: Record<string, number[]> = {};
  header.slice(1).forEach((name, j) => {
    const col = rows.map((r) => Number(r.cells[j + 1]));
    if (col.length !== 96 || col.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`${file}: ${name} is not 96 finite values`);
    out[name] = normalize(col);
  });
  return out;
}
function normalize(xs: number[], d = 6): number[] {
  const s = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => round(x / s, d));
}
const elaadWeekday = elaadArrivals('distribution-of-arrival.csv');
const elaadWeekend = elaadArrivals('distribution-of-arrival-weekend.csv');

// ---------- session logs ----------
type Log = { name: string; tz: string; requests: ChargingRequest[]; issues: number; cite: string };
const acnFile = 'acn-data-sample/acndata_sessions_2018wk.json';
const acn = parseAcnSessions({ json: read(acnFile), file: acnFile, energy: 'delivered' });
const trFile = 'trondheim-residential-ev/Dataset 1_EV charging reports.csv';
const tr = parseCsvSessions({ text: read(trFile), mapping: CSV_MAPPINGS.trondheim, file: trFile });
const boFile = 'boulder-ev-sessions/Electric_Vehicle_Charging_Station_Energy_Consumption.csv';
const bo = parseCsvSessions({ text: read(boFile), mapping: CSV_MAPPINGS.boulder, file: boFile });
const logs: Record<PresetName, Log> = {
  workplace: { name: acnFile, tz: 'America/Los_Angeles', requests: acn.requests, issues: acn.issues.length, cite: 'ACN-Data (Caltech), research use; cite Lee, Li & Low, "ACN-Data: Analysis and Applications of an Open EV Charging Dataset", e-Energy \'19' },
  residential: { name: trFile, tz: 'Europe/Oslo', requests: tr.requests, issues: tr.issues.length, cite: 'Sørensen et al., Residential EV charging datasets from apartment buildings, Mendeley Data jbks2rcwyj, CC BY 4.0' },
  public: { name: boFile, tz: 'America/Denver', requests: bo.requests, issues: bo.issues.length, cite: 'City of Boulder (CO) open data, Electric Vehicle Charging Station Energy Consumption' }
};

const DWELL_RANGE: [number, number] = [0.25, 48];
const ENERGY_MIN = 0.5;
const SHRINK = 10; // pseudo-sessions pulling a sparse hour toward the all-hours fit

function fitLogNormal(xs: number[]): LogNormal & { n: number } {
  const ls = xs.map(Math.log);
  const mu = ls.reduce((a, b) => a + b, 0) / ls.length;
  const v = ls.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, ls.length - 1);
  return { mu, sigma: Math.sqrt(v), n: xs.length };
}
function byHourFit(pairs: { hour: number; x: number }[]): LogNormal[] {
  const all = fitLogNormal(pairs.map((p) => p.x));
  return Array.from({ length: 24 }, (_, h) => {
    const xs = pairs.filter((p) => p.hour === h).map((p) => p.x);
    const f = xs.length > 1 ? fitLogNormal(xs) : { mu: all.mu, sigma: all.sigma, n: 0 };
    const w = f.n / (f.n + SHRINK);
    const mu = w * f.mu + (1 - w) * all.mu;
    const variance = w * f.sigma ** 2 + (1 - w) * all.sigma ** 2;
    return { mu: round(mu, 3), sigma: round(Math.sqrt(variance), 3) };
  });
}
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function fitLog(log: Log) {
  const usable = log.requests.filter((r) => {
    const h = (r.departureMs - r.arrivalMs) / 3.6e6;
    return h >= DWELL_RANGE[0] && h <= DWELL_RANGE[1] && r.energyKWh >= ENERGY_MIN;
  });
  const rows = usable.map((r) => {
    const l = toLocalDateTime({ ms: r.arrivalMs, timeZone: log.tz });
    return { hour: l.hour, weekend: l.weekday === 0 || l.weekday === 6, dwellH: (r.departureMs - r.arrivalMs) / 3.6e6, kWh: r.energyKWh, quarter: l.hour * 4 + Math.floor(l.minute / 15), date: `${l.year}-${l.month}-${l.day}` };
  });
  // Volume: sessions per weekend day / per weekday over every calendar day the log spans.
  // reduce, not Math.min(...spread): a spread over a large log overflows the stack.
  const first = log.requests.reduce((m, r) => Math.min(m, r.arrivalMs), Infinity);
  const last = log.requests.reduce((m, r) => Math.max(m, r.arrivalMs), -Infinity);
  let wdDays = 0;
  let weDays = 0;
  for (let t = first; t <= last + 1; t += 86_400_000) {
    const wd = toLocalDateTime({ ms: t, timeZone: log.tz }).weekday;
    if (wd === 0 || wd === 6) weDays++;
    else wdDays++;
  }
  const allRows = log.requests.map((r) => toLocalDateTime({ ms: r.arrivalMs, timeZone: log.tz }).weekday);
  const weSessions = allRows.filter((w) => w === 0 || w === 6).length;
  const wdSessions = allRows.length - weSessions;
  const weekendVolume = round(weSessions / weDays / (wdSessions / wdDays), 3);
  const energyMax = round(quantile(rows.map((r) => r.kWh), 0.995), 1);
  return {
    rows,
    used: usable.length,
    dropped: log.requests.length - usable.length,
    weekendVolume,
    dwell: byHourFit(rows.map((r) => ({ hour: r.hour, x: r.dwellH }))),
    energy: byHourFit(rows.map((r) => ({ hour: r.hour, x: r.kWh }))),
    energyRange: [ENERGY_MIN, energyMax] as [number, number],
    medians: { dwellH: round(quantile(rows.map((r) => r.dwellH), 0.5), 2), kWh: round(quantile(rows.map((r) => r.kWh), 0.5), 2), kW: round(quantile(rows.map((r) => r.kWh / r.dwellH), 0.5), 2) },
    days: { wdDays, weDays, wdSessions, weSessions }
  };
}

// Workplace weekend arrivals: ElaadNL has none, so use the ACN log's weekend sessions per hour,
// smoothed with a [1,2,1]/4 kernel over neighbouring hours plus a 1-session floor, spread evenly
// over each hour's four quarters.
function acnWeekendArrivals(rows: { weekend: boolean; hour: number }[]): number[] {
  const counts = new Array(24).fill(0);
  for (const r of rows) if (r.weekend) counts[r.hour]++;
  const smooth = counts.map((c, h) => 0.25 * counts[(h + 23) % 24] + 0.5 * c + 0.25 * counts[(h + 1) % 24] + 1 / 24);
  return normalize(smooth.flatMap((c) => [c, c, c, c]));
}

// Public dwell: Boulder logs charging time, not plug-out time, so it would understate the dwell.
// Use ElaadNL instead: per arrival hour the mean connection time (mean-session-length-per.csv,
// "public", the two half-hours averaged); the within-hour spread is the total log-spread of
// distribution-of-connection-time.csv ("public", (ln q75 − ln q25)/1.349) minus the spread of the
// hourly means (weighted by weekday arrivals); mu = ln(mean) − sigma²/2.
function elaadPublicDwell(): { byHour: LogNormal[]; sigmaTotal: number } {
  const len = readCsvTable({ text: read('ev2gym-elaad-stats', 'mean-session-length-per.csv'), file: 'mean-session-length-per.csv' });
  const col = len.header.indexOf('public');
  const byHalf = new Map(len.rows.map((r) => [r.cells[0].replace(/"/g, ''), Number(r.cells[col])]));
  const meanH = Array.from({ length: 24 }, (_, h) => {
    const a = byHalf.get(`${String(h).padStart(2, '0')}:00`);
    const b = byHalf.get(`${String(h).padStart(2, '0')}:30`);
    if (!(a && b)) throw new Error(`mean-session-length-per.csv: public hour ${h} missing`);
    return (a + b) / 2;
  });
  const ct = readCsvTable({ text: read('ev2gym-elaad-stats', 'distribution-of-connection-time.csv'), file: 'distribution-of-connection-time.csv' });
  const pc = ct.header.indexOf('public');
  const at = (pct: number) => Number(ct.rows.find((r) => Number(r.cells[0]) === pct)?.cells[pc]);
  // The table is an exceedance curve: pct % of events last at least the value.
  const sigmaTotal = (Math.log(at(25)) - Math.log(at(75))) / 1.349;
  const w = Array.from({ length: 24 }, (_, h) => elaadWeekday.public.slice(4 * h, 4 * h + 4).reduce((a, b) => a + b, 0));
  const lm = meanH.map(Math.log);
  const mBar = lm.reduce((a, x, h) => a + w[h] * x, 0);
  const between = lm.reduce((a, x, h) => a + w[h] * (x - mBar) ** 2, 0);
  const sigma = Math.sqrt(Math.max(sigmaTotal ** 2 - between, 0.3 ** 2));
  return { byHour: meanH.map((m) => ({ mu: round(Math.log(m) - sigma ** 2 / 2, 3), sigma: round(sigma, 3) })), sigmaTotal };
}
const publicDwell = elaadPublicDwell();

const presets: Record<PresetName, { preset: DemandPreset; fit: ReturnType<typeof fitLog> }> = {} as never;
const elaadCol: Record<PresetName, { wd: string; we?: string }> = {
  workplace: { wd: 'workplace' },
  public: { wd: 'public', we: 'public' },
  residential: { wd: 'private', we: 'private' }
};
for (const name of ['workplace', 'public', 'residential'] as PresetName[]) {
  const log = logs[name];
  const fit = fitLog(log);
  const col = elaadCol[name];
  const weekend = col.we ? elaadWeekend[col.we] : acnWeekendArrivals(fit.rows);
  const source = [
    `Arrival weights (weekday): ElaadNL statistics via EV2Gym (MIT, © 2024 Stavros Orfanoudakis), ev2gym-elaad-stats/distribution-of-arrival.csv column "${col.wd}", normalised to sum 1.`,
    col.we
      ? `Arrival weights (weekend): same source, distribution-of-arrival-weekend.csv column "${col.we}", normalised.`
      : `Arrival weights (weekend): ElaadNL has no workplace weekend profile; ${acnFile} weekend sessions per local hour (${fit.days.weSessions} sessions), smoothed [1,2,1]/4 plus a 1/24 floor, spread over the hour's quarters.`,
    `Weekend volume, dwell and energy: ${log.name} (${log.cite}); ${log.requests.length} parsed sessions (${log.issues} rows skipped by the parser).`,
    `Weekend volume = sessions per weekend day / per weekday over the ${fit.days.wdDays + fit.days.weDays} days the log spans.`,
    `Dwell (h) and energy (kWh) per local arrival hour: log-normal (mean/sd of ln) on ${fit.used} sessions with ${DWELL_RANGE[0]}–${DWELL_RANGE[1]} h dwell and ≥ ${ENERGY_MIN} kWh (${fit.dropped} dropped); each hour shrunk toward the all-hours fit with ${SHRINK} pseudo-sessions. Energy range tops at the 99.5th percentile.`,
    name === 'public'
      ? `Public dwell instead from ElaadNL (Boulder logs charging time, not plug-out time): per hour mean of mean-session-length-per.csv "public" (half-hours averaged); sigma = sqrt(total² − between-hour²) with total = (ln q75 − ln q25)/1.349 = ${round(publicDwell.sigmaTotal, 3)} from distribution-of-connection-time.csv "public"; mu = ln(mean) − sigma²/2.`
      : '',
    'Generated by cli/derive/derive-presets.ts; do not edit by hand.'
  ]
    .filter(Boolean)
    .join('\n');
  presets[name] = {
    fit,
    preset: {
      name,
      source,
      arrivalWeights: { weekday: elaadWeekday[col.wd], weekend },
      weekendVolume: fit.weekendVolume,
      dwellHoursByHour: name === 'public' ? publicDwell.byHour : fit.dwell,
      energyKWhByHour: fit.energy,
      dwellHoursRange: DWELL_RANGE,
      energyKWhRange: fit.energyRange,
      fitSessions: { used: fit.used, dropped: fit.dropped }
    }
  };
}

// ---------- EV specs ----------
const specsRaw = JSON.parse(read('ev2gym-elaad-stats', 'ev_specs.json')) as Record<string, { number_of_registrations: number; battery_capacity: number; max_ac_charge_power: number }>;
const totalReg = Object.values(specsRaw).reduce((a, s) => a + s.number_of_registrations, 0);
const evSpecs: EvSpec[] = Object.entries(specsRaw).map(([model, s]) => ({
  model,
  batteryKWh: s.battery_capacity,
  maxAcKw: s.max_ac_charge_power,
  weight: round(s.number_of_registrations / totalReg, 4)
}));

// ---------- ElaadNL conditional means, for comparison only ----------
function elaadMeans(file: string) {
  const { header, rows } = readCsvTable({ text: read('ev2gym-elaad-stats', file), file });
  return Object.fromEntries(header.slice(1).map((h, j) => [h, rows.map((r) => Number(r.cells[j + 1])).filter((x) => x > 0)]));
}
const elaadLen = elaadMeans('mean-session-length-per.csv');
const elaadKWh = elaadMeans('mean-demand-per-arrival.csv');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const name of Object.keys(presets) as PresetName[]) {
  const { fit, preset } = presets[name];
  const k = name === 'workplace' ? 'work' : name === 'public' ? 'public' : 'home';
  console.log(
    `${name}: sessions used ${fit.used}, dropped ${fit.dropped}; weekendVolume ${preset.weekendVolume} (${JSON.stringify(fit.days)}); median dwell ${fit.medians.dwellH} h, energy ${fit.medians.kWh} kWh, avg power ${fit.medians.kW} kW; ElaadNL unweighted mean of half-hour means: dwell ${round(mean(elaadLen[k]), 1)} h, energy ${round(mean(elaadKWh[k]), 1)} kWh`
  );
  console.log(`  dwell median by hour: ${preset.dwellHoursByHour.map((d) => round(Math.exp(d.mu), 1)).join(' ')}`);
  console.log(`  energy median by hour: ${preset.energyKWhByHour.map((d) => round(Math.exp(d.mu), 1)).join(' ')}`);
}
console.log(`EV specs: ${evSpecs.length} models, weighted battery ${round(evSpecs.reduce((a, s) => a + s.weight * s.batteryKWh, 0), 1)} kWh, AC ${round(evSpecs.reduce((a, s) => a + s.weight * s.maxAcKw, 0), 1)} kW`);

// Compact TypeScript literal: number lists wrapped 12 to a line, small objects on one line.
function emit(v: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (typeof v === 'string') return v.includes('\n') ? `[\n${v.split('\n').map((l) => inner + JSON.stringify(l)).join(',\n')}\n${indent}].join('\\n')` : JSON.stringify(v);
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'number')) {
      const lines: string[] = [];
      for (let i = 0; i < v.length; i += 12) lines.push(inner + v.slice(i, i + 12).join(', '));
      return v.length <= 4 ? `[${v.join(', ')}]` : `[\n${lines.join(',\n')}\n${indent}]`;
    }
    return `[\n${v.map((x) => inner + emit(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  const flat = entries.every(([, x]) => typeof x !== 'object' || x === null);
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  if (flat) return `{ ${entries.map(([k, x]) => `${key(k)}: ${emit(x)}`).join(', ')} }`;
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${emit(x, inner)}`).join(',\n')}\n${indent}}`;
}

const outputs = new Map<string, string>();
for (const name of Object.keys(presets) as PresetName[]) {
  const constName = `${name.toUpperCase()}_PRESET`;
  outputs.set(
    resolve(OUT, `${name}.ts`),
    `import type { DemandPreset } from './demand-preset';\n\n/** Demand preset "${name}", derived from real data (see \`source\`). Generated by cli/derive/derive-presets.ts. */\nexport const ${constName}: DemandPreset = ${emit(presets[name].preset)};\n`
  );
}
outputs.set(
  resolve(OUT, 'ev-specs.ts'),
  `import type { EvSpec } from './demand-preset';\n\n/** Where EV_SPECS comes from. */\nexport const EV_SPECS_SOURCE =\n  ${JSON.stringify(`ElaadNL/EV2Gym ev_specs.json (ev2gym-elaad-stats, MIT, © 2024 Stavros Orfanoudakis): the ${evSpecs.length} most registered EV models in the Netherlands with battery_capacity (kWh) and max_ac_charge_power (kW); weight = number_of_registrations / total. Generated by cli/derive/derive-presets.ts.`)};\n\n/** EV models (battery kWh, on-board AC charger kW) weighted by Dutch registrations. */\nexport const EV_SPECS: readonly EvSpec[] = ${emit(evSpecs)};\n`
);
if (check) {
  const stale = [...outputs].filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text).map(([file]) => file);
  console.log(stale.length === 0 ? 'presets are up to date' : `stale: ${stale.join(', ')}`);
  process.exitCode = stale.length === 0 ? 0 : 1;
}
if (!dryRun) {
  for (const [file, text] of outputs) {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
