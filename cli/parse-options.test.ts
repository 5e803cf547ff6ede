import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-errors';
import { choiceOption, numberOption, parseOptions, requiredString } from './parse-options';

const options = { evs: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseOptions', () => {
  it('parses string and boolean options and accepts --help', () => {
    expect(parseOptions({ command: 'x', args: ['--evs', '5', '--json'], options })).toMatchObject({ evs: '5', json: true });
    expect(parseOptions({ command: 'x', args: ['-h'], options }).help).toBe(true);
  });

  it('error: an unknown option is a usage error naming the option', () => {
    expect(() => parseOptions({ command: 'x', args: ['--nope'], options })).toThrow(UsageError);
    expect(() => parseOptions({ command: 'x', args: ['--nope'], options })).toThrow(/--nope/);
  });

  it('error: a stray positional argument is a usage error', () => {
    expect(() => parseOptions({ command: 'x', args: ['oops'], options })).toThrow(/unexpected argument "oops"/);
  });

  it('error: a string option without its value is a usage error', () => {
    expect(() => parseOptions({ command: 'x', args: ['--evs'], options })).toThrow(UsageError);
  });
});

describe('numberOption', () => {
  it('returns the number, or the default when absent', () => {
    expect(numberOption({ values: { evs: '200' }, name: 'evs', command: 'x', integer: true, min: 1 })).toBe(200);
    expect(numberOption({ values: {}, name: 'evs', command: 'x', defaultValue: 7 })).toBe(7);
  });

  it.each([['abc'], ['NaN'], ['Infinity'], [''], ['1.5'], ['0']])('error: rejects "%s" for a positive integer option', (raw) => {
    expect(() => numberOption({ values: { evs: raw }, name: 'evs', command: 'x', integer: true, min: 1 })).toThrow(/--evs expects an integer ≥ 1/);
  });
});

describe('choiceOption and requiredString', () => {
  it('accepts a listed choice and falls back to the default', () => {
    expect(choiceOption({ values: { f: 'acn' }, name: 'f', command: 'x', choices: ['acn', 'csv'] })).toBe('acn');
    expect(choiceOption({ values: {}, name: 'f', command: 'x', choices: ['acn', 'csv'], defaultValue: 'csv' })).toBe('csv');
  });

  it('error: an unlisted choice names the allowed values', () => {
    expect(() => choiceOption({ values: { f: 'xml' }, name: 'f', command: 'x', choices: ['acn', 'csv'] })).toThrow(/one of acn\|csv, got "xml"/);
  });

  it('error: a missing required option is a usage error', () => {
    expect(() => requiredString({ values: {}, name: 'site', command: 'replay' })).toThrow(/--site is required/);
  });
});
