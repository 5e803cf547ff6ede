import Papa from 'papaparse';
import { ValidationError } from '../errors';

/** One CSV record with the 1-based line it starts on (quoted fields may span lines). */
export type CsvRow = { line: number; cells: string[] };

/** A parsed CSV: header cells and data rows (blank lines dropped). */
export type CsvTable = { header: string[]; rows: CsvRow[] };

/** Parameters of {@link readCsvTable}. */
export type ReadCsvTableParameters = {
  text: string;
  /** Field delimiter (default `,`; Trondheim uses `;`). */
  delimiter?: string;
  /** File name used in error messages. */
  file?: string;
  /** Stop after this many data rows (to read a slice of a large file). */
  maxRows?: number;
};

/**
 * Tokenizes CSV text with papaparse (RFC 4180 quoting) and keeps each record's starting line, so
 * issues can name `line N` exactly as an editor shows it. Throws ValidationError when the text has
 * no header row.
 */
export function readCsvTable({ text, delimiter = ',', file = 'input', maxRows = Number.POSITIVE_INFINITY }: ReadCsvTableParameters): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let prevCursor = 0;
  let line = 1;
  const parser = Papa.parse<string[]>(body, {
    delimiter,
    newline: undefined,
    step: (result, handle) => {
      const cursor = result.meta.cursor;
      const cells = (result.data as unknown as string[]).map((c) => c.replace(/\r$/, ''));
      if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ line, cells });
      // The next record starts on the line after the last newline consumed by this one.
      for (let i = prevCursor; i < cursor && i < body.length; i++) if (body.charCodeAt(i) === 10) line++;
      prevCursor = cursor;
      if (records.length > maxRows) handle.abort();
    }
  });
  void parser;
  const [head, ...rows] = records;
  if (!head || head.cells.every((c) => c.trim() === '')) {
    throw new ValidationError([{ file, where: 'line 1', message: 'expected a CSV header row' }]);
  }
  return { header: head.cells.map((c) => c.trim()), rows: rows.slice(0, maxRows) };
}
