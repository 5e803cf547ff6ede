import { SITE_LIMITS } from '../../src/lib/core/grid/site-schema';
import { EXIT, UsageError } from '../cli-errors';
import { writeLine } from '../cli-io';
import type { Command } from '../command';
import { parseSite } from '../../src/lib/core/grid/parse-site';
import { simulateChargingRequests } from '../../src/lib/core/simulation/simulate-charging-requests';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { loadMix } from '../load/load-mix';
import { loadPv } from '../load/load-pv';
import { readJsonFile } from '../load/read-json-file';
import { applySiteOverrides } from '../load/site-overrides';
import { choiceOption, numberOption, parseOptions } from '../parse-options';
import { printResult } from '../print-result';
import { createProgressBar } from '../progress-bar';
import { defaultSimulationSite } from '../run/default-simulation-site';
import { metricsOutput } from '../run/metrics-output';
import { timeOption } from '../run/parse-time-option';
import { CLI_STRATEGIES, OPTIMIZER_PRESETS } from '../run/cli-strategies';
import { runScenario } from '../run/run-scenario';
import { rejectedSessions } from '../run/session-report';

const PRESETS = ['workplace', 'public', 'residential'] as const;
/** Default first day: a Monday, so `--days 1` is a weekday and runs are reproducible. */
const DEFAULT_START_ISO = '2026-03-02';

const HELP = `Usage: greenslot simulate --preset workplace|public|residential --evs N [options]

Simulate a day (or days) of charging requests from a preset derived from real data, run them
through the engine gate by gate with one strategy, and print the metrics.

Options:
  --preset NAME           ${PRESETS.join('|')} (default workplace)
  --evs N                 simulated EVs per day (default 200)
  --days N                days to simulate (default 1; --evs × --days ≤ 1,000,000)
  --seed N                random seed; same seed → same result (default 1)
  --strategy NAME         ${OPTIMIZER_PRESETS.join('|')} (optimizer presets),
                          or optimal|edf|llf|rr|fcfs|uncontrolled|offline (default balanced)
  --site FILE             site JSON (default: a generated 3-level site with one 11 kW EVSE per EV,
                          PV and base load; see README "CLI")
  --start DATE            first day, UTC (default ${DEFAULT_START_ISO}, a Monday)
  --slot-minutes 15|5     slot length (default 15)
  --transformer-kva N     re-rate the site's top transformer to N kVA (kW and phase limits scale)
  --root-limit-kw N       override the top node's kW limit only (phase limits stay)
  --mix FILE, --pv FILE   grid mix / PV kW per slot (formats as for replay)
  --time-limit-s N        solver budget per gate, s (default 50)
  --json                  print one JSON line
  -h, --help

Exit codes: 0 ok, 1 bad input, 2 usage error.`;

/** Most sessions one simulate run may generate (--evs × --days). */
export const MAX_SIMULATED_SESSIONS = 1_000_000;

/** `greenslot simulate`: simulated requests from a preset through the engine. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'simulate a day of requests (workplace, public, residential) and print metrics',
  help: HELP,
  async run({ args, io }) {
    const command = 'simulate';
    const values = parseOptions({
      command,
      args,
      options: {
        preset: { type: 'string' },
        evs: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        strategy: { type: 'string' },
        site: { type: 'string' },
        start: { type: 'string' },
        'slot-minutes': { type: 'string' },
        'root-limit-kw': { type: 'string' },
        'transformer-kva': { type: 'string' },
        mix: { type: 'string' },
        pv: { type: 'string' },
        'time-limit-s': { type: 'string' },
        json: { type: 'boolean' }
      }
    });
    const preset = choiceOption({ values, name: 'preset', command, choices: PRESETS, defaultValue: 'workplace' }) as (typeof PRESETS)[number];
    const evs = numberOption({ values, name: 'evs', command, integer: true, min: 1, max: 100_000, defaultValue: 200 }) as number;
    const days = numberOption({ values, name: 'days', command, integer: true, min: 1, max: 366, defaultValue: 1 }) as number;
    // 100,000 EVs a day for a year would be 36 million requests: more than one process can hold.
    if (evs * days > MAX_SIMULATED_SESSIONS) {
      throw new UsageError(`greenslot ${command}: --evs × --days is at most ${MAX_SIMULATED_SESSIONS.toLocaleString('en')} sessions, got ${evs} × ${days}`);
    }
    const seed = numberOption({ values, name: 'seed', command, integer: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, defaultValue: 1 }) as number;
    const strategy = choiceOption({ values, name: 'strategy', command, choices: CLI_STRATEGIES, defaultValue: 'balanced' }) as (typeof CLI_STRATEGIES)[number];
    const slotMinutes = Number(choiceOption({ values, name: 'slot-minutes', command, choices: ['15', '5'], defaultValue: '15' }));
    const rootLimitKw = numberOption({ values, name: 'root-limit-kw', command, min: 0, max: SITE_LIMITS.powerKw });
    const transformerKva = numberOption({ values, name: 'transformer-kva', command, min: 0.001, max: SITE_LIMITS.powerKw });
    const timeLimitS = numberOption({ values, name: 'time-limit-s', command, min: 0.001, max: 86_400, defaultValue: 50 }) as number;
    const startMs = timeOption({ values, name: 'start', command }) ?? Date.parse(`${DEFAULT_START_ISO}T00:00:00Z`);

    const timeline: Timeline = { startMs, slotMinutes };
    const lastSlot = Math.ceil((days * 1440) / slotMinutes);
    const sitePath = typeof values.site === 'string' ? values.site : undefined;
    const baseSite = sitePath ? parseSite(readJsonFile({ path: sitePath }), sitePath) : defaultSimulationSite({ evs });
    const site = applySiteOverrides({
      site: baseSite,
      rootLimitKw,
      transformerKva,
      gridMix: typeof values.mix === 'string' ? loadMix({ path: values.mix, timeline, lastSlot }) : undefined,
      pvKw: typeof values.pv === 'string' ? loadPv({ path: values.pv, timeline, lastSlot }) : undefined
    });

    const simulated = simulateChargingRequests({ site, timeline, preset, evs, days, seed, startMs });
    const requests = simulated.requests;
    const queued = requests.filter((r) => r.evseId === null).length;
    if (queued > 0) writeLine(io.stderr, `note: ${queued} simulated request(s) found no free EVSE on arrival (queued)`);

    const bar = createProgressBar({ stream: io.stderr, label: `simulate ${strategy} slots` });
    const { metrics, snapshot, wallMs } = await runScenario({ site, timeline, requests, strategy, timeLimitMs: timeLimitS * 1000, onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    printResult({
      io,
      json: values.json === true,
      result: metricsOutput({ metrics, extra: { strategy, preset, evs, days, seed, requests: requests.length, queuedOnArrival: queued, lateRequests: simulated.late.length, rejectedSessions: rejectedSessions(snapshot), wallMs: Math.round(wallMs) } }),
      omitInText: ['perSession', 'peakKwByNode', 'rejectedSessions']
    });
    return EXIT.ok;
  }
};
