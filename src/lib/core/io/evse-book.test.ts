import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EvseBook } from './evse-book';

describe('EvseBook', () => {
  it('treats sessions as half-open: one may plug in the moment the previous one leaves', () => {
    const book = new EvseBook(['A']);
    book.book('A', 0, 10);
    expect(book.isFree('A', 10, 20)).toBe(true);
    expect(book.isFree('A', 9, 20)).toBe(false);
    expect(book.isFree('B', 0, 1)).toBe(false);
  });

  it('answers out-of-order queries by scanning, the same as a brute-force check', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 10 })), { maxLength: 20 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10 }), (rows, qFrom, qLen) => {
        const book = new EvseBook(['A']);
        const booked: [number, number][] = [];
        for (const [from, len] of [...rows].sort((a, b) => a[0] - b[0])) {
          if (book.isFree('A', from, from + len)) {
            book.book('A', from, from + len);
            booked.push([from, from + len]);
          }
        }
        const brute = booked.every(([f, t]) => t <= qFrom || f >= qFrom + qLen);
        expect(book.isFree('A', qFrom, qFrom + qLen)).toBe(brute);
      })
    );
  });
});
