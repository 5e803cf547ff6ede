/** One data row of a small CSV file with its 1-based line number (for error messages). */
export type CsvRow = { line: number; cells: string[] };

/** Split one CSV line on `delimiter`, honouring double quotes ("" is a literal quote). */
function splitLine(text: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Split a small CSV (the CLI's --mix and --pv files) into a header and rows. The delimiter is
 * `,` unless the header has `;` and no `,`. Blank lines are skipped. Session logs go through
 * core/io's parsers instead; this is only for the per-slot series.
 */
export function splitCsv({ text }: { text: string }): { header: string[]; rows: CsvRow[]; delimiter: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) return { header: [], rows: [], delimiter: ',' };
  const headerLine = lines[headerIndex];
  const delimiter = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const header = splitLine(headerLine, delimiter).map((h) => h.toLowerCase());
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    rows.push({ line: i + 1, cells: splitLine(lines[i], delimiter) });
  }
  return { header, rows, delimiter };
}
