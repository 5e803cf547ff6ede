import { ValidationError } from '../errors';
import { createCsvRecordReader } from './csv-records';

/** One CSV record with the 1-based line it starts on (quoted fields may span lines). */
export type CsvRow = { line: number; cells: string[] };

/** A parsed CSV: header cells and data rows (blank lines dropped). */
export type CsvTable = { header: string[]; rows: CsvRow[] };

/** Parameters of {@link readCsvTable}. */
export type ReadCsvTableParameters = {
  text: string;
  /** Field delimiter (default `,`; Trondheim uses `;`); `auto` guesses it from the header line. */
  delimiter?: string;
  /** File name used in error messages. */
  file?: string;
  /** Stop after this many data rows (to read a slice of a large file). */
  maxRows?: number;
};

/**
 * Reads a whole CSV text through the one CSV path ({@link createCsvRecordReader}, papaparse) and
 * keeps each record's starting line, so issues can name `line N` exactly as an editor shows it.
 * Throws ValidationError when the text has no header row.
 */
export function readCsvTable({ text, delimiter = ',', file = 'input', maxRows = Number.POSITIVE_INFINITY }: ReadCsvTableParameters): CsvTable {
  const records: CsvRow[] = [];
  const reader = createCsvRecordReader({
    delimiter: delimiter === 'auto' ? undefined : delimiter,
    onRecord: (cells, line) => {
      if (records.length <= maxRows) records.push({ line, cells });
    }
  });
  reader.push(text);
  reader.end();
  const [head, ...rows] = records;
  if (!head || head.cells.every((c) => c.trim() === '')) {
    throw new ValidationError([{ file, where: 'line 1', message: 'expected a CSV header row' }]);
  }
  return { header: head.cells.map((c) => c.trim()), rows: rows.slice(0, maxRows) };
}
