import type { BenchResults, QualityRow, Section } from './bench-results';
import { gasSectionMd } from './gas-md';
import type { GasBenchResults } from './gas-results';
import type { ScalingRow } from './scaling';
import { round } from './stats';
import { writeMonthMd } from './write-month-md';

function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function machineLine(section: Section<unknown>): string {
  const m = section.machine;
  return `_Ran ${section.ranAtIso} on ${m.cpuModel}, ${m.cores} logical cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform})._`;
}

const fmt = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : String(round(v, d)));

const verdict = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : '**not met**');

/** Issue 2's scaling targets, checked against the medians (build + solve per gate). */
function scalingTargets(rows: readonly ScalingRow[]): string[] {
  const highs = (evs: number) => rows.find((r) => r.solver === 'highs' && r.evs === evs && r.reps > 0);
  const glpk = (evs: number) => rows.find((r) => r.solver === 'glpk' && r.evs === evs && r.reps > 0);
  const at = (evs: number, limitMs: number) => {
    const h = highs(evs);
    return `${evs.toLocaleString('en')} EVs ≤ ${limitMs / 1000} s per gate: ${h ? `${fmt(h.totalMsMedian, 0)} ms → ${verdict(h.totalMsMedian <= limitMs)}` : verdict(null)}`;
  };
  const ratios = rows
    .filter((r) => r.solver === 'highs' && r.reps > 0)
    .map((h) => ({ evs: h.evs, g: glpk(h.evs), h }))
    .filter((x) => x.g && x.h.solveMsMedian > 0)
    .map((x) => `${x.evs}: ${round((x.g as ScalingRow).solveMsMedian / x.h.solveMsMedian, 1)}×${(x.g as ScalingRow).capped ? ' (GLPK capped)' : ''}`);
  const allFast = ratios.length > 0 && rows.filter((r) => r.solver === 'highs' && r.reps > 0).every((h) => {
    const g = glpk(h.evs);
    return !g || g.solveMsMedian / h.solveMsMedian >= 3;
  });
  return [
    '**Targets (issue 2):**',
    `- ${at(1000, 1000)}`,
    `- ${at(5000, 10_000)}`,
    `- HiGHS ≥ 3× faster than GLPK (solve): ${ratios.length ? `${ratios.join(', ')} → ${verdict(allFast)} (needs ≥ 3× at every size)` : verdict(null)}`
  ];
}

/** Issue 2's quality target per dataset and limit: the optimizer within 1 point of offline and never below EDF/LLF. */
function qualityTargets(rows: readonly QualityRow[]): string[] {
  const out = ['**Targets (issue 2): optimizer within 1 point of the offline optimum and not below EDF/LLF (energy delivered):**'];
  const groups = [...new Set(rows.map((r) => `${r.dataset}|${r.limit}`))];
  for (const g of groups) {
    const [dataset, limit] = g.split('|');
    const inGroup = rows.filter((r) => r.dataset === dataset && r.limit === limit);
    const best = Math.max(...inGroup.filter((r) => r.strategy === 'edf' || r.strategy === 'llf').map((r) => r.energyDeliveredPct));
    const parts = inGroup
      .filter((r) => r.strategy.startsWith('optimal'))
      .map((r) => `${r.strategy} gap ${fmt(r.energyGapToOfflinePts, 2)} pts, ${r.energyDeliveredPct >= best - 0.01 ? 'not below (±0.01)' : `${fmt(best - r.energyDeliveredPct, 2)} pts below`} EDF/LLF → ${verdict(r.energyGapToOfflinePts >= -1 && r.energyDeliveredPct >= best - 0.01)}`);
    out.push(`- ${dataset}, ${limit}: ${parts.join('; ')}`);
  }
  return out;
}

