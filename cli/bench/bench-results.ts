import type { MachineInfo } from './machine-info';
import type { BrowserBenchRow } from './browser-bench';
import type { GlpsolRun } from './native-glpsol';
import type { ScalingRow } from './scaling';

/** One strategy on one dataset at one transformer limit, with its gap to the offline optimum. */
export type QualityRow = {
  dataset: string;
  limit: 'tight' | 'loose';
  rootLimitKw: number;
  strategy: string;
  energyDeliveredPct: number;
  demandsMetPct: number;
  peakKw: number;
  greenSharePct: number;
  violationsKwSlots: number;
  solveMsP50: number;
  /** energyDeliveredPct − the offline optimum's, percentage points (negative = worse). */
  energyGapToOfflinePts: number;
  sessions: number;
  /** Gates with a plugged-in session (the same for every strategy; see Metrics.gates). */
  gates: number;
  /** Gates at which the scheduler was called (differs per strategy; absent in older results). */
  solverCalls?: number;
  /** Gates whose solver hit its time limit (best incumbent used). */
  timeLimitGates: number;
  /** Gates that fell back to EDF. */
  fallbackGates: number;
  wallMs: number;
};

/** A wall-time run (full-day simulation, month replay). */
export type WallTimeRow = {
  name: string;
  command: string;
  wallMs: number;
  sessions: number | null;
  gates: number | null;
  energyDeliveredPct: number | null;
  solveMsP50: number | null;
  solveMsMax: number | null;
  maxRssMb: number | null;
  error?: string;
};

/** A month-scale run (issue 11): one dataset, limit, slot length and strategy, timed from spawn to exit. */
export type MonthRow = {
  dataset: string;
  limit: 'tight' | 'loose';
  rootLimitKw: number;
  slotMinutes: number;
  strategy: string;
  command: string;
  wallMs: number;
  sessions: number | null;
  gates: number | null;
  solverCalls: number | null;
  energyDeliveredPct: number | null;
  deliveredKWh: number | null;
  violationsKwSlots: number | null;
  solveMsP50: number | null;
  solveMsMax: number | null;
  /** Slowest gate end to end (build + solve + extraction), ms. */
  gateWallMsMax: number | null;
  fallbackGates: number | null;
  maxRssMb: number | null;
  /** CPU time of the run's process, s (absent in runs of the code before issue 11). */
  cpuS?: number | null;
  error?: string;
};

/** A benchmark section with when it ran (sections can be re-run alone with --only). */
export type Section<T> = { ranAtIso: string; machine: MachineInfo; rows: T[]; skipped?: string; notes?: string[]; glpsol?: GlpsolRun[] };

/** Everything `npm run bench` records in bench/results.json. */
export type BenchResults = {
  scaling?: Section<ScalingRow>;
  quality?: Section<QualityRow>;
  wallTime?: Section<WallTimeRow>;
  browser?: Section<BrowserBenchRow>;
  month?: Section<MonthRow>;
  /** The month part as measured on the code before issue 11's speed work (kept for the before/after table). */
  monthBefore?: Section<MonthRow>;
};
