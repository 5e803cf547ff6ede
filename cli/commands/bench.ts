import { EXIT, UsageError } from '../cli-errors';
import type { Command } from '../command';
import { buildChargingModel } from '../../src/lib/core/optimization/build-charging-model';
import { solveWithGlpk } from '../../src/lib/core/optimization/glpk-adapter';
import { solveWithHighs } from '../../src/lib/core/optimization/highs-adapter';
import type { LpSolution } from '../../src/lib/core/optimization/lp-solution';
import { generateGate } from '../../src/lib/core/optimization/testing/generate-gate';
import { toLpText } from '../../src/lib/core/optimization/to-lp-text';
import type { StrategyName } from '../../src/lib/core/model/strategy-name';
import { writeTextFile } from '../load/write-text-file';
import { choiceOption, numberOption, parseOptions } from '../parse-options';
import { median } from '../bench/stats';
import { printResult } from '../print-result';
import { OPTIMIZER_PRESETS } from '../run/cli-strategies';

const HELP = `Usage: greenslot bench --evs N --slots N [options]

Build and solve ONE gate of a generated site (connection → transformer → feeders, PV, base load)
with N active EVs over a horizon of N slots, and print the timings.

Options:
  --evs N                 active EVs (default 1000; --evs × --slots ≤ 2,000,000)
  --slots N               horizon, slots (default 96)
  --solver highs|glpk     solver (default highs)
  --mode arrays|lp-text   how the model reaches HiGHS (default arrays; lp-text = CPLEX LP text)
  --strategy NAME         optimizer preset: ${OPTIMIZER_PRESETS.join('|')} (default balanced)
  --seed N                generator seed (default 1)
  --time-limit-s N        solver time limit, s (default 60)
  --repeat N              solve the same gate N times in this process (default 1); the first half
                          warms up (WASM tier-up) and solveMs is the median of the second half, as
                          in the app's long-lived worker after a few gates; firstSolveMs is the cold one
  --cold                  skip the warm-up solve (by default a tiny gate is solved first, so the
                          timed solve is a steady-state gate as in the long-lived app worker,
                          not WASM compilation and first-call costs)
  --write-lp FILE         also write the model as CPLEX LP text (for glpsol, cbc, native HiGHS …)
  --json                  print one JSON line: evs, slots, solver, variables, constraints,
                          buildMs, solveMs, status, objective, maxRssMb, …
  -h, --help

buildMs = model as plain data (plus LP text when writing it); solveMs = the adapter's solver call.
Exit codes: 0 ok (also when the solver hits its limit: see status), 1 bad input, 2 usage error.`;

/** Largest generated gate (--evs × --slots): 10,000 EVs × 200 slots. */
export const MAX_BENCH_CELLS = 2_000_000;

