/**
 * A linear (or mixed-integer) program as plain, structured-cloneable data, in columnar form so a
 * 5,000-session gate (~500k columns, a few million nonzeros) builds in well under a second and
 * can be posted to a Web Worker without copying object graphs.
 *
 * Rows are stored compressed (CSR): the terms of row r are `rowIndex[k]`/`rowValue[k]` for
 * `rowStart[r] ≤ k < rowStart[r + 1]`. A missing bound is ±Infinity (−Infinity lower / +Infinity
 * upper); every other number must be finite (see `validateLpModel`).
 */
export type LpModel = {
  sense: 'minimize' | 'maximize';
  numCols: number;
  /** LP-safe column names (see `lpName`), unique. */
  colNames: string[];
  colLower: Float64Array;
  colUpper: Float64Array;
  /** Objective coefficient per column. */
  colCost: Float64Array;
  /** 1 = integer (binaries are integer columns with bounds 0..1). */
  colInteger: Uint8Array;
  numRows: number;
  /** LP-safe row names, unique. */
  rowNames: string[];
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSR offsets, length numRows + 1. */
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
  objectiveConstant: number;
};

/** One constraint as an object (for tests and small models; the builder stores CSR). */
export type LpConstraint = {
  name: string;
  terms: [colIndex: number, coef: number][];
  lb?: number;
  ub?: number;
};

/** How a column should be created by `LpModelBuilder.addColumn`. */
export type LpColumnSpec = {
  name: string;
  lb?: number;
  ub?: number;
  cost?: number;
  integer?: boolean;
};

/** The terms of one row of an `LpModel`. */
export function rowTerms(model: LpModel, row: number): [colIndex: number, coef: number][] {
  const out: [number, number][] = [];
  for (let k = model.rowStart[row]; k < model.rowStart[row + 1]; k++) out.push([model.rowIndex[k], model.rowValue[k]]);
  return out;
}

/** Objective value of column values `x` (including the constant), in the model's own sense. */
export function evaluateObjective(model: LpModel, x: ArrayLike<number>): number {
  let v = model.objectiveConstant;
  for (let j = 0; j < model.numCols; j++) if (model.colCost[j] !== 0) v += model.colCost[j] * x[j];
  return v;
}

/** Row activities Σ a·x for column values `x`. */
export function rowActivities(model: LpModel, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(model.numRows);
  for (let r = 0; r < model.numRows; r++) {
    let s = 0;
    for (let k = model.rowStart[r]; k < model.rowStart[r + 1]; k++) s += model.rowValue[k] * x[model.rowIndex[k]];
    out[r] = s;
  }
  return out;
}
