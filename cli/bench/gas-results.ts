import type { Section } from './bench-results';

/** One gas figure of `npm run bench -- --only gas` (gas is deterministic: one measurement, no medians). */
export type GasRow = {
  /** What was measured, e.g. 'v2 anchor' or 'v1 attestSession'. */
  scenario: string;
  ledger: 'v1' | 'v2';
  /** Receipts per anchored root (v2 anchoring rows), else null. */
  sessionsPerAnchor: number | null;
  /** Transactions the figure is averaged over. */
  txs: number;
  /** Mean total gas per transaction (receipt gasUsed). */
  gasPerTx: number;
  /** Gas attributed to one session: gasPerTx / sessionsPerAnchor for anchors, gasPerTx otherwise. */
  gasPerSession: number;
  /** gasPerSession as a percentage of v1's attestSession per session. */
  pctOfV1: number | null;
  /** Lowest and highest gasPerTx among the transactions (state-dependent costs, e.g. first write to a slot). */
  minGas: number;
  maxGas: number;
  /** What the figure includes. */
  includes: string;
};

/** The gas part of bench/results.json (kept beside BenchResults' other parts). */
export type GasBenchResults = { gas?: Section<GasRow> };
