import type { MonthRow, Section } from './bench-results';
import { round } from './stats';

const fmt = (v: number | null | undefined, d = 1) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : String(round(v, d)));

const keyOf = (r: MonthRow) => `${r.dataset}|${r.slotMinutes}|${r.limit}|${r.strategy}`;

/** Issue 11's month-scale targets, checked on the rows of `optimal` and `offline`. */
function monthTargets(rows: readonly MonthRow[]): string[] {
  const optimal = rows.filter((r) => r.strategy === 'optimal' && r.dataset.startsWith('generated') && !r.error);
  const offline = rows.filter((r) => r.strategy === 'offline' && r.dataset.startsWith('generated') && !r.error);
  const line = (what: string, list: MonthRow[], limitS: number, measure: (r: MonthRow) => number | null | undefined, unit = 's') =>
    list.length === 0
      ? `- ${what}: not measured`
      : `- ${what}: ${list.map((r) => `${r.slotMinutes} min ${r.limit} ${fmt(measure(r), 1)} ${unit}`).join(', ')} → ${list.every((r) => (measure(r) ?? Infinity) <= limitS) ? 'met' : '**not met**'}`;
  const at15 = optimal.filter((r) => r.slotMinutes === 15);
  const at5 = optimal.filter((r) => r.slotMinutes === 5);
  return [
    '**Targets (issue 11), generated month; wall = spawn to exit on this shared machine, CPU = the process\'s own CPU time:**',
    line('15-min gates, `optimal`, ≤ 30 s (wall)', at15, 30, (r) => r.wallMs / 1000),
    line('15-min gates, `optimal`, ≤ 30 s (CPU)', at15, 30, (r) => r.cpuS),
    line('5-min gates, `optimal`, ≤ 90 s (wall)', at5, 90, (r) => r.wallMs / 1000),
    line('5-min gates, `optimal`, ≤ 90 s (CPU)', at5, 90, (r) => r.cpuS),
    line('no gate over 1 s (slowest gate end to end, wall)', optimal, 1000, (r) => r.gateWallMsMax, 'ms'),
    line('offline optimum ≤ 60 s (wall)', offline, 60, (r) => r.wallMs / 1000),
    line('offline optimum ≤ 60 s (CPU)', offline, 60, (r) => r.cpuS)
  ];
}

/** The month part of BENCHMARKS.md: now, before issue 11's speed work, and the gap to the offline optimum. */
export function writeMonthMd({ month, before }: { month?: Section<MonthRow>; before?: Section<MonthRow> }): string[] {
  const out = ['## 6. Month scale (issue 11)', ''];
  if (!month) return [...out, '_Not run yet (`npm run bench -- --only month`)._', ''];
  const m = month.machine;
  out.push(`_Ran ${month.ranAtIso} on ${m.cpuModel}, ${m.cores} logical cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform})._`, '');
  out.push(
    'Whole runs through the CLI in a fresh process (spawn to exit). `gap` = energy delivered minus the offline optimum of the same dataset, slot length and limit, percentage points. `before` = the same run on the code before issue 11 (commit b2a664f; a run killed at its cap shows `>` the cap). The machine was shared with other jobs (load average 6–18 on 2 cores during these runs), so wall time is up to several times CPU time; CPU time is the process\'s own. EDF and the offline optimum deliver a little more than before: a car whose battery accepts less than the EVSE minimum now charges at its acceptance (issue 10), and the offline optimum is an LP. `–` before = not measured.',
    ''
  );
  const beforeBy = new Map((before?.rows ?? []).map((r) => [keyOf(r), r]));
  const offlineOf = (r: MonthRow) => month.rows.find((o) => o.strategy === 'offline' && o.dataset === r.dataset && o.slotMinutes === r.slotMinutes && o.limit === r.limit);
  const wallOf = (r: MonthRow | undefined) => (!r ? '–' : r.error ? `> ${fmt(r.wallMs / 1000, 0)} (${r.error})` : fmt(r.wallMs / 1000, 1));
  const header = ['dataset', 'slot min', 'limit', 'root kW', 'strategy', 'wall s', 'CPU s', 'before wall s', 'energy %', 'before energy %', 'gap pts', 'violations kW·slot', 'solve p50 ms', 'solve max ms', 'slowest gate ms', 'solver calls', 'sessions'];
  const rows = month.rows.map((r) => {
    const b = beforeBy.get(keyOf(r));
    const off = offlineOf(r);
    const gap = r.energyDeliveredPct !== null && off?.energyDeliveredPct !== null && off?.energyDeliveredPct !== undefined ? r.energyDeliveredPct - off.energyDeliveredPct : null;
    return [
      r.dataset,
      r.slotMinutes,
      r.limit,
      r.rootLimitKw,
      r.strategy,
      wallOf(r),
      fmt(r.cpuS, 1),
      wallOf(b),
      fmt(r.energyDeliveredPct, 2),
      fmt(b?.energyDeliveredPct, 2),
      fmt(gap, 2),
      fmt(r.violationsKwSlots, 1),
      fmt(r.solveMsP50, 1),
      fmt(r.solveMsMax, 0),
      fmt(r.gateWallMsMax, 0),
      r.solverCalls ?? '–',
      r.sessions ?? '–'
    ];
  });
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  out.push(line(header), line(header.map(() => '---')), ...rows.map(line), '');
  out.push(...monthTargets(month.rows), '');
  if (month.notes?.length) out.push(...month.notes.map((n) => `- ${n}`), '');
  return out;
}
