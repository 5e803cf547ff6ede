import type { Section } from './bench-results';
import type { GasRow } from './gas-results';

const int = (v: number) => Math.round(v).toLocaleString('en');
const pct = (v: number | null) => (v === null ? '–' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} %`);

/** The BENCHMARKS.md section of the gas benchmark (rows from bench/results.json `gas`). */
export function gasSectionMd({ section, heading }: { section: Section<GasRow> | undefined; heading: string }): string[] {
  const out = [heading, ''];
  if (!section) return [...out, '_Not run yet (`npm run bench -- --only gas`)._', ''];
  const m = section.machine;
  out.push(`_Ran ${section.ranAtIso} on ${m.cpuModel}, ${m.cores} logical cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform}); gas does not depend on the machine._`, '');
  out.push(
    'GreenClaimLedger v2 (one `anchor` per gate; optional `claimWithProof` / `claim` per driver) against v1\'s per-session `attestSession` (`contracts/bench/GreenClaimLedgerV1.sol`). ' +
      '`gas / session` is what one charging session costs; `% of v1` compares it with v1\'s attestSession per session.',
    ''
  );
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  const header = ['scenario', 'sessions / anchor', 'txs', 'gas / tx', 'gas / session', '% of v1', 'min–max gas / tx', 'includes'];
  out.push(line(header), line(header.map(() => '---')));
  for (const r of section.rows) {
    out.push(line([r.scenario, r.sessionsPerAnchor === null ? '–' : r.sessionsPerAnchor.toLocaleString('en'), r.txs, int(r.gasPerTx), int(r.gasPerSession), pct(r.pctOfV1), r.minGas === r.maxGas ? int(r.minGas) : `${int(r.minGas)}–${int(r.maxGas)}`, r.includes]));
  }
  out.push('');
  if (section.notes?.length) out.push(...section.notes.map((n) => `- ${n}`), '');
  return out;
}
