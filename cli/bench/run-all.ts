/**
 * `npm run bench` — every benchmark of issue 2, results to bench/results.json and BENCHMARKS.md.
 *
 *   npm run bench                          # all parts (~15-20 min on 2 cores)
 *   npm run bench -- --only scaling        # one part (scaling | quality | walltime | gas | browser | month), others kept
 *   npm run bench -- --only month --filter 'optimal'   # month part, runs whose label matches
 *   npm run bench -- --quick               # small sizes, for checking the harness itself
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchResults } from './bench-results';
import { runGas } from './gas';
import type { GasBenchResults } from './gas-results';
import { machineInfo } from './machine-info';
import { runBrowserBench } from './browser-bench';
import { runQuality } from './quality';
import { REPO_ROOT } from './run-child';
import { runScaling } from './scaling';
import { runWallTime } from './wall-time';
import { runMonth } from './month';
import { writeBenchmarksMd } from './write-benchmarks-md';

const PARTS = ['scaling', 'quality', 'walltime', 'gas', 'browser', 'month'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { only: { type: 'string' }, quick: { type: 'boolean' }, out: { type: 'string' }, filter: { type: 'string' } },
  strict: true
});
const only = values.only ? (values.only.split(',') as Part[]) : [...PARTS];
for (const part of only) {
  if (!PARTS.includes(part)) {
    console.error(`bench: --only expects ${PARTS.join('|')} (comma-separated), got "${part}"`);
    process.exit(2);
  }
}
const quick = values.quick === true;
const resultsPath = resolve(REPO_ROOT, values.out ?? 'bench/results.json');
const mdPath = resolve(REPO_ROOT, values.out ? values.out.replace(/\.json$/, '.md') : 'BENCHMARKS.md');
const log = (line: string) => console.error(line);

const results: BenchResults & GasBenchResults = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults & GasBenchResults) : {};
const save = () => {
  mkdirSync(resolve(resultsPath, '..'), { recursive: true });
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(mdPath, `${writeBenchmarksMd({ results })}\n`);
};
const started = performance.now();

if (only.includes('scaling')) {
  log('== scaling (HiGHS vs GLPK, fresh process per repetition)');
  const { rows, glpsol } = await runScaling({
    sizes: quick ? [100, 500] : [100, 500, 1000, 2000, 5000],
    repsFor: quick ? () => 2 : undefined,
    glpkTimeLimitS: quick ? 30 : 60,
    log
  });
  results.scaling = {
    ranAtIso: new Date().toISOString(),
    machine: machineInfo(),
    rows,
    glpsol,
    notes: [
      'GLPK (glpk.js 5, WASM) gets a 60 s solver time limit per gate; a capped GLPK time is a lower bound, so its ratio is too.',
      'LP files of every size are in bench-out/gate-<EVs>x96.lp (gitignored; regenerate with `greenslot bench --evs N --slots 96 --write-lp FILE`).'
    ]
  };
  save();
}
if (only.includes('quality')) {
  log('== quality on real sessions');
  results.quality = { ranAtIso: new Date().toISOString(), machine: machineInfo(), ...(await runQuality({ quick, log })) };
  save();
}
if (only.includes('walltime')) {
  log('== wall time');
  results.wallTime = { ranAtIso: new Date().toISOString(), machine: machineInfo(), ...(await runWallTime({ quick, log })) };
  save();
}
if (only.includes('gas')) {
  log('== gas per attested session (ledger v2 vs v1)');
  const { rows, notes } = await runGas({ quick, log });
  results.gas = { ranAtIso: new Date().toISOString(), machine: machineInfo(), rows, notes };
  save();
}
if (only.includes('browser')) {
  log('== in the browser: large imports, strategy comparison (production build, headless Chromium)');
  results.browser = { ranAtIso: new Date().toISOString(), machine: machineInfo(), ...(await runBrowserBench({ quick, log })) };
  save();
}
if (only.includes('month')) {
  log('== month scale (issue 11)');
  const month = await runMonth({ quick, log, filter: values.filter });
  // With --filter only some runs are measured again: the others keep their earlier rows.
  const key = (r: { dataset: string; slotMinutes: number; limit: string; strategy: string }) => `${r.dataset}|${r.slotMinutes}|${r.limit}|${r.strategy}`;
  const fresh = new Set(month.rows.map(key));
  const kept = values.filter ? (results.month?.rows ?? []).filter((r) => !fresh.has(key(r))) : [];
  results.month = { ranAtIso: new Date().toISOString(), machine: machineInfo(), rows: [...kept, ...month.rows], notes: month.notes };
  save();
}
log(`bench done in ${Math.round((performance.now() - started) / 1000)} s → ${resultsPath}, ${mdPath}`);
