import Papa from 'papaparse';

/** Called once per CSV record with its cells and the 1-based line it starts on. */
export type CsvRecordHandler = (cells: string[], line: number) => void;

/** A push CSV reader: feed text chunks of any size, then `end()`. */
export type CsvRecordReader = {
  push(chunk: string): void;
  end(): void;
  /** The delimiter in use (given, or guessed from the first line). */
  readonly delimiter: string;
};

export type CreateCsvRecordReaderParams = {
  onRecord: CsvRecordHandler;
  /** Field delimiter; default: guessed from the first line (the most frequent of `;`, tab and `,`; `,` on a tie). */
  delimiter?: string;
};

/** Index just past the last `\n` outside double quotes in `text` from `from` on, with the quote state carried in; -1 if none. */
function lastRecordEnd(text: string, from: number, quotedAtStart: boolean): { end: number; quoted: boolean } {
  let quoted = quotedAtStart;
  let end = -1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) end = i + 1;
  }
  return { end, quoted };
}

function guessDelimiter(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  return [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/**
 * Streams CSV through papaparse (RFC 4180: quoted fields may hold the delimiter, doubled quotes
 * and line breaks). Chunks are cut only after a line break outside quotes, so each batch papaparse
 * sees starts on a record; nothing splits the whole text into lines, so a 100 MB file streams in
 * bounded extra memory. A leading BOM is dropped, `\r\n` and `\n` both end records, blank lines
 * are skipped; cells are not trimmed.
 */
export function createCsvRecordReader({ onRecord, delimiter }: CreateCsvRecordReaderParams): CsvRecordReader {
  let pending = '';
  let scanned = 0;
  let quoted = false;
  let line = 1;
  let started = false;
  let delim = delimiter;

  const parseBatch = (raw: string) => {
    if (raw === '') return;
    const batch = raw.replace(/\r\n/g, '\n');
    if (delim === undefined) delim = guessDelimiter(batch.slice(0, Math.max(0, batch.indexOf('\n')) || batch.length));
    let prevCursor = 0;
    Papa.parse<string[]>(batch, {
      delimiter: delim,
      newline: '\n',
      step: (result) => {
        const cells = result.data as unknown as string[];
        if (!(cells.length === 1 && cells[0].trim() === '')) onRecord(cells, line);
        // The next record starts on the line after the last line break this one consumed.
        const cursor = result.meta.cursor;
        for (let i = prevCursor; i < cursor && i < batch.length; i++) if (batch.charCodeAt(i) === 10) line++;
        prevCursor = cursor;
      }
    });
    // papaparse's cursor stops before the batch's final line break: count what is left.
    for (let i = prevCursor; i < batch.length; i++) if (batch.charCodeAt(i) === 10) line++;
  };

  return {
    get delimiter() {
      return delim ?? ',';
    },
    push(chunk: string) {
      if (!started) {
        started = true;
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      }
      pending += chunk;
      const cut = lastRecordEnd(pending, scanned, quoted);
      if (cut.end === -1) {
        scanned = pending.length;
        quoted = cut.quoted;
        return;
      }
      const batch = pending.slice(0, cut.end);
      pending = pending.slice(cut.end);
      // Re-scan the rest from its start next time (its quote state starts fresh: a record begins there).
      scanned = 0;
      quoted = false;
      parseBatch(batch);
    },
    end() {
      const rest = pending;
      pending = '';
      parseBatch(rest);
    }
  };
}
