import { resolve } from 'node:path';
import { hasSharedData, sharedDataPath, SHARED_DATA_MISSING } from '../../test/support/shared-data';
import { loadReplayInputs, type LoadReplayInputsParams } from '../run/load-replay-inputs';
import type { CliStrategy } from '../run/cli-strategies';
import { runScenario } from '../run/run-scenario';
import { applySiteOverrides } from '../load/site-overrides';
import type { QualityRow } from './bench-results';
import { benchSiteFor } from './bench-site';
import { REPO_ROOT } from './run-child';
import { round } from './stats';

/** Tight limit = this share of the uncontrolled peak: low enough that it binds for smart strategies too. */
export const TIGHT_SHARE = 0.3;

/** The strategies compared, the offline optimum first (the others are measured against it). */
export const QUALITY_STRATEGIES: readonly CliStrategy[] = ['offline', 'optimal', 'user-first', 'edf', 'llf', 'rr', 'fcfs', 'uncontrolled'];

/** How a strategy is named in the table (the optimizer rows say which preset they ran). */
const STRATEGY_LABEL: Partial<Record<CliStrategy, string>> = { optimal: 'optimal (balanced)', 'user-first': 'optimal (user-first)', offline: 'offline (balanced)' };

/** A replayed real-data window. */
type Dataset = { name: string; inputs: Omit<LoadReplayInputsParams, 'rootLimitKw'> };

/** Real session windows (three weekdays of ACN, a week of Boulder and Trondheim: the whole bench stays under ~20 min on 2 cores). */
export function qualityDatasets({ quick = false }: { quick?: boolean } = {}): Dataset[] {
  const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
  const label = (name: string, fromMs: number, toMs: number) => `${name} ${new Date(fromMs).toISOString().slice(0, 10)}..${new Date(toMs - 1).toISOString().slice(0, 10)}`;
  // ACN: the sample's weekdays Wed 25 – Fri 27 April 2018 (the MILP optimizer runs at every gate
  // of a 54-EVSE site with minimum power, the slowest part of the bench).
  const acnFrom = day(2018, 4, 25);
  const acnTo = quick ? day(2018, 4, 26) : day(2018, 4, 28);
  const boulderFrom = day(2019, 7, 1);
  const boulderTo = quick ? day(2019, 7, 3) : day(2019, 7, 8);
  const trondheimFrom = day(2019, 3, 4);
  const trondheimTo = quick ? day(2019, 3, 6) : day(2019, 3, 11);
  return [
    {
      name: label('ACN-Data Caltech', acnFrom, acnTo),
      inputs: { sessionsPath: sharedDataPath('acn-data-sample', 'acndata_sessions_2018wk.json'), format: 'acn', sitePath: resolve(REPO_ROOT, 'examples', 'sites', 'caltech.json'), fromMs: acnFrom, toMs: acnTo }
    },
    {
      name: label('Boulder', boulderFrom, boulderTo),
      inputs: {
        sessionsPath: sharedDataPath('boulder-ev-sessions', 'Electric_Vehicle_Charging_Station_Energy_Consumption.csv'),
        format: 'csv',
        csvMapping: 'boulder',
        fromMs: boulderFrom,
        toMs: boulderTo,
        siteFor: benchSiteFor({ id: 'boulder-bench', maxKw: 6.6 })
      }
    },
    {
      name: label('Trondheim', trondheimFrom, trondheimTo),
      inputs: {
        sessionsPath: sharedDataPath('trondheim-residential-ev', 'Dataset 1_EV charging reports.csv'),
        format: 'csv',
        csvMapping: 'trondheim',
        fromMs: trondheimFrom,
        toMs: trondheimTo,
        siteFor: benchSiteFor({ id: 'trondheim-bench', maxKw: 7.4 })
      }
    }
  ];
}

export type RunQualityParams = {
  quick?: boolean;
  /** Solver budget per gate of the optimizer, ms (a gate that hits it keeps its best incumbent). */
  gateTimeLimitMs?: number;
  /** Budget of the offline optimum's single solve, ms. */
  offlineTimeLimitMs?: number;
  log?: (line: string) => void;
};

