import { resolve } from 'node:path';
import { hasSharedData, sharedDataPath } from '../../test/support/shared-data';
import type { MonthRow } from './bench-results';
import { REPO_ROOT, runGreenslotChild } from './run-child';

/** One whole run of the month part: a dataset, a limit, a slot length and a strategy. */
type MonthRun = { dataset: string; limit: 'tight' | 'loose'; rootLimitKw: number; slotMinutes: 5 | 15; strategy: string; args: string[] };

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Caltech's transformer (examples/sites/caltech.json) and the tight limit the quality part uses too. */
const CALTECH_LOOSE_KW = 150;
const CALTECH_TIGHT_KW = 30;

/**
 * Month-scale runs (issue 11): whole replays through the real CLI in a fresh process, timed from
 * spawn to exit, with the slowest gate and the energy delivered next to the offline optimum's.
 * Datasets: a generated 54-EVSE month on the Caltech site (`simulate --preset workplace --evs 32
 * --days 30 --seed 1 --site examples/sites/caltech.json`, deterministic by seed, ~860 sessions)
 * and the ACN-Data sample week on the same site. Targets: a month of 15-min gates with `optimal`
 * ≤ 30 s at either limit, 5-min gates ≤ 90 s, no gate over 1 s, the offline optimum ≤ 60 s.
 */
export async function runMonth({
  quick = false,
  log = () => {},
  timeoutMs = 15 * 60_000,
  filter
}: {
  quick?: boolean;
  log?: (line: string) => void;
  timeoutMs?: number;
  /** Only runs whose label ("<dataset>, <5|15> min, <tight|loose>, <strategy>") matches this regular expression. */
  filter?: string;
} = {}): Promise<{ rows: MonthRow[]; notes: string[] }> {
  const site = resolve(REPO_ROOT, 'examples', 'sites', 'caltech.json');
  const days = quick ? 3 : 30;
  const generated = `generated Caltech-like month (${days} days, 32 EVs/day, seed 1)`;
  const runs: MonthRun[] = [];
  const add = (dataset: string, base: string[], slotMinutes: 5 | 15, limit: 'tight' | 'loose', strategies: string[]) => {
    const rootLimitKw = limit === 'tight' ? CALTECH_TIGHT_KW : CALTECH_LOOSE_KW;
    for (const strategy of strategies) {
      runs.push({
        dataset,
        limit,
        rootLimitKw,
        slotMinutes,
        strategy,
        args: [...base, '--strategy', strategy, '--slot-minutes', String(slotMinutes), ...(limit === 'tight' ? ['--root-limit-kw', String(rootLimitKw)] : []), '--json']
      });
    }
  };
  const gen = ['simulate', '--preset', 'workplace', '--evs', '32', '--days', String(days), '--seed', '1', '--site', site];
  for (const limit of ['tight', 'loose'] as const) add(generated, gen, 15, limit, ['offline', 'optimal', 'edf']);
  for (const limit of ['tight', 'loose'] as const) add(generated, gen, 5, limit, ['offline', 'optimal', 'edf']);
  const notes: string[] = [];
  if (hasSharedData()) {
    const acn = ['replay', '--sessions', sharedDataPath('acn-data-sample', 'acndata_sessions_2018wk.json'), '--format', 'acn', '--site', site];
    for (const slotMinutes of [15, 5] as const) for (const limit of ['tight', 'loose'] as const) add('ACN-Data Caltech sample week', acn, slotMinutes, limit, ['offline', 'optimal', 'edf']);
  } else notes.push('ACN-Data sample week skipped: ../shared/data is absent');

  const rows: MonthRow[] = [];
  const wanted = filter ? new RegExp(filter) : null;
  for (const run of runs) {
    const label = `${run.dataset}, ${run.slotMinutes} min, ${run.limit}, ${run.strategy}`;
    if (wanted && !wanted.test(label)) continue;
    log(`  ${label} …`);
    const child = await runGreenslotChild({ args: run.args, timeoutMs });
    const j = child.json ?? {};
    const display = run.args.map((a) => (a.includes('/shared/data/') ? `…/${a.split('/').slice(-2).join('/')}` : a.startsWith(REPO_ROOT) ? a.slice(REPO_ROOT.length + 1) : a));
    rows.push({
      dataset: run.dataset,
      limit: run.limit,
      rootLimitKw: run.rootLimitKw,
      slotMinutes: run.slotMinutes,
      strategy: run.strategy,
      command: `greenslot ${display.join(' ')}`,
      wallMs: Math.round(child.wallMs),
      sessions: num(j.sessions),
      gates: num(j.gates),
      solverCalls: num(j.solverCalls),
      energyDeliveredPct: num(j.energyDeliveredPct),
      deliveredKWh: num(j.deliveredKWh),
      violationsKwSlots: num(j.violationsKwSlots),
      solveMsP50: num(j.solveMsP50),
      solveMsMax: num(j.solveMsMax),
      gateWallMsMax: num(j.gateWallMsMax),
      fallbackGates: num(j.fallbackGates),
      maxRssMb: num(j.maxRssMb),
      cpuS: num(j.cpuMs) === null ? null : (num(j.cpuMs) as number) / 1000,
      ...(child.exitCode !== 0 || !child.json ? { error: child.killed ? `killed at ${Math.round(timeoutMs / 1000)} s` : child.stderr.split('\n').filter(Boolean).slice(-2).join(' ') } : {})
    });
    log(`  ${label}: ${Math.round(child.wallMs / 1000)} s (CPU ${num(j.cpuMs) === null ? '–' : ((num(j.cpuMs) as number) / 1000).toFixed(1)} s), ${num(j.energyDeliveredPct)?.toFixed(2) ?? '–'} %${child.exitCode !== 0 ? ` (exit ${child.exitCode})` : ''}`);
  }
  return { rows, notes };
}
