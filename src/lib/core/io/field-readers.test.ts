import { describe, expect, it } from 'vitest';
import { parseIsoDateTime, parseRfc1123, patternReader, readFiniteNumber } from './field-readers';

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

describe('date readers', () => {
  it('reads RFC 1123 GMT dates as used by ACN-Data', () => {
    expect(parseRfc1123('Wed, 25 Apr 2018 11:08:04 GMT')).toBe(Date.UTC(2018, 3, 25, 11, 8, 4));
  });

  it('error: rejects malformed or impossible RFC 1123 dates', () => {
    expect(parseRfc1123('2018-04-25T11:08:04Z')).toBeUndefined();
    expect(parseRfc1123('Wed, 31 Apr 2018 11:08:04 GMT')).toBeUndefined();
    expect(parseRfc1123(1524654484000)).toBeUndefined();
  });

  it('reads ISO 8601 with Z, an offset, or (zone-less) in the given time zone', () => {
    expect(parseIsoDateTime('2015-06-29T21:39:09Z')).toBe(Date.UTC(2015, 5, 29, 21, 39, 9));
    expect(parseIsoDateTime('2015-06-29T23:39:09+02:00')).toBe(Date.UTC(2015, 5, 29, 21, 39, 9));
    expect(parseIsoDateTime('2015-06-29T21:39:09.250Z')).toBe(Date.UTC(2015, 5, 29, 21, 39, 9, 250));
    expect(parseIsoDateTime('2015-06-29 23:39', { timeZone: 'Europe/Amsterdam' })).toBe(Date.UTC(2015, 5, 29, 21, 39));
    expect(parseIsoDateTime('2015-06-29T23:39:09')).toBeUndefined();
    expect(parseIsoDateTime('2015-02-30T00:00:00Z')).toBeUndefined();
  });

  it('reads custom local patterns such as Trondheim’s DD.MM.YYYY HH:mm', () => {
    const read = patternReader('DD.MM.YYYY HH:mm');
    expect(read('21.12.2018 10:20', 'Europe/Oslo')).toBe(Date.UTC(2018, 11, 21, 9, 20));
    expect(read('1.2.2019 7:05', 'Europe/Oslo')).toBe(Date.UTC(2019, 1, 1, 6, 5));
    expect(read('32.12.2018 10:20', 'Europe/Oslo')).toBeUndefined();
    expect(read('21/12/2018 10:20', 'Europe/Oslo')).toBeUndefined();
  });
});
