import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { readCsvTable } from './csv-table';

describe('readCsvTable', () => {
  it('keeps each record’s starting line, across quoted newlines, CRLF and blank lines', () => {
    const text = '\uFEFFid,note\r\n1,"two\nlines"\r\n\r\n2,plain\r\n3,"a ""quote"""\r\n';
    const { header, rows } = readCsvTable({ text });
    expect(header).toEqual(['id', 'note']);
    expect(rows).toEqual([
      { line: 2, cells: ['1', 'two\nlines'] },
      { line: 5, cells: ['2', 'plain'] },
      { line: 6, cells: ['3', 'a "quote"'] }
    ]);
  });

  it('uses the given delimiter and stops after maxRows', () => {
    const { rows } = readCsvTable({ text: 'a;b\n1,5;2\n3;4\n5;6\n', delimiter: ';', maxRows: 2 });
    expect(rows.map((r) => r.cells)).toEqual([
      ['1,5', '2'],
      ['3', '4']
    ]);
  });

  it('error: throws a ValidationError naming the file when there is no header', () => {
    expect(() => readCsvTable({ text: '\n\n', file: 'empty.csv' })).toThrow(ValidationError);
    expect(() => readCsvTable({ text: '', file: 'empty.csv' })).toThrow(/empty\.csv line 1/);
  });
});
