import { ValidationError } from '../../src/lib/core/errors';
import { readTextFile } from './read-text-file';

/** Line and column (1-based) of a character offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parse JSON text; a syntax error becomes a ValidationError with the line and column. */
export function parseJsonText({ text: raw, file }: { text: string; file: string }): unknown {
  // A byte-order mark (Windows editors write one) is not part of the JSON text.
  const text = raw.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? (({ line, column }) => `line ${line} column ${column}`)(lineColumn(text, Number(position[1]))) : '$';
    throw new ValidationError([{ file, where, message: `expected valid JSON (${message})` }]);
  }
}

/** Read and parse a JSON file, naming the file and position in every error. */
export function readJsonFile({ path }: { path: string }): unknown {
  return parseJsonText({ text: readTextFile({ path }), file: path });
}