/**
 * Every strategy on real sessions at a loose and a tight root limit, against the offline
 * optimum. Loose = the site as described (generated sites: root = Σ EVSE max, never binding);
 * tight = 30 % of the peak that uncontrolled charging reaches on the same sessions, so the limit
 * binds for every dataset in the same proportion.
 */
export async function runQuality({ quick = false, gateTimeLimitMs = 5_000, offlineTimeLimitMs = 120_000, log = () => {} }: RunQualityParams = {}): Promise<{ rows: QualityRow[]; skipped?: string; notes: string[] }> {
  if (!hasSharedData()) {
    log(SHARED_DATA_MISSING);
    return { rows: [], skipped: SHARED_DATA_MISSING, notes: [] };
  }
  const rows: QualityRow[] = [];
  const notes: string[] = [];
  for (const dataset of qualityDatasets({ quick })) {
    const base = loadReplayInputs(dataset.inputs);
    if (base.skippedSessions > 0) notes.push(`${dataset.name}: ${base.skippedSessions} session(s) of the whole file reported and skipped by the parser (first: ${base.issues[0].where}: ${base.issues[0].message}).`);
    if (base.unassigned > 0) notes.push(`${dataset.name}: ${base.unassigned} session(s) had no free EVSE for their whole stay (queued by the engine).`);
    const probe = await runScenario({ ...base, strategy: 'uncontrolled' });
    const tightKw = Math.max(1, round(probe.metrics.peakKw * TIGHT_SHARE, 0));
    notes.push(`${dataset.name}: ${base.requests.length} sessions, ${base.site.evses.length} EVSEs; uncontrolled peak ${round(probe.metrics.peakKw, 1)} kW → tight root limit ${tightKw} kW.`);
    for (const limit of ['loose', 'tight'] as const) {
      const site = limit === 'tight' ? applySiteOverrides({ site: base.site, rootLimitKw: tightKw }) : base.site;
      const rootLimitKw = Number(site.nodes.find((n) => n.parentId === null)?.limitKw ?? NaN);
      let offlinePct = NaN;
      for (const strategy of QUALITY_STRATEGIES) {
        const { metrics, snapshot, wallMs } = await runScenario({ site, timeline: base.timeline, requests: base.requests, strategy, timeLimitMs: gateTimeLimitMs, offlineTimeLimitMs });
        if (strategy === 'offline') offlinePct = metrics.energyDeliveredPct;
        const row: QualityRow = {
          dataset: dataset.name,
          limit,
          rootLimitKw,
          strategy: STRATEGY_LABEL[strategy] ?? strategy,
          energyDeliveredPct: round(metrics.energyDeliveredPct, 3),
          demandsMetPct: round(metrics.demandsMetPct, 2),
          peakKw: round(metrics.peakKw, 2),
          greenSharePct: round(metrics.greenSharePct, 2),
          violationsKwSlots: round(metrics.violationsKwSlots, 2),
          solveMsP50: round(metrics.solveMsP50, 2),
          energyGapToOfflinePts: round(metrics.energyDeliveredPct - offlinePct, 3),
          sessions: metrics.sessions,
          gates: metrics.gates,
          solverCalls: metrics.solverCalls,
          timeLimitGates: snapshot.gates.filter((g) => g.status === 'time-limit').length,
          fallbackGates: metrics.fallbackGates,
          wallMs: round(wallMs, 0)
        };
        rows.push(row);
        log(`  ${dataset.name} ${limit} ${strategy}: energy ${row.energyDeliveredPct} % (gap ${row.energyGapToOfflinePts}), peak ${row.peakKw} kW, ${round(wallMs / 1000, 1)} s`);
      }
    }
  }
  notes.push(`Optimizer gates have a ${gateTimeLimitMs / 1000} s solver budget here (the app allows 50 s); a MILP gate that reaches it keeps its best integer solution. The offline optimum gets ${offlineTimeLimitMs / 1000} s.`);
  return { rows, notes };
}
