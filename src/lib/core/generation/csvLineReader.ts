/**
 * Streaming-friendly CSV plumbing: lines arrive in chunks of any size (a File stream in a worker,
 * or one big string), each complete line is handed on with its 1-based line number, and nothing
 * ever splits the whole text into an array. Quoted fields may hold the delimiter and doubled
 * quotes but not line breaks (no generation export we read has them).
 */
export class CsvLineReader {
  #rest = '';
  #line = 0;
  readonly #onLine: (line: string, lineNumber: number) => void;

  constructor(onLine: (line: string, lineNumber: number) => void) {
    this.#onLine = onLine;
  }

  /** Feeds a chunk; complete lines are emitted at once. */
  push(chunk: string): void {
    const text = this.#rest.length ? this.#rest + chunk : chunk;
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.#onLine(text.slice(from, end), ++this.#line);
      from = nl + 1;
    }
    this.#rest = text.slice(from);
  }

  /** Emits the last line when the text does not end with a newline. */
  end(): void {
    if (this.#rest.length) {
      const r = this.#rest.endsWith('\r') ? this.#rest.slice(0, -1) : this.#rest;
      this.#rest = '';
      this.#onLine(r, ++this.#line);
    }
  }
}

/** Splits one CSV line into trimmed fields, honouring double quotes. */
export function splitCsvLine({ line, delimiter }: { line: string; delimiter: string }): string[] {
  if (line.indexOf('"') === -1) return line.split(delimiter).map((f) => f.trim());
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}
