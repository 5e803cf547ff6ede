import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasSharedData, sharedDataPath } from '../../test/support/shared-data';
import { loadReplayInputs } from '../run/load-replay-inputs';
import type { WallTimeRow } from './bench-results';
import { benchSiteFor } from './bench-site';
import { REPO_ROOT, runGreenslotChild } from './run-child';

type WallRun = { name: string; args: string[] };

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Whole runs through the real CLI in a fresh process, timed from spawn to exit: a full-day
 * simulation of 500 EVs (96 gates) and a month replay of real sessions.
 */
export async function runWallTime({ quick = false, log = () => {} }: { quick?: boolean; log?: (line: string) => void } = {}): Promise<{ rows: WallTimeRow[]; notes: string[] }> {
  const runs: WallRun[] = [
    { name: `full-day simulation, ${quick ? 100 : 500} EVs`, args: ['simulate', '--preset', 'workplace', '--evs', quick ? '100' : '500', '--days', '1', '--seed', '1', '--strategy', 'balanced', '--json'] }
  ];
  const notes: string[] = [];
  if (hasSharedData()) {
    // The month replay needs a site whose EVSEs are the log's: derive it once and write it where
    // the CLI can read it (bench-out/ is gitignored).
    const sessionsPath = sharedDataPath('trondheim-residential-ev', 'Dataset 1_EV charging reports.csv');
    const fromMs = Date.UTC(2019, 2, 1);
    const toMs = quick ? Date.UTC(2019, 2, 8) : Date.UTC(2019, 3, 1);
    const inputs = loadReplayInputs({ sessionsPath, format: 'csv', csvMapping: 'trondheim', fromMs, toMs, siteFor: benchSiteFor({ id: 'trondheim-bench', maxKw: 7.4 }) });
    const sitePath = resolve(REPO_ROOT, 'bench-out', 'sites', 'trondheim-bench.json');
    mkdirSync(resolve(sitePath, '..'), { recursive: true });
    writeFileSync(sitePath, JSON.stringify(inputs.site, null, 1));
    runs.push({
      name: `month replay, Trondheim 2019-03 (${inputs.requests.length} sessions)`,
      args: ['replay', '--sessions', sessionsPath, '--format', 'csv', '--csv-mapping', 'trondheim', '--site', sitePath, '--strategy', 'optimal', '--from', new Date(fromMs).toISOString(), '--to', new Date(toMs).toISOString(), '--json']
    });
  } else notes.push('month replay skipped: ../shared/data is absent');
  const rows: WallTimeRow[] = [];
  for (const run of runs) {
    log(`  ${run.name} …`);
    const child = await runGreenslotChild({ args: run.args, timeoutMs: 15 * 60_000 });
    const j = child.json ?? {};
    const display = run.args.map((a) => (a.includes('/shared/data/') ? `…/${a.split('/').slice(-2).join('/')}` : a.startsWith(REPO_ROOT) ? a.slice(REPO_ROOT.length + 1) : a));
    rows.push({
      name: run.name,
      command: `greenslot ${display.join(' ')}`,
      wallMs: Math.round(child.wallMs),
      sessions: num(j.sessions),
      gates: num(j.gates),
      energyDeliveredPct: num(j.energyDeliveredPct),
      solveMsP50: num(j.solveMsP50),
      solveMsMax: num(j.solveMsMax),
      maxRssMb: num(j.maxRssMb),
      ...(child.exitCode !== 0 || !child.json ? { error: child.killed ? 'killed at 15 min' : child.stderr.split('\n').filter(Boolean).slice(-2).join(' ') } : {})
    });
    log(`  ${run.name}: ${Math.round(child.wallMs / 1000)} s${child.exitCode !== 0 ? ` (exit ${child.exitCode})` : ''}`);
  }
  return { rows, notes };
}
