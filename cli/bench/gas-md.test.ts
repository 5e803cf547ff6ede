import { describe, expect, it } from 'vitest';
import { gasSectionMd } from './gas-md';
import { machineInfo } from './machine-info';

describe('gasSectionMd', () => {
  it('renders one row per scenario with gas per session and the share of v1', () => {
    const md = gasSectionMd({
      heading: '## Gas',
      section: {
        ranAtIso: '2026-12-05T02:00:00Z',
        machine: machineInfo({ now: new Date('2026-12-05T02:00:00Z') }),
        rows: [
          { scenario: 'v1 attestSession', ledger: 'v1', sessionsPerAnchor: null, txs: 100, gasPerTx: 298_598, gasPerSession: 298_598, pctOfV1: 100, minGas: 298_583, maxGas: 298_607, includes: 'whole tx' },
          { scenario: 'v2 anchor', ledger: 'v2', sessionsPerAnchor: 100, txs: 1, gasPerTx: 95_240, gasPerSession: 952.4, pctOfV1: 0.319, minGas: 95_240, maxGas: 95_240, includes: 'anchor ÷ N' }
        ],
        notes: ['Target met.']
      }
    }).join('\n');
    expect(md).toContain('| v1 attestSession | – | 100 | 298,598 | 298,598 | 100.0 % | 298,583–298,607 | whole tx |');
    expect(md).toContain('| v2 anchor | 100 | 1 | 95,240 | 952 | 0.32 % | 95,240 | anchor ÷ N |');
    expect(md).toContain('- Target met.');
  });

  it('says how to run it when the section is missing', () => {
    expect(gasSectionMd({ heading: '## Gas', section: undefined }).join('\n')).toContain('_Not run yet (`npm run bench -- --only gas`)._');
  });
});
