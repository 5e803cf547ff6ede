import type { LP, Options, Result } from 'glpk.js/node';
import type { LpModel } from './lp-model';
import type { LpSolution, LpSolveOptions } from './lp-solution';
import { validateLpModel } from './validate-lp-model';

/** The part of a loaded glpk.js module the adapter uses (sync Node build, or a test double). */
export type GlpkModule = {
  GLP_MIN: number;
  GLP_MAX: number;
  GLP_FR: number;
  GLP_LO: number;
  GLP_UP: number;
  GLP_DB: number;
  GLP_FX: number;
  GLP_MSG_OFF: number;
  GLP_OPT: number;
  GLP_FEAS: number;
  GLP_NOFEAS: number;
  GLP_UNBND: number;
  GLP_INFEAS: number;
  solve(lp: LP, options?: number | Options): Result | Promise<Result>;
};

/** Parameters of `solveWithGlpk`. */
export type SolveWithGlpkParameters = {
  model: LpModel;
  options?: LpSolveOptions;
  /** Loads GLPK. Default: `glpk.js/node` (synchronous, Node only; the browser build needs a Worker). */
  loader?: () => Promise<GlpkModule>;
};

let cached: Promise<GlpkModule> | null = null;

async function defaultLoader(): Promise<GlpkModule> {
  // Imported lazily so the browser bundle never pulls the Node build in.
  const mod = await import('glpk.js/node');
  return (await mod.default()) as unknown as GlpkModule;
}

/**
 * Solves an `LpModel` with GLPK (glpk.js, WASM) and returns the same `LpSolution` shape as the
 * HiGHS adapter, for side-by-side benchmarks and cross-checks. GLPK reports no "time limit"
 * status, so a solve that used up its limit without proving optimality is `time-limit`.
 */
export async function solveWithGlpk({ model, options = {}, loader }: SolveWithGlpkParameters): Promise<LpSolution> {
  const issues = validateLpModel({ model, maxIssues: 3 });
  if (issues.length > 0) {
    return { status: 'error', x: null, objective: NaN, solveMs: 0, solverStatus: 'error', message: `invalid model: ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}` };
  }
  let glpk: GlpkModule;
  try {
    if (loader) glpk = await loader();
    else {
      cached ??= defaultLoader();
      glpk = await cached;
    }
  } catch (e) {
    cached = null;
    return { status: 'error', x: null, objective: NaN, solveMs: 0, solverStatus: 'error', message: `GLPK failed to load: ${(e as Error).message ?? e}` };
  }
  const lp = toGlpkJson(model, glpk);
  const t0 = performance.now();
  try {
    const res = await glpk.solve(lp, {
      msglev: glpk.GLP_MSG_OFF,
      presol: true,
      mipgap: options.mipRelGap ?? 1e-3,
      ...(options.timeLimitMs !== undefined ? { tmlim: Math.max(1, Math.ceil(options.timeLimitMs / 1000)) } : {})
    });
    const solveMs = performance.now() - t0;
    const st = res.result.status;
    const limited = options.timeLimitMs !== undefined && solveMs >= options.timeLimitMs * 0.98;
    let status: LpSolution['status'];
    if (st === glpk.GLP_OPT) status = 'optimal';
    else if (st === glpk.GLP_FEAS) status = limited ? 'time-limit' : 'feasible';
    else if (st === glpk.GLP_NOFEAS || st === glpk.GLP_INFEAS) status = limited ? 'time-limit' : 'infeasible';
    else if (st === glpk.GLP_UNBND) status = 'unbounded';
    else status = limited ? 'time-limit' : 'error';
    const hasX = st === glpk.GLP_OPT || st === glpk.GLP_FEAS;
    let x: Float64Array | null = null;
    if (hasX) {
      x = new Float64Array(model.numCols);
      for (let j = 0; j < model.numCols; j++) x[j] = res.result.vars[model.colNames[j]] ?? 0;
    }
    return {
      status,
      x,
      objective: hasX ? res.result.z + model.objectiveConstant : NaN,
      solveMs,
      solverStatus: `glpk status ${st}`,
      message: status === 'error' ? `GLPK status ${st}` : undefined
    };
  } catch (e) {
    cached = null;
    return { status: 'error', x: null, objective: NaN, solveMs: performance.now() - t0, solverStatus: 'error', message: `GLPK failed: ${(e as Error).message ?? e}` };
  }
}

function boundType(glpk: GlpkModule, lb: number, ub: number): number {
  const hasLb = lb !== -Infinity;
  const hasUb = ub !== Infinity;
  if (hasLb && hasUb) return lb === ub ? glpk.GLP_FX : glpk.GLP_DB;
  if (hasLb) return glpk.GLP_LO;
  if (hasUb) return glpk.GLP_UP;
  return glpk.GLP_FR;
}

/** The model as glpk.js's JSON problem (every column gets explicit bounds). */
export function toGlpkJson(model: LpModel, glpk: GlpkModule): LP {
  const names = model.colNames;
  const fin = (v: number) => (Number.isFinite(v) ? v : 0);
  const objVars: { name: string; coef: number }[] = [];
  for (let j = 0; j < model.numCols; j++) if (model.colCost[j] !== 0) objVars.push({ name: names[j], coef: model.colCost[j] });
  const subjectTo: LP['subjectTo'] = [];
  for (let r = 0; r < model.numRows; r++) {
    const vars: { name: string; coef: number }[] = [];
    for (let k = model.rowStart[r]; k < model.rowStart[r + 1]; k++) if (model.rowValue[k] !== 0) vars.push({ name: names[model.rowIndex[k]], coef: model.rowValue[k] });
    if (vars.length === 0) continue;
    const lb = model.rowLower[r];
    const ub = model.rowUpper[r];
    subjectTo.push({ name: model.rowNames[r], vars, bnds: { type: boundType(glpk, lb, ub), lb: fin(lb), ub: fin(ub) } });
  }
  const bounds: NonNullable<LP['bounds']> = [];
  const generals: string[] = [];
  for (let j = 0; j < model.numCols; j++) {
    const lb = model.colLower[j];
    const ub = model.colUpper[j];
    bounds.push({ name: names[j], type: boundType(glpk, lb, ub), lb: fin(lb), ub: fin(ub) });
    if (model.colInteger[j]) generals.push(names[j]);
  }
  return {
    name: 'greenslot',
    objective: { direction: model.sense === 'maximize' ? glpk.GLP_MAX : glpk.GLP_MIN, name: 'obj', vars: objVars },
    subjectTo,
    bounds,
    ...(generals.length > 0 ? { generals } : {})
  };
}
