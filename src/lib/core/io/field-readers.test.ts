import { describe, expect, it } from 'vitest';
import { readFiniteNumber, readTimestamp } from './field-readers';

describe('readFiniteNumber', () => {
  it('reads numbers and plain decimal strings, with an optional decimal comma', () => {
    expect(readFiniteNumber(7.5)).toBe(7.5);
    expect(readFiniteNumber(' 12.76 ')).toBe(12.76);
    expect(readFiniteNumber('29,87', { decimalComma: true })).toBe(29.87);
    expect(readFiniteNumber('1.234,5', { decimalComma: true })).toBe(1234.5);
  });

  it('error: never lets NaN, Infinity, blanks, dashes or hex through', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, 'NaN', 'Infinity', '', '   -   ', '0x10', '1e400', null, undefined, {}]) {
      expect(readFiniteNumber(v)).toBeUndefined();
    }
  });
});

describe('readTimestamp', () => {
  it('reads a field through the one timestamp parser: RFC 1123, ISO with zone, local patterns', () => {
    expect(readTimestamp('Wed, 25 Apr 2018 11:08:04 GMT', { requireZone: true })).toEqual({ ms: Date.UTC(2018, 3, 25, 11, 8, 4) });
    expect(readTimestamp('2015-06-29T23:39:09+02:00')).toEqual({ ms: Date.UTC(2015, 5, 29, 21, 39, 9) });
    expect(readTimestamp('2015-06-29 23:39', { timeZone: 'Europe/Amsterdam' })).toEqual({ ms: Date.UTC(2015, 5, 29, 21, 39) });
    expect(readTimestamp('1.2.2019 7:05', { pattern: 'DD.MM.YYYY HH:mm', timeZone: 'Europe/Oslo' })).toEqual({ ms: Date.UTC(2019, 1, 1, 6, 5) });
    expect(readTimestamp(undefined)).toEqual({ ms: undefined });
  });

  it('error: says why a field is not a time (impossible date, no zone where one is required, wrong pattern)', () => {
    expect(readTimestamp('Wed, 31 Apr 2018 11:08:04 GMT').problem).toContain('day 31 does not exist in Apr 2018');
    expect(readTimestamp('2018-04-25 15:00', { requireZone: true }).problem).toContain('has no time zone');
    expect(readTimestamp('21/12/2018 10:20', { pattern: 'DD.MM.YYYY HH:mm' }).problem).toContain('does not match the pattern');
    expect(readTimestamp(1524654484000, { epoch: 'none' }).problem).toContain('expected a date-time text');
  });
});
