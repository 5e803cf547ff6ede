import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BaseError } from '../errors';
import {
  gateClosureMs,
  gateForRequest,
  sessionWindow,
  slotEndMs,
  slotHours,
  slotOfMs,
  slotStartMs
} from './gates';

const T0 = Date.UTC(2026, 10, 25, 0, 0, 0);
const tl15 = { startMs: T0, slotMinutes: 15 };
const tl5 = { startMs: T0, slotMinutes: 5 };
const MIN = 60_000;

describe('slot arithmetic', () => {
  it('maps instants to slots with inclusive start and exclusive end', () => {
    expect(slotOfMs({ timeline: tl15, ms: T0 })).toBe(0);
    expect(slotOfMs({ timeline: tl15, ms: T0 + 15 * MIN - 1 })).toBe(0);
    expect(slotOfMs({ timeline: tl15, ms: T0 + 15 * MIN })).toBe(1);
    expect(slotOfMs({ timeline: tl15, ms: T0 - 1 })).toBe(-1);
  });
  it('gives slot boundaries and the slot length in hours', () => {
    expect(slotStartMs({ timeline: tl15, slot: 3 })).toBe(T0 + 45 * MIN);
    expect(slotEndMs({ timeline: tl15, slot: 3 })).toBe(T0 + 60 * MIN);
    expect(slotHours(tl15)).toBe(0.25);
    expect(slotHours(tl5)).toBeCloseTo(1 / 12, 12);
  });
  it('puts gate closure one minute before the slot ends, for 15- and 5-minute slots', () => {
    expect(gateClosureMs({ timeline: tl15, slot: 0 })).toBe(T0 + 14 * MIN);
    expect(gateClosureMs({ timeline: tl5, slot: 2 })).toBe(T0 + 14 * MIN);
    expect(gateClosureMs({ timeline: tl5, slot: 0 })).toBe(T0 + 4 * MIN);
  });
  it('round-trips slot starts through slotOfMs for any slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom(tl5, tl15), (slot, timeline) => {
        const start = slotStartMs({ timeline, slot });
        expect(slotOfMs({ timeline, ms: start })).toBe(slot);
        expect(slotOfMs({ timeline, ms: slotEndMs({ timeline, slot }) - 1 })).toBe(slot);
      })
    );
  });
  it('error: rejects slot lengths other than 5 and 15 minutes', () => {
    expect(() => slotHours({ startMs: T0, slotMinutes: 10 })).toThrow(BaseError);
    expect(() => slotOfMs({ timeline: { startMs: T0, slotMinutes: 60 }, ms: T0 })).toThrow(/slotMinutes must be one of 5, 15/);
  });
  it('error: rejects a non-finite start or instant', () => {
    expect(() => slotOfMs({ timeline: { startMs: Number.NaN, slotMinutes: 15 }, ms: T0 })).toThrow(BaseError);
    expect(() => slotOfMs({ timeline: tl15, ms: Number.POSITIVE_INFINITY })).toThrow(BaseError);
  });
});

