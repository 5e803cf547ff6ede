import type { Hex } from 'viem';

/** One mined transaction as persisted: replaying the journal in order rebuilds the whole chain state. */
export type JournalEntry = {
  /** Signed raw transaction (RLP, 0x-hex). */
  rawTx: Hex;
  /** Timestamp of the block it was mined in, seconds since epoch. */
  timestampSec: number;
};

/** The demo accounts' private keys (local, demo only: they hold no real value). */
export type DemoKeys = { driverKey: Hex; operatorKey: Hex };

/**
 * Persistence of the embedded chain. We persist the transaction journal (not the state trie): replay is
 * deterministic, tiny, and keeps working when the EVM library's internal state format changes.
 */
export type ChainJournal = {
  /** Stored demo keys, or undefined on first start. */
  loadKeys(): Promise<DemoKeys | undefined>;
  /** Stores the demo keys (first start only). */
  saveKeys(keys: DemoKeys): Promise<void>;
  /** All mined transactions in order. */
  loadEntries(): Promise<JournalEntry[]>;
  /** Appends one mined transaction. */
  append(entry: JournalEntry): Promise<void>;
  /** Forgets everything (a fresh demo chain on next start). */
  clear(): Promise<void>;
};

/** In-memory journal for Node tests and the CLI (state lives as long as the object). */
export function memoryJournal(): ChainJournal {
  let keys: DemoKeys | undefined;
  let entries: JournalEntry[] = [];
  return {
    loadKeys: async () => keys,
    saveKeys: async (k) => void (keys = k),
    loadEntries: async () => [...entries],
    append: async (e) => void entries.push(e),
    clear: async () => {
      keys = undefined;
      entries = [];
    }
  };
}