/** `greenslot bench`: one generated gate, built and solved, timed. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'build and solve one generated gate (N EVs × N slots) with HiGHS or GLPK, timed',
  help: HELP,
  async run({ args, io }) {
    const command = 'bench';
    const values = parseOptions({
      command,
      args,
      options: {
        evs: { type: 'string' },
        slots: { type: 'string' },
        solver: { type: 'string' },
        mode: { type: 'string' },
        strategy: { type: 'string' },
        seed: { type: 'string' },
        'time-limit-s': { type: 'string' },
        'write-lp': { type: 'string' },
        cold: { type: 'boolean' },
        repeat: { type: 'string' },
        json: { type: 'boolean' }
      }
    });
    const evs = numberOption({ values, name: 'evs', command, integer: true, min: 1, max: 100_000, defaultValue: 1000 }) as number;
    const slots = numberOption({ values, name: 'slots', command, integer: true, min: 1, max: 2000, defaultValue: 96 }) as number;
    // 100,000 EVs × 2,000 slots would be 200 million LP columns: far past what one process holds.
    if (evs * slots > MAX_BENCH_CELLS) throw new UsageError(`greenslot ${command}: --evs × --slots is at most ${MAX_BENCH_CELLS.toLocaleString('en')}, got ${evs} × ${slots}`);
    const seed = numberOption({ values, name: 'seed', command, integer: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, defaultValue: 1 }) as number;
    const repeat = numberOption({ values, name: 'repeat', command, integer: true, min: 1, max: 20, defaultValue: 1 }) as number;
    const timeLimitS = numberOption({ values, name: 'time-limit-s', command, min: 0.001, max: 86_400, defaultValue: 60 }) as number;
    const solver = choiceOption({ values, name: 'solver', command, choices: ['highs', 'glpk'] as const, defaultValue: 'highs' }) as 'highs' | 'glpk';
    const mode = choiceOption({ values, name: 'mode', command, choices: ['arrays', 'lp-text'] as const, defaultValue: 'arrays' }) as 'arrays' | 'lp-text';
    const strategy = choiceOption({ values, name: 'strategy', command, choices: OPTIMIZER_PRESETS, defaultValue: 'balanced' }) as StrategyName;
    const writeLp = typeof values['write-lp'] === 'string' ? values['write-lp'] : undefined;
    // Fail on an unwritable --write-lp path (a directory, say) before minutes of model building.
    if (writeLp) writeTextFile({ path: writeLp, text: '' });

    const solve = (model: Parameters<typeof solveWithGlpk>[0]['model'], timeLimitMs: number): Promise<LpSolution> =>
      solver === 'highs' ? solveWithHighs({ model, options: { timeLimitMs }, mode }) : solveWithGlpk({ model, options: { timeLimitMs } });
    let warmupMs: number | undefined;
    if (values.cold !== true) {
      const t = performance.now();
      await solve(buildChargingModel({ input: generateGate({ evs: 20, slots: 24, seed: seed + 1 }) }).model, 10_000);
      warmupMs = performance.now() - t;
    }

    const input = { ...generateGate({ evs, slots, seed }), strategy };
    const t0 = performance.now();
    const model = buildChargingModel({ input }).model;
    const modelMs = performance.now() - t0;
    let lpTextMs: number | undefined;
    if (writeLp) {
      const t1 = performance.now();
      const text = toLpText(model, { comments: [`greenslot bench --evs ${evs} --slots ${slots} --seed ${seed} --strategy ${strategy}`] });
      lpTextMs = performance.now() - t1;
      writeTextFile({ path: writeLp, text });
    }
    const solutions: LpSolution[] = [];
    for (let i = 0; i < repeat; i++) solutions.push(await solve(model, timeLimitS * 1000));
    const solution = solutions[solutions.length - 1];
    // The first solves of a size run on V8's baseline WASM code; it tiers up after a few calls (as in
    // the app's long-lived worker after a few gates). With --repeat, the first half warms up and
    // solveMs is the median of the second half; firstSolveMs keeps the cold figure.
    const solveMs = median(solutions.slice(Math.floor(solutions.length / 2)).map((x) => x.solveMs));
    let integerColumns = 0;
    for (let j = 0; j < model.numCols; j++) integerColumns += model.colInteger[j];
    printResult({
      io,
      json: values.json === true,
      result: {
        evs,
        slots,
        solver,
        ...(solver === 'highs' ? { mode } : {}),
        strategy,
        variables: model.numCols,
        constraints: model.numRows,
        integerColumns,
        buildMs: Math.round(modelMs * 10) / 10,
        ...(lpTextMs !== undefined ? { lpTextMs: Math.round(lpTextMs * 10) / 10 } : {}),
        solveMs: Math.round(solveMs * 10) / 10,
        ...(repeat > 1 ? { repeat, firstSolveMs: Math.round(solutions[0].solveMs * 10) / 10, solveMsRuns: solutions.map((x) => Math.round(x.solveMs * 10) / 10) } : {}),
        status: solution.status,
        solverStatus: solution.solverStatus,
        objective: Number.isFinite(solution.objective) ? solution.objective : null,
        warmupMs: warmupMs === undefined ? null : Math.round(warmupMs),
        ...(solution.message ? { message: solution.message } : {}),
        ...(writeLp ? { lpFile: writeLp } : {}),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
      }
    });
    return EXIT.ok;
  }
};
