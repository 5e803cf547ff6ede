/** Characters that make a spreadsheet read a cell as a formula (or as one after it strips them): OWASP's list. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)`,
 * or one of those behind a tab or CR) gets a leading `'`, so it shows as the text it is. Imported ids
 * and names end up in exports: an EVSE id of `=1+1` must not become a formula in the operator's sheet.
 * Numbers are written as numbers by the caller and never pass through here.
 */
export function neutralizeCsvFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
