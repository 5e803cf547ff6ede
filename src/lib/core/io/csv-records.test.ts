import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createCsvRecordReader } from './csv-records';

function readAll(text: string, chunkSizes: number[], delimiter?: string) {
  const out: { line: number; cells: string[] }[] = [];
  const reader = createCsvRecordReader({ delimiter, onRecord: (cells, line) => out.push({ line, cells }) });
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = chunkSizes.length ? chunkSizes[i % chunkSizes.length] : text.length;
    reader.push(text.slice(at, at + size));
    at += size;
  }
  reader.end();
  return { out, delimiter: reader.delimiter };
}

describe('createCsvRecordReader', () => {
  it('gives each record with the line it starts on, across quoted line breaks, CRLF, blank lines and a BOM, however the text is chunked', () => {
    const text = '\uFEFFa,b\r\n1,"x\ny"\r\n\r\n2,"q""r"\n3,4';
    const expected = [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\ny'] },
      { line: 5, cells: ['2', 'q"r'] },
      { line: 6, cells: ['3', '4'] }
    ];
    for (const sizes of [[], [1], [2], [3, 7], [5]]) expect(readAll(text, sizes).out).toEqual(expected);
  });

  it('guesses the delimiter from the first line (; over , when more frequent)', () => {
    expect(readAll('Datum;Solar;Wind\n01.07.2023;1,5;2\n', []).out[1].cells).toEqual(['01.07.2023', '1,5', '2']);
    expect(readAll('a,b\n1,2\n', []).delimiter).toBe(',');
  });

  it('reads back any table papaparse writes (quotes, delimiters and line breaks in cells), in any chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', '1'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 4 }), (rows, sizes) => {
        const text = Papa.unparse(rows, { newline: '\n', quotes: true });
        const { out } = readAll(text, sizes, ',');
        expect(out.map((r) => r.cells)).toEqual(rows);
        // Each record starts one line after the previous record's last line.
        let line = 1;
        out.forEach((r, i) => {
          expect(r.line).toBe(line);
          line += 1 + rows[i].join('').split('\n').length - 1;
        });
      }),
      { numRuns: 200 }
    );
  });
});
