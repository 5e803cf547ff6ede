import type { LpModel } from './lp-model';

/** One reason a model must not reach a solver. */
export type LpModelIssue = {
  /** Column or row name (or `objective`). */
  where: string;
  message: string;
};

/** Parameters of `validateLpModel`. */
export type ValidateLpModelParameters = {
  model: LpModel;
  /** Stop after this many issues. Default 20. */
  maxIssues?: number;
};

/**
 * Checks that no NaN or infinity reaches a solver (HiGHS aborts or silently misreads them):
 * costs and coefficients finite, bounds finite except −∞ lower / +∞ upper, lb ≤ ub, column
 * indices in range and not repeated within a row, constant rows satisfiable. Returns the issues; empty means solvable input.
 */
export function validateLpModel({ model, maxIssues = 20 }: ValidateLpModelParameters): LpModelIssue[] {
  const issues: LpModelIssue[] = [];
  const add = (where: string, message: string) => {
    if (issues.length < maxIssues) issues.push({ where, message });
  };
  if (!Number.isFinite(model.objectiveConstant)) add('objective', `constant must be finite (got ${model.objectiveConstant})`);
  for (let j = 0; j < model.numCols && issues.length < maxIssues; j++) {
    const name = model.colNames[j];
    const lb = model.colLower[j];
    const ub = model.colUpper[j];
    const c = model.colCost[j];
    if (!Number.isFinite(c)) add(name, `objective coefficient must be finite (got ${c})`);
    if (Number.isNaN(lb) || lb === Infinity) add(name, `lower bound must be finite or −∞ (got ${lb})`);
    if (Number.isNaN(ub) || ub === -Infinity) add(name, `upper bound must be finite or +∞ (got ${ub})`);
    if (lb > ub) add(name, `lower bound ${lb} exceeds upper bound ${ub}`);
  }
  // Marks the last row each column appeared in, to catch a column repeated within one row.
  const seenInRow = new Int32Array(model.numCols).fill(-1);
  for (let r = 0; r < model.numRows && issues.length < maxIssues; r++) {
    const name = model.rowNames[r];
    const lb = model.rowLower[r];
    const ub = model.rowUpper[r];
    if (Number.isNaN(lb) || lb === Infinity) add(name, `lower bound must be finite or −∞ (got ${lb})`);
    if (Number.isNaN(ub) || ub === -Infinity) add(name, `upper bound must be finite or +∞ (got ${ub})`);
    if (lb > ub) add(name, `lower bound ${lb} exceeds upper bound ${ub}`);
    let terms = 0;
    for (let k = model.rowStart[r]; k < model.rowStart[r + 1]; k++) {
      const v = model.rowValue[k];
      const c = model.rowIndex[k];
      if (!Number.isFinite(v)) add(name, `coefficient of column ${model.colNames[c] ?? c} must be finite (got ${v})`);
      if (!(c >= 0 && c < model.numCols)) add(name, `column index ${c} out of range`);
      else if (seenInRow[c] === r) add(name, `column ${model.colNames[c]} appears twice`);
      else seenInRow[c] = r;
      if (v !== 0) terms++;
    }
    if (terms === 0 && (lb > 0 || ub < 0)) add(name, `row has no terms but needs ${lb} ≤ 0 ≤ ${ub}`);
  }
  return issues;
}