describe('gateForRequest', () => {
  it('optimizes a request 1 ms before gate closure at its own gate and charges from the next slot', () => {
    expect(gateForRequest({ timeline: tl15, requestMs: T0 + 14 * MIN - 1 })).toEqual({ gateSlot: 0, firstChargeSlot: 1, late: false });
  });
  it('treats a request exactly at gate closure as late: next gate, charges two slots on', () => {
    expect(gateForRequest({ timeline: tl15, requestMs: T0 + 14 * MIN })).toEqual({ gateSlot: 1, firstChargeSlot: 2, late: true });
  });
  it('treats the last millisecond of a slot as late too, and the next slot start as on time', () => {
    expect(gateForRequest({ timeline: tl15, requestMs: T0 + 15 * MIN - 1 })).toEqual({ gateSlot: 1, firstChargeSlot: 2, late: true });
    expect(gateForRequest({ timeline: tl15, requestMs: T0 + 15 * MIN })).toEqual({ gateSlot: 1, firstChargeSlot: 2, late: false });
  });
  it('applies the same one-minute rule to 5-minute slots at both edges', () => {
    expect(gateForRequest({ timeline: tl5, requestMs: T0 + 4 * MIN - 1 })).toEqual({ gateSlot: 0, firstChargeSlot: 1, late: false });
    expect(gateForRequest({ timeline: tl5, requestMs: T0 + 4 * MIN })).toEqual({ gateSlot: 1, firstChargeSlot: 2, late: true });
  });
  it('always charges strictly after the request and at most two slots after its slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e10 }), fc.constantFrom(tl5, tl15), (offset, timeline) => {
        const requestMs = T0 + offset;
        const { gateSlot, firstChargeSlot, late } = gateForRequest({ timeline, requestMs });
        const k = slotOfMs({ timeline, ms: requestMs });
        expect(firstChargeSlot).toBe(gateSlot + 1);
        expect(gateSlot).toBe(late ? k + 1 : k);
        // The gate is never before the request.
        expect(gateClosureMs({ timeline, slot: gateSlot })).toBeGreaterThan(requestMs);
        expect(slotStartMs({ timeline, slot: firstChargeSlot })).toBeGreaterThan(requestMs);
      })
    );
  });
});

describe('sessionWindow', () => {
  it('starts at the first charge slot when the car is already there', () => {
    const w = sessionWindow({ timeline: tl15, requestMs: T0 + 5 * MIN, arrivalMs: T0 + 5 * MIN, departureMs: T0 + 120 * MIN });
    expect(w).toEqual({ startSlot: 1, endSlot: 8 });
  });
  it('starts at the first slot beginning at or after a later arrival', () => {
    expect(sessionWindow({ timeline: tl15, requestMs: T0, arrivalMs: T0 + 31 * MIN, departureMs: T0 + 120 * MIN }).startSlot).toBe(3);
    expect(sessionWindow({ timeline: tl15, requestMs: T0, arrivalMs: T0 + 30 * MIN, departureMs: T0 + 120 * MIN }).startSlot).toBe(2);
  });
  it('ends at the slot containing departure, or at the boundary when departure is exactly on it', () => {
    expect(sessionWindow({ timeline: tl15, requestMs: T0, arrivalMs: T0, departureMs: T0 + 119 * MIN }).endSlot).toBe(7);
    expect(sessionWindow({ timeline: tl15, requestMs: T0, arrivalMs: T0, departureMs: T0 + 120 * MIN }).endSlot).toBe(8);
  });
  it('waits one more slot for a late request', () => {
    const w = sessionWindow({ timeline: tl15, requestMs: T0 + 14 * MIN, arrivalMs: T0, departureMs: T0 + 120 * MIN });
    expect(w.startSlot).toBe(2);
  });
  it('returns an empty window (endSlot = startSlot) when departure comes before the first charge slot', () => {
    const w = sessionWindow({ timeline: tl15, requestMs: T0 + 10 * MIN, arrivalMs: T0, departureMs: T0 + 16 * MIN });
    expect(w).toEqual({ startSlot: 1, endSlot: 1 });
  });
  it('only uses whole slots between arrival and departure, never before the gate allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.constantFrom(tl5, tl15),
        (req, arrDelta, stay, timeline) => {
          const requestMs = T0 + req;
          const arrivalMs = requestMs + arrDelta;
          const departureMs = arrivalMs + stay;
          const { startSlot, endSlot } = sessionWindow({ timeline, requestMs, arrivalMs, departureMs });
          expect(endSlot).toBeGreaterThanOrEqual(startSlot);
          expect(startSlot).toBeGreaterThanOrEqual(gateForRequest({ timeline, requestMs }).firstChargeSlot);
          if (endSlot > startSlot) {
            expect(slotStartMs({ timeline, slot: startSlot })).toBeGreaterThanOrEqual(arrivalMs);
            expect(slotEndMs({ timeline, slot: endSlot - 1 })).toBeLessThanOrEqual(departureMs);
          }
        }
      )
    );
  });
});