/** Render bench/results.json as the BENCHMARKS.md page (written by `npm run bench`, not by hand). */
export function writeBenchmarksMd({ results }: { results: BenchResults & GasBenchResults }): string {
  const out: string[] = [
    '# GreenSlot benchmarks',
    '',
    'Written by `npm run bench` (cli/bench/run-all.ts) from `bench/results.json`; do not edit by hand.',
    'Re-run one part with `npm run bench -- --only scaling|quality|walltime|gas|browser|month`.',
    ''
  ];

  const s = results.scaling;
  out.push('## 1. Optimizer scaling (one gate, N active EVs × 96 slots, 3-level tree with PV and base load)', '');
  if (!s) out.push('_Not run yet._', '');
  else {
    out.push(machineLine(s), '');
    out.push(
      'Each repetition runs `greenslot bench` in a fresh Node process; times are medians over the repetitions. ' +
        '`build` = the LpModel as plain columnar data (HiGHS takes it through its array API; `LP text` = writing the same model as CPLEX LP text, once per size), ' +
        '`solve` = the adapter\'s solver call in steady state, as in the long-lived app worker: after a warm-up solve of a tiny gate, and for gates up to 1,000 EVs the same gate is solved `solves` times in the process and the median of the second half counts (V8 tiers WASM code up after the first calls; both solvers alike); `cold` = the ratio of the first solves. Memory = peak RSS of that process. ' +
        'Targets (issue 2): 1,000 EVs ≤ 1 s per gate (median), 5,000 ≤ 10 s, HiGHS ≥ 3× faster than GLPK.',
      ''
    );
    const highs = s.rows.filter((r) => r.solver === 'highs');
    out.push(
      table(
        ['EVs', 'vars', 'rows', 'reps', 'solves', 'HiGHS build ms', 'HiGHS solve ms', 'HiGHS total ms', 'LP text ms', 'peak RSS MB', 'GLPK solve ms', 'GLPK / HiGHS solve', 'cold GLPK / HiGHS', 'status (HiGHS / GLPK)'],
        highs.map((h) => {
          const g = s.rows.find((r) => r.solver === 'glpk' && r.evs === h.evs);
          const ratio = g && g.reps > 0 && h.solveMsMedian > 0 ? `${round(g.solveMsMedian / h.solveMsMedian, 1)}×${g.capped ? ' (GLPK capped: ≥)' : ''}` : '–';
          return [
            h.evs,
            h.variables ?? '–',
            h.constraints ?? '–',
            h.reps,
            h.repeat ?? 1,
            fmt(h.buildMsMedian),
            fmt(h.solveMsMedian),
            fmt(h.totalMsMedian),
            fmt(h.lpTextMs),
            fmt(h.maxRssMbMedian, 0),
            g ? (g.reps > 0 ? fmt(g.solveMsMedian) : 'not solved') : '–',
            ratio,
            g && h.firstSolveMsMedian && g.firstSolveMsMedian ? `${round(g.firstSolveMsMedian / h.firstSolveMsMedian, 1)}×` : '–',
            `${h.status}${h.capped ? ` (${h.capped})` : ''} / ${g ? `${g.status}${g.capped ? ` (${g.capped})` : ''}` : '–'}`
          ];
        })
      ),
      ''
    );
    if (s.glpsol?.length) {
      out.push('Native GLPK (`glpsol --lp`, Debian glpk-utils) on the written LP files — the same models outside WASM; the objective must match HiGHS\'s:', '');
      out.push(
        table(
          ['EVs', 'glpsol wall ms', 'status', 'objective', 'HiGHS objective'],
          s.glpsol.map((g) => [g.evs, fmt(g.wallMs, 0), g.status, g.objective === null ? '–' : String(g.objective), String(s.rows.find((r) => r.solver === 'highs' && r.evs === g.evs)?.objective ?? '–')])
        ),
        ''
      );
    }
    out.push(...scalingTargets(s.rows), '');
    if (s.notes?.length) out.push(...s.notes.map((n) => `- ${n}`), '');
  }

  const q = results.quality;
  out.push('## 2. Quality on real sessions vs the offline optimum', '');
  if (!q) out.push('_Not run yet._', '');
  else if (q.skipped) out.push(`_Skipped: ${q.skipped}_`, '');
  else {
    out.push(machineLine(q), '');
    out.push(
      '`gap` = energy delivered minus the offline optimum (perfect foresight), percentage points. ' +
        'Target (issue 2): the optimizer within 1 point of the offline optimum and never below EDF/LLF. ' +
        '`gates` = gates whose dispatched slot has a plugged-in session (the same for every strategy); ' +
        '`solver calls` = gates at which the scheduler ran (a strategy that defers energy is called more often); solve p50 is over those calls.',
      ''
    );
    out.push(
      table(
        ['dataset', 'limit', 'root kW', 'strategy', 'energy %', 'gap pts', 'demands met %', 'peak kW', 'green %', 'violations kW·slot', 'solve p50 ms', 'sessions', 'gates', 'solver calls', 'time-limit / fallback gates', 'wall s'],
        q.rows.map((r) => [
          r.dataset,
          r.limit,
          fmt(r.rootLimitKw, 0),
          r.strategy,
          fmt(r.energyDeliveredPct, 2),
          fmt(r.energyGapToOfflinePts, 2),
          fmt(r.demandsMetPct, 1),
          fmt(r.peakKw, 1),
          fmt(r.greenSharePct, 1),
          fmt(r.violationsKwSlots, 1),
          fmt(r.solveMsP50, 1),
          r.sessions,
          r.gates,
          r.solverCalls ?? '–',
          `${r.timeLimitGates ?? 0} / ${r.fallbackGates ?? 0}`,
          fmt(r.wallMs / 1000, 1)
        ])
      ),
      ''
    );
    out.push(...qualityTargets(q.rows), '');
    if (q.notes?.length) out.push(...q.notes.map((n) => `- ${n}`), '');
  }

  const w = results.wallTime;
  out.push('## 3. Wall time of whole runs', '');
  if (!w) out.push('_Not run yet._', '');
  else if (w.skipped) out.push(`_Skipped: ${w.skipped}_`, '');
  else {
    out.push(machineLine(w), '');
    out.push(
      table(
        ['run', 'command', 'wall s', 'sessions', 'gates', 'energy %', 'solve p50 ms', 'solve max ms', 'peak RSS MB'],
        w.rows.map((r) => [r.name, `\`${r.command}\``, fmt(r.wallMs / 1000, 1), r.sessions ?? '–', r.gates ?? '–', fmt(r.energyDeliveredPct, 2), fmt(r.solveMsP50), fmt(r.solveMsMax), r.error ? `error: ${r.error}` : fmt(r.maxRssMb, 0)])
      ),
      ''
    );
    if (w.notes?.length) out.push(...w.notes.map((n) => `- ${n}`), '');
  }

  out.push(...gasSectionMd({ section: results.gas, heading: '## 4. Gas per attested session (green-claim ledger v2 vs v1, issue 9)' }));
  out.push(...browserSection(results.browser));
  out.push(...writeMonthMd({ month: results.month, before: results.monthBefore }));
  return out.join('\n');
}

// Section 5: what the e2e suite must not time, in the browser (cli/bench/browser-bench.ts).
function browserSection(s: BenchResults['browser']): string[] {
  const out = ['## 5. In the browser: large imports and the strategy comparison', ''];
  if (!s) return [...out, '_Not run yet._', ''];
  out.push(machineLine(s), '');
  out.push(
    table(
      ['run', 'MB', 'rows', 'wall s (median)', 'longest main-thread gap ms (median / max)', 'runs'],
      s.rows.map((r) => [r.name, fmt(r.sizeMb, 1), r.rows, r.error ? `error: ${r.error}` : fmt(r.wallMsMedian / 1000, 1), `${fmt(r.maxGapMsMedian, 0)} / ${fmt(r.maxGapMsMax, 0)}`, r.repetitions])
    ),
    ''
  );
  if (s.notes?.length) out.push(...s.notes.map((n) => `- ${n}`), '');
  return out;
}
