import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasGlpsol, runGlpsol, type GlpsolRun } from './native-glpsol';
import { REPO_ROOT, runGreenslotChild } from './run-child';
import { median, round } from './stats';

/** One solver at one size: medians over repetitions, each in a fresh process. */
export type ScalingRow = {
  evs: number;
  slots: number;
  solver: 'highs' | 'glpk';
  reps: number;
  buildMsMedian: number;
  solveMsMedian: number;
  /** Solves per process (the second half counts; see repeatFor). Absent in results before it existed. */
  repeat?: number;
  /** The first (cold) solve in each process, median over the repetitions, ms. */
  firstSolveMsMedian?: number | null;
  totalMsMedian: number;
  maxRssMbMedian: number;
  /** Time to write the CPLEX LP text (the rep that wrote the LP file), ms. */
  lpTextMs: number | null;
  status: string;
  objective: number | null;
  variables: number | null;
  constraints: number | null;
  /** Set when the solver hit its time limit or the harness cap (the time is then a lower bound). */
  capped?: string;
  lpFile?: string;
};

export type ScalingParams = {
  sizes?: number[];
  slots?: number;
  /** Repetitions per size (fresh process each); medians are reported. */
  repsFor?: (evs: number, solver: 'highs' | 'glpk') => number;
  /** Solver time limit for GLPK, s (it can be very slow at 5,000 EVs). */
  glpkTimeLimitS?: number;
  solvers?: ('highs' | 'glpk')[];
  log?: (line: string) => void;
};

/**
 * Solves per process (`greenslot bench --repeat`): below ~1 s a solve is short enough that V8's
 * WASM tier-up dominates the first calls, so small gates are solved 15 times and the second half
 * counts; big gates once (their solve dwarfs the tier-up, and GLPK would take minutes). The same
 * for both solvers.
 */
const repeatFor = (evs: number) => (evs <= 1000 ? 15 : 1);

const defaultReps = (evs: number, solver: 'highs' | 'glpk') =>
  solver === 'highs' ? (evs <= 1000 ? 5 : evs <= 2000 ? 3 : 2) : evs <= 500 ? 3 : 1;

/**
 * Optimizer scaling: one gate of a generated 3-level site (PV, base load) with N active EVs ×
 * 96 slots, built and solved by `greenslot bench` in a fresh child process per repetition,
 * by HiGHS and by GLPK from the same model. The first HiGHS run of each size also writes the
 * LP file to bench-out/ so other solvers can take it.
 */
export async function runScaling({
  sizes = [100, 500, 1000, 2000, 5000],
  slots = 96,
  repsFor = defaultReps,
  glpkTimeLimitS = 60,
  solvers = ['highs', 'glpk'],
  log = () => {}
}: ScalingParams = {}): Promise<{ rows: ScalingRow[]; glpsol: GlpsolRun[] }> {
  const outDir = resolve(REPO_ROOT, 'bench-out');
  mkdirSync(outDir, { recursive: true });
  const rows: ScalingRow[] = [];
  for (const evs of sizes) {
    for (const solver of solvers) {
      const reps = repsFor(evs, solver);
      const runs: Record<string, unknown>[] = [];
      let capped: string | undefined;
      const lpFile = solver === 'highs' ? `bench-out/gate-${evs}x${slots}.lp` : undefined;
      for (let rep = 0; rep < reps; rep++) {
        const args = ['bench', '--evs', String(evs), '--slots', String(slots), '--solver', solver, '--seed', '1', '--repeat', String(repeatFor(evs)), '--json'];
        if (solver === 'glpk') args.push('--time-limit-s', String(glpkTimeLimitS));
        if (lpFile && rep === 0) args.push('--write-lp', lpFile);
        const capMs = ((solver === 'glpk' ? glpkTimeLimitS : 60) * repeatFor(evs) + 120) * 1000;
        const child = await runGreenslotChild({ args, timeoutMs: capMs });
        if (!child.json || child.exitCode !== 0) {
          capped = child.killed ? `killed at the harness cap of ${round(capMs / 1000, 0)} s` : `failed (exit ${child.exitCode}): ${child.stderr.split('\n').slice(-3).join(' ')}`;
          log(`  ${solver} ${evs} EVs rep ${rep + 1}: ${capped}`);
          break;
        }
        runs.push(child.json);
        log(`  ${solver} ${evs} EVs rep ${rep + 1}/${reps}: build ${round(Number(child.json.buildMs))} ms, solve ${round(Number(child.json.solveMs))} ms, ${child.json.status}`);
        if (child.json.status === 'time-limit') capped = `solver time limit ${solver === 'glpk' ? glpkTimeLimitS : ''} s hit`;
      }
      const num = (key: string) => median(runs.map((r) => Number(r[key])).filter(Number.isFinite));
      const last = runs[runs.length - 1] ?? {};
      rows.push({
        evs,
        slots,
        solver,
        reps: runs.length,
        buildMsMedian: round(num('buildMs')),
        solveMsMedian: round(num('solveMs')),
        repeat: repeatFor(evs),
        firstSolveMsMedian: runs.some((r) => typeof r.firstSolveMs === 'number') ? round(num('firstSolveMs')) : null,
        totalMsMedian: round(median(runs.map((r) => Number(r.buildMs) + Number(r.solveMs)))),
        maxRssMbMedian: round(num('maxRssMb')),
        lpTextMs: typeof runs[0]?.lpTextMs === 'number' ? round(runs[0].lpTextMs as number) : null,
        status: runs.length ? String(last.status) : 'not run',
        objective: typeof last.objective === 'number' ? last.objective : null,
        variables: typeof last.variables === 'number' ? last.variables : null,
        constraints: typeof last.constraints === 'number' ? last.constraints : null,
        ...(capped ? { capped } : {}),
        ...(lpFile && runs.length ? { lpFile } : {})
      });
    }
  }
  // Native GLPK on the written LP files, when installed: proves the files are portable (same
  // objective) and shows how much of GLPK's time is WASM rather than the algorithm.
  const glpsol: GlpsolRun[] = [];
  if (hasGlpsol()) {
    for (const row of rows.filter((r) => r.solver === 'highs' && r.lpFile)) {
      const run = runGlpsol({ evs: row.evs, lpFile: row.lpFile as string, timeLimitS: glpkTimeLimitS, cwd: REPO_ROOT });
      glpsol.push(run);
      log(`  glpsol (native) ${row.evs} EVs: ${round(run.wallMs)} ms, ${run.status}, objective ${run.objective}`);
    }
  } else log('  glpsol not found: native GLPK comparison skipped (apt install glpk-utils)');
  return { rows, glpsol };
}
