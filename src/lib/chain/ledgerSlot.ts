import { ValidationError } from '../core/errors';

/** The ledger's slot unit: one minute (a ledger slot key is a slot's start in minutes since the Unix epoch). */
export const LEDGER_SLOT_MS = 60_000;

/** Parameters of {@link ledgerSlot}. */
export type LedgerSlotParameters = { startMs: number };

/**
 * The ledger's key for a slot: its start in whole minutes since the Unix epoch (UTC). The app's slot
 * numbers count from the demo day's timeline start, so slot 28 of today and of tomorrow would
 * collide on a persistent ledger; start minutes never do, whatever the slot length.
 * @example ledgerSlot({ startMs: Date.UTC(2026, 10, 25, 7) }) // 29_926_500
 */
export function ledgerSlot({ startMs }: LedgerSlotParameters): number {
  if (!Number.isInteger(startMs / LEDGER_SLOT_MS)) {
    throw new ValidationError([{ file: 'ledger', where: 'startMs', message: `expected a slot start on a whole minute, got ${startMs}` }]);
  }
  return startMs / LEDGER_SLOT_MS;
}

/** Parameters of {@link receiptLedgerSlot}. */
export type ReceiptLedgerSlotParameters = { receipt: { timelineStartMs: number; slotMinutes: number }; slot: number };

/** The ledger key of a receipt's slot (receipts count slots from their timeline start). */
export function receiptLedgerSlot({ receipt, slot }: ReceiptLedgerSlotParameters): number {
  return ledgerSlot({ startMs: receipt.timelineStartMs + slot * receipt.slotMinutes * 60_000 });
}

/** Parameters of {@link ledgerSlotLabel}. */
export type LedgerSlotLabelParameters = { slot: number | bigint };

/** A ledger slot key in words: its start time, e.g. "2026-11-25 07:00 UTC". */
export function ledgerSlotLabel({ slot }: LedgerSlotLabelParameters): string {
  const ms = Number(slot) * LEDGER_SLOT_MS;
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC` : `#${slot}`;
}
