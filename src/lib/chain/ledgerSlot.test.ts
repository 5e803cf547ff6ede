import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { ledgerSlot, ledgerSlotLabel, receiptLedgerSlot } from './ledgerSlot';

describe('ledgerSlot', () => {
  it('keys a slot by its start minute since the Unix epoch', () => {
    expect(ledgerSlot({ startMs: Date.UTC(2026, 10, 25, 7) })).toBe(29_926_500);
    expect(ledgerSlotLabel({ slot: 29_926_500n })).toBe('2026-11-25 07:00 UTC');
  });

  it('gives the same slot number of two days different keys, and the same instant the same key', () => {
    const today = { timelineStartMs: Date.UTC(2026, 10, 25), slotMinutes: 15 };
    const tomorrow = { timelineStartMs: Date.UTC(2026, 10, 26), slotMinutes: 15 };
    expect(receiptLedgerSlot({ receipt: today, slot: 28 })).not.toBe(receiptLedgerSlot({ receipt: tomorrow, slot: 28 }));
    expect(receiptLedgerSlot({ receipt: today, slot: 96 + 28 })).toBe(receiptLedgerSlot({ receipt: tomorrow, slot: 28 }));
  });

  it('error: a slot start off the whole minute is refused', () => {
    expect(() => ledgerSlot({ startMs: 90_500 })).toThrow(ValidationError);
  });
});
