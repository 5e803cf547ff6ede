import { describe, expect, it } from 'vitest';
import type { BenchResults } from './bench-results';
import { machineInfo } from './machine-info';
import { writeBenchmarksMd } from './write-benchmarks-md';

const machine = machineInfo({ now: new Date('2026-11-26T00:05:00Z') });

describe('writeBenchmarksMd', () => {
  it('renders the scaling table with the GLPK/HiGHS ratio and the machine line', () => {
    const results: BenchResults = {
      scaling: {
        ranAtIso: '2026-11-26T00:05:00Z',
        machine,
        rows: [
          { evs: 100, slots: 96, solver: 'highs', reps: 5, repeat: 9, firstSolveMsMedian: 100, buildMsMedian: 10, solveMsMedian: 50, totalMsMedian: 60, maxRssMbMedian: 90, lpTextMs: 7, status: 'optimal', objective: 1, variables: 9600, constraints: 500 },
          { evs: 100, slots: 96, solver: 'glpk', reps: 3, repeat: 9, firstSolveMsMedian: 200, buildMsMedian: 10, solveMsMedian: 500, totalMsMedian: 510, maxRssMbMedian: 95, lpTextMs: null, status: 'optimal', objective: 1, variables: 9600, constraints: 500 }
        ]
      }
    };
    const md = writeBenchmarksMd({ results });
    expect(md).toContain('| 100 | 9600 | 500 | 5 | 9 | 10 | 50 | 60 | 7 | 90 | 500 | 10× | 2× | optimal / optimal |');
    expect(md).toContain(machine.cpuModel);
    expect(md).toContain('## 2. Quality on real sessions vs the offline optimum\n\n_Not run yet._');
  });

  it('says when a section was skipped for lack of data', () => {
    const md = writeBenchmarksMd({ results: { quality: { ranAtIso: 'x', machine, rows: [], skipped: 'no data' } } });
    expect(md).toContain('_Skipped: no data_');
  });

  it('renders the browser runs with wall time and the longest main-thread pause, and no size for a run without a file', () => {
    const md = writeBenchmarksMd({
      results: {
        browser: {
          ranAtIso: 'x',
          machine,
          rows: [
            { name: 'import: session log CSV, 200,000 sessions', sizeMb: 11.9, rows: 200000, wallMsMedian: 20000, maxGapMsMedian: 189, maxGapMsMax: 199, repetitions: 3 },
            { name: 'strategy comparison', sizeMb: null, rows: 8, wallMsMedian: 22200, maxGapMsMedian: 133, maxGapMsMax: 152, repetitions: 3 }
          ]
        }
      }
    });
    expect(md).toContain('## 5. In the browser: large imports and the strategy comparison');
    expect(md).toContain('| import: session log CSV, 200,000 sessions | 11.9 | 200000 | 20 | 189 / 199 | 3 |');
    expect(md).toContain('| strategy comparison | – | 8 | 22.2 | 133 / 152 | 3 |');
  });
});
