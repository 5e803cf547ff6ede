/** What every solver adapter returns for an `LpModel`: the same shape for HiGHS and GLPK. */
export type LpSolution = {
  /**
   * `optimal`: proven optimal; `feasible`: a solution that is feasible but not proven optimal
   * (e.g. a MIP incumbent within the gap); `time-limit`: the limit hit (`x` is the incumbent, if
   * any); `infeasible`/`unbounded`: model outcomes; `error`: the solver failed (see `message`).
   */
  status: 'optimal' | 'feasible' | 'time-limit' | 'infeasible' | 'unbounded' | 'error';
  /** Column values in model order, or null when the solver has none. */
  x: Float64Array | null;
  /** Objective value including the model's constant (NaN when there is no solution). */
  objective: number;
  /** Solver wall time, ms. */
  solveMs: number;
  /** Solver's own status text (e.g. HiGHS `Time limit reached`). */
  solverStatus: string;
  message?: string;
};

/** Options every adapter understands. */
export type LpSolveOptions = {
  /** Wall-clock limit, ms (HiGHS `time_limit`, GLPK `tmlim`). */
  timeLimitMs?: number;
  /** Relative MIP gap at which a MIP counts as solved. Default 1e-3. */
  mipRelGap?: number;
  /** Absolute MIP gap (objective units) at which a MIP counts as solved, whichever gap is met first. Default: none. */
  mipAbsGap?: number;
};
