import type { LpModel } from './lp-model';

/** Options of `toLpText`. */
export type ToLpTextOptions = {
  /** Terms per line before wrapping (keeps lines short for strict readers). Default 12. */
  termsPerLine?: number;
  /** Comment lines written at the top (`\ …`). */
  comments?: readonly string[];
};

/** Shortest round-trip decimal; `String` already gives that and uses `e` notation LP readers accept. */
function num(v: number): string {
  return String(v);
}

function appendTerms(
  parts: string[],
  idx: ArrayLike<number>,
  val: ArrayLike<number>,
  from: number,
  to: number,
  names: readonly string[],
  perLine: number
): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const v = val[k];
    if (v === 0) continue;
    if (n > 0 && n % perLine === 0) parts.push('\n ');
    parts.push(v < 0 ? ` - ${num(-v)} ${names[idx[k]]}` : ` + ${num(v)} ${names[idx[k]]}`);
    n++;
  }
  return n;
}

function hasNonzero(val: ArrayLike<number>, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (val[k] !== 0) return true;
  return false;
}

/**
 * Writes a model as CPLEX LP text: the input HiGHS reads, and a file GLPK (`glpsol --lp`), CBC,
 * CPLEX or Gurobi can solve for comparison. Ranged rows (finite lb < ub) become two rows
 * `<name>.lo` / `<name>.hi`; free rows are left out. The objective constant is written as a
 * comment (not every reader accepts a constant in the objective) and added back by the adapters. Rows without terms are
 * left out.
 */
export function toLpText(model: LpModel, { termsPerLine = 12, comments = [] }: ToLpTextOptions = {}): string {
  const { colNames: names } = model;
  const parts: string[] = [];
  for (const c of comments) parts.push(`\\ ${c}\n`);
  parts.push(`\\ objective constant: ${num(model.objectiveConstant)}\n`);
  parts.push(model.sense === 'maximize' ? 'Maximize\n obj:' : 'Minimize\n obj:');
  const objIdx: number[] = [];
  const objVal: number[] = [];
  for (let j = 0; j < model.numCols; j++) {
    if (model.colCost[j] !== 0) {
      objIdx.push(j);
      objVal.push(model.colCost[j]);
    }
  }
  // An all-zero objective still needs one term for some readers.
  if (appendTerms(parts, objIdx, objVal, 0, objIdx.length, names, termsPerLine) === 0 && names.length > 0) parts.push(` 0 ${names[0]}`);
  parts.push('\nSubject To\n');
  const { rowStart, rowIndex, rowValue, rowLower, rowUpper, rowNames } = model;
  const writeRow = (name: string, r: number, op: string, rhs: number) => {
    parts.push(' ', name, ':');
    appendTerms(parts, rowIndex, rowValue, rowStart[r], rowStart[r + 1], names, termsPerLine);
    parts.push(` ${op} ${num(rhs)}\n`);
  };
  for (let r = 0; r < model.numRows; r++) {
    // Rows without terms are constants: validateLpModel reports the contradictory ones.
    if (!hasNonzero(rowValue, rowStart[r], rowStart[r + 1])) continue;
    const lb = rowLower[r];
    const ub = rowUpper[r];
    const hasLb = lb !== -Infinity;
    const hasUb = ub !== Infinity;
    if (hasLb && hasUb && lb === ub) writeRow(rowNames[r], r, '=', lb);
    else if (hasLb && hasUb) {
      writeRow(rowNames[r] + '.lo', r, '>=', lb);
      writeRow(rowNames[r] + '.hi', r, '<=', ub);
    } else if (hasUb) writeRow(rowNames[r], r, '<=', ub);
    else if (hasLb) writeRow(rowNames[r], r, '>=', lb);
  }
  parts.push('Bounds\n');
  const generals: string[] = [];
  for (let j = 0; j < model.numCols; j++) {
    const lb = model.colLower[j];
    const ub = model.colUpper[j];
    const n = names[j];
    if (model.colInteger[j]) generals.push(n);
    if (lb === 0 && ub === Infinity) continue;
    if (lb === -Infinity && ub === Infinity) parts.push(` ${n} free\n`);
    else if (lb === ub) parts.push(` ${n} = ${num(lb)}\n`);
    else parts.push(` ${lb === -Infinity ? '-inf' : num(lb)} <= ${n} <= ${ub === Infinity ? '+inf' : num(ub)}\n`);
  }
  if (generals.length > 0) {
    parts.push('General\n');
    for (let i = 0; i < generals.length; i += termsPerLine) parts.push(' ', generals.slice(i, i + termsPerLine).join(' '), '\n');
  }
  parts.push('End\n');
  return parts.join('');
}
