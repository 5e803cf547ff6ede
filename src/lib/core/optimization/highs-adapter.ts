import highsLoader from 'highs';
import type { LpModel } from './lp-model';
import type { LpSolution, LpSolveOptions } from './lp-solution';
import { toLpText } from './to-lp-text';
import { validateLpModel } from './validate-lp-model';

/** The loaded HiGHS module (the `highs` package's default export resolves to it). */
export type HighsModule = Awaited<ReturnType<typeof highsLoader>>;

/** A function that loads HiGHS (the `highs` default export, or a test double). */
export type HighsLoader = (options?: { locateFile?: (file: string) => string }) => Promise<HighsModule>;

/** How to get the HiGHS module: defaults suit Node; a browser worker passes `locateFile`. */
export type HighsLoadParameters = {
  /** Alternative loader (e.g. a pre-bundled one). Default: the `highs` package. */
  loader?: HighsLoader;
  /** Where the wasm lives, e.g. `() => wasmUrl` from `import wasmUrl from 'highs/runtime?url'`. */
  locateFile?: (file: string) => string;
};

let cached: Promise<HighsModule> | null = null;

/** Loads HiGHS once and caches it (the wasm instantiation costs ~30 ms; solving must not pay it). */
export function loadHighs({ loader = highsLoader as HighsLoader, locateFile }: HighsLoadParameters = {}): Promise<HighsModule> {
  if (!cached) {
    cached = loader(locateFile ? { locateFile } : undefined);
    // A failed load must not poison later attempts.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

/** Drops the cached module so the next solve loads a fresh one (after a wasm abort). */
export function resetHighs(): void {
  cached = null;
}

/**
 * How the model reaches HiGHS. `lp-text`: CPLEX LP text through `highs.solve` (the portable
 * path; the same text is what we dump for other solvers). `arrays`: the CSR arrays through the
 * package's model API (`passModel`), which skips writing and parsing the text and building a
 * result object per column — much faster on large gates. Both run the same solver.
 */
export type HighsInputMode = 'lp-text' | 'arrays';

/** Parameters of `solveWithHighs`. */
export type SolveWithHighsParameters = HighsLoadParameters & {
  model: LpModel;
  options?: LpSolveOptions;
  mode?: HighsInputMode;
  /**
   * Partial starting solution (column indices and values), e.g. a rounded relaxation for a MILP:
   * HiGHS completes it and starts from that incumbent. Used in `arrays` mode only.
   */
  start?: { indices: Int32Array; values: Float64Array };
  /** Extra HiGHS options (e.g. `{ solver: 'ipm' }`), applied last. */
  highsOptions?: Record<string, string | number | boolean>;
};

const STATUS_BY_TEXT: Record<string, LpSolution['status']> = {
  Optimal: 'optimal',
  Infeasible: 'infeasible',
  'Primal infeasible or unbounded': 'infeasible',
  Unbounded: 'unbounded',
  'Time limit reached': 'time-limit',
  'Iteration limit reached': 'time-limit',
  'Target for objective reached': 'feasible',
  'Bound on objective reached': 'feasible'
};

const STATUS_TEXT_BY_CODE = [
  'Not Set', 'Load error', 'Model error', 'Presolve error', 'Solve error', 'Postsolve error', 'Empty', 'Optimal',
  'Infeasible', 'Primal infeasible or unbounded', 'Unbounded', 'Bound on objective reached',
  'Target for objective reached', 'Time limit reached', 'Iteration limit reached', 'Unknown'
];

function baseOptions(options: LpSolveOptions, extra: Record<string, string | number | boolean> | undefined) {
  const o: Record<string, string | number | boolean> = { presolve: 'on', output_flag: false, mip_rel_gap: options.mipRelGap ?? 1e-3 };
  if (options.mipAbsGap !== undefined && options.mipAbsGap > 0) o.mip_abs_gap = options.mipAbsGap;
  if (options.timeLimitMs !== undefined) o.time_limit = Math.max(0.001, options.timeLimitMs / 1000);
  return { ...o, ...extra };
}

function errorSolution(message: string, solveMs: number): LpSolution {
  return { status: 'error', x: null, objective: NaN, solveMs, solverStatus: 'error', message };
}

/**
 * Solves an `LpModel` with HiGHS (WASM). The only place that knows HiGHS's input format.
 * Never throws for solver outcomes: invalid numbers, a load failure or a wasm abort come back
 * as status `error` with a message (and the module is reloaded before the next solve).
 */
export async function solveWithHighs({
  model,
  options = {},
  mode = 'arrays',
  highsOptions,
  start,
  loader,
  locateFile
}: SolveWithHighsParameters): Promise<LpSolution> {
  const issues = validateLpModel({ model, maxIssues: 3 });
  if (issues.length > 0) return errorSolution(`invalid model: ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`, 0);
  let highs: HighsModule;
  try {
    highs = await loadHighs({ loader, locateFile });
  } catch (e) {
    return errorSolution(`HiGHS failed to load: ${(e as Error).message ?? e}`, 0);
  }
  const t0 = performance.now();
  try {
    return mode === 'lp-text'
      ? solveText(highs, model, baseOptions(options, highsOptions), t0)
      : solveArrays(highs, model, baseOptions(options, highsOptions), t0, start);
  } catch (e) {
    // An abort leaves the wasm heap in an undefined state: load a fresh module next time.
    resetHighs();
    return errorSolution(`HiGHS failed: ${(e as Error).message ?? e}`, performance.now() - t0);
  }
}

function solveText(highs: HighsModule, model: LpModel, opts: Record<string, string | number | boolean>, t0: number): LpSolution {
  const text = toLpText(model);
  const res = highs.solve(text, opts as Parameters<HighsModule['solve']>[1]);
  const solveMs = performance.now() - t0;
  const solverStatus = String(res.Status);
  const status = STATUS_BY_TEXT[solverStatus] ?? 'error';
  const cols = res.Columns as Record<string, { Primal?: number }>;
  let x: Float64Array | null = null;
  if (status === 'optimal' || status === 'feasible' || status === 'time-limit') {
    x = new Float64Array(model.numCols);
    let any = false;
    for (let j = 0; j < model.numCols; j++) {
      const c = cols[model.colNames[j]];
      if (c && typeof c.Primal === 'number') {
        x[j] = c.Primal;
        any = true;
      } else x[j] = model.colLower[j] > 0 ? model.colLower[j] : 0; // a column the text never mentions sits at its bound
    }
    if (!any && model.numCols > 0 && status === 'time-limit') x = null;
  }
  const objective = x ? res.ObjectiveValue + model.objectiveConstant : NaN;
  return { status, x, objective, solveMs, solverStatus, message: status === 'error' ? `HiGHS status: ${solverStatus}` : undefined };
}

function solveArrays(
  highs: HighsModule,
  model: LpModel,
  opts: Record<string, string | number | boolean>,
  t0: number,
  start: SolveWithHighsParameters['start']
): LpSolution {
  // HiGHS's own infinity value marks missing bounds (IEEE ∞ in this build).
  const inf = highs.infinity;
  const fix = (a: Float64Array) => {
    if (inf === Infinity) return a;
    const b = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) b[i] = a[i] === Infinity ? inf : a[i] === -Infinity ? -inf : a[i];
    return b;
  };
  const m = highs.createModel();
  try {
    m.passModel({
      numCols: model.numCols,
      numRows: model.numRows,
      sense: model.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      offset: model.objectiveConstant,
      colCost: model.colCost,
      colLower: fix(model.colLower),
      colUpper: fix(model.colUpper),
      rowLower: fix(model.rowLower),
      rowUpper: fix(model.rowUpper),
      matrix: { format: 'csr', numRows: model.numRows, numCols: model.numCols, starts: model.rowStart, indices: model.rowIndex, values: model.rowValue },
      integrality: model.colInteger.some((v) => v === 1) ? Int32Array.from(model.colInteger) : undefined
    });
    m.options.set(opts);
    if (start && start.indices.length > 0) m.setSolution({ indices: start.indices, values: start.values });
    const run = m.run();
    const solveMs = performance.now() - t0;
    const solverStatus = STATUS_TEXT_BY_CODE[run.modelStatus] ?? `status ${run.modelStatus}`;
    const status = STATUS_BY_TEXT[solverStatus] ?? (solverStatus === 'Empty' ? 'optimal' : 'error');
    let x: Float64Array | null = null;
    let objective = NaN;
    // primal_solution_status 2 = feasible solution available (incumbent on a time limit).
    const hasPrimal = Number(m.info.get('primal_solution_status')) === 2;
    if ((status === 'optimal' || status === 'feasible' || status === 'time-limit') && (hasPrimal || model.numCols === 0)) {
      x = Float64Array.from(m.getSolution().colValue);
      objective = m.getObjectiveValue();
    }
    return { status, x, objective, solveMs, solverStatus, message: status === 'error' ? `HiGHS status: ${solverStatus}` : undefined };
  } finally {
    // Native memory is not garbage-collected: free it explicitly.
    m.dispose();
  }
}
