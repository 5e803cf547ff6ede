/**
 * Profiles the optimizer on the generated Caltech-like month: per-gate wall time, the slowest gates
 * and how their time splits (build, solve). `npx tsx cli/bench/month-profile.ts --days 3 --limit 30`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../src/lib/core/engine/create-engine';
import { parseSite } from '../../src/lib/core/grid/parse-site';
import { optimizeCharging } from '../../src/lib/core/optimization/optimize-charging';
import { simulateChargingRequests } from '../../src/lib/core/simulation/simulate-charging-requests';
import { computeMetrics } from '../../src/lib/core/metrics/compute-metrics';
import { schedulerByName } from '../../src/lib/core/baselines/scheduler-registry';
import { applySiteOverrides } from '../load/site-overrides';
import { REPO_ROOT } from './run-child';

const { values } = parseArgs({ args: process.argv.slice(2), options: { days: { type: 'string' }, limit: { type: 'string' }, slot: { type: 'string' }, strategy: { type: 'string' }, mph: { type: 'string' }, milp: { type: 'string' }, agg: { type: 'string' } } });
// --agg '[{"afterHours":1,"stepMinutes":15}]' (JSON tiers; '[]' = none) overrides the default aggregation.
const aggregation = values.agg ? (JSON.parse(values.agg) as { afterHours: number; stepMinutes: number }[]) : undefined;
const days = Number(values.days ?? 3);
const slotMinutes = Number(values.slot ?? 15) as 5 | 15;
const path = resolve(REPO_ROOT, 'examples', 'sites', 'caltech.json');
const site = applySiteOverrides({ site: parseSite(JSON.parse(readFileSync(path, 'utf8')), path), rootLimitKw: values.limit ? Number(values.limit) : undefined });
const startMs = Date.parse('2026-03-02T00:00:00Z');
const timeline = { startMs, slotMinutes };
const { requests } = simulateChargingRequests({ site, timeline, preset: 'workplace', evs: 32, days, seed: 1, startMs });
const strategy = values.strategy ?? 'optimal';
const scheduler = strategy === 'optimal' ? (input: Parameters<typeof optimizeCharging>[0]) => optimizeCharging(input, { ...(values.mph ? { minPowerHorizonHours: Number(values.mph) } : {}), ...(values.milp ? { milpSearchMs: Number(values.milp) } : {}), ...(aggregation ? { aggregation } : {}) }) : schedulerByName(strategy as 'offline', { site, timeline, requests, strategy: 'balanced' });
const t0 = performance.now();
const engine = createEngine({ site, timeline, requests, scheduler, strategy: 'balanced' });
const snap = await engine.runToEnd();
const wall = performance.now() - t0;
const m = computeMetrics({ site, snapshot: snap });
const gates = snap.gates.filter((g) => g.status !== 'empty');
const sorted = [...gates].sort((a, b) => b.wallMs - a.wallMs);
const sum = (k: 'wallMs' | 'buildMs' | 'solveMs') => gates.reduce((a, g) => a + g[k], 0);
const statuses: Record<string, number> = {};
for (const g of gates) statuses[g.status] = (statuses[g.status] ?? 0) + 1;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ cpuS: (cpu.user + cpu.system) / 1e6, days, slotMinutes, limit: values.limit ?? 'site', requests: requests.length, wallS: wall / 1000, gateWallS: sum('wallMs') / 1000, buildS: sum('buildMs') / 1000, solveS: sum('solveMs') / 1000, calls: gates.length, statuses, energyPct: m.energyDeliveredPct, deliveredKWh: m.deliveredKWh, violations: m.violationsKwSlots }));
for (const g of sorted.slice(0, 8)) console.log(JSON.stringify({ slot: g.firstSlot, sessions: g.sessions, wallMs: Math.round(g.wallMs), buildMs: Math.round(g.buildMs), solveMs: Math.round(g.solveMs), status: g.status, why: g.fallbackReason?.slice(0, 100) }));
