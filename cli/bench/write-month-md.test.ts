import { describe, expect, it } from 'vitest';
import type { MonthRow, Section } from './bench-results';
import { writeMonthMd } from './write-month-md';

const machine = { cpuModel: 'test CPU', cores: 2, memoryGiB: 8, node: 'v20', platform: 'linux', dateIso: '2026-12-05T00:00:00Z' };
const row = (strategy: string, energyDeliveredPct: number, wallMs: number, extra: Partial<MonthRow> = {}): MonthRow => ({
  dataset: 'generated month',
  limit: 'tight',
  rootLimitKw: 30,
  slotMinutes: 15,
  strategy,
  command: `greenslot simulate --strategy ${strategy}`,
  wallMs,
  sessions: 860,
  gates: 2880,
  solverCalls: 1500,
  energyDeliveredPct,
  deliveredKWh: 6000,
  violationsKwSlots: 0,
  solveMsP50: 5,
  solveMsMax: 400,
  gateWallMsMax: 450,
  fallbackGates: 0,
  maxRssMb: 200,
  cpuS: wallMs / 4000,
  ...extra
});
const section = (rows: MonthRow[]): Section<MonthRow> => ({ ranAtIso: '2026-12-05T00:00:00Z', machine, rows });

describe('writeMonthMd', () => {
  it('shows each run with its gap to the offline optimum of the same dataset, slot length and limit, and the figure before', () => {
    const md = writeMonthMd({
      month: section([row('offline', 97.9, 20_000), row('optimal', 97.8, 100_000)]),
      before: section([row('optimal', 97.7, 600_000, { error: 'killed at 600 s', energyDeliveredPct: null })])
    }).join('\n');
    expect(md).toContain('## 6. Month scale (issue 11)');
    expect(md).toMatch(/\| optimal \| 100 \| 25 \| > 600 \(killed at 600 s\) \| 97\.8 \| – \| -0\.1 \|/);
    expect(md).toContain('15-min gates, `optimal`, ≤ 30 s (CPU): 15 min tight 25 s → met');
    expect(md).toContain('15-min gates, `optimal`, ≤ 30 s (wall): 15 min tight 100 s → **not met**');
  });

  it('says the part has not run yet when there are no rows', () => {
    expect(writeMonthMd({}).join('\n')).toContain('_Not run yet');
  });
});
