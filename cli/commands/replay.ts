import { SITE_LIMITS } from '../../src/lib/core/grid/site-schema';
import { EXIT } from '../cli-errors';
import { writeLine } from '../cli-io';
import type { Command } from '../command';
import { CSV_MAPPING_NAMES } from '../load/load-csv-mapping';
import { choiceOption, numberOption, parseOptions, requiredString } from '../parse-options';
import { printResult } from '../print-result';
import { createProgressBar } from '../progress-bar';
import { loadReplayInputs, REPLAY_FORMATS } from '../run/load-replay-inputs';
import { metricsOutput } from '../run/metrics-output';
import { timeOption } from '../run/parse-time-option';
import { CLI_STRATEGIES, OPTIMIZER_PRESETS } from '../run/cli-strategies';
import { runScenario } from '../run/run-scenario';
import { rejectedNote, rejectedSessions, skippedList } from '../run/session-report';

const HELP = `Usage: greenslot replay --sessions FILE --format acn|ocpi|csv --site SITE.json --strategy NAME [options]

Replay a real session log on a site, gate by gate, and print the metrics.

Required:
  --sessions FILE         session log (ACN-Data API JSON, OCPI 2.2.1 Sessions/CDRs JSON, or CSV)
  --format acn|ocpi|csv
  --site FILE             site JSON (see README "Site JSON"; e.g. examples/sites/caltech.json)
  --strategy NAME         optimal|edf|llf|rr|fcfs|uncontrolled|offline, or an optimizer preset
                          (${OPTIMIZER_PRESETS.join('|')} = optimal with that preset)
Options:
  --preset NAME           optimizer preset for optimal/offline (default balanced)
  --csv-mapping M         CSV column mapping: ${CSV_MAPPING_NAMES.join('|')} or a mapping JSON file
  --slot-minutes 15|5     slot length (default 15)
  --transformer-kva N     re-rate the site's top transformer to N kVA: its kW limit and its
                          phase-current limits scale together (ACN-Sim's transformer_cap)
  --root-limit-kw N       override the top node's kW limit only (phase limits stay)
  --energy requested|delivered
                          ACN-Data demand: the driver's kWhRequested, else kWhDelivered
                          (default requested), or always kWhDelivered (as ACN-Sim does)
  --mix FILE              grid mix per slot (JSON array of mixes, or CSV: timestamp + source columns)
  --pv FILE               on-site PV kW per slot (JSON array, or CSV: timestamp + kw)
  --from T, --to T        keep sessions arriving in [from, to) (ISO 8601, UTC unless offset)
  --time-limit-s N        solver budget per gate, s (default 50)
  --json                  print one JSON line (keys: energyDeliveredPct, demandsMetPct, peakKw,
                          greenSharePct, co2GPerKWh, violationsKwSlots, solveMsP50, solveMsMax,
                          sessions, gates, …)
  -h, --help

Sessions the parser cannot use (unreadable, or beyond the plausible limits: years 1990–2099, a stay
over 14 days, over 1000 kWh) are reported on stderr (file + JSON path / CSV line) and skipped;
--json lists them in "skipped", and the requests the engine rejects at their gate (e.g. a stay
shorter than one slot) in "rejectedSessions" with ids and reasons (their kWh count in
requestedKWh). A run covers at most 400 days (narrow it with --from/--to).
Exit codes: 0 ok, 1 bad input, 2 usage error.`;

/** `greenslot replay`: a real session log through the engine with one strategy. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a session log (ACN-Data, OCPI, CSV) on a site and print metrics',
  help: HELP,
  async run({ args, io }) {
    const command = 'replay';
    const values = parseOptions({
      command,
      args,
      options: {
        sessions: { type: 'string' },
        format: { type: 'string' },
        site: { type: 'string' },
        strategy: { type: 'string' },
        preset: { type: 'string' },
        'csv-mapping': { type: 'string' },
        'slot-minutes': { type: 'string' },
        'root-limit-kw': { type: 'string' },
        'transformer-kva': { type: 'string' },
        energy: { type: 'string' },
        mix: { type: 'string' },
        pv: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'time-limit-s': { type: 'string' },
        json: { type: 'boolean' }
      }
    });
    const sessionsPath = requiredString({ values, name: 'sessions', command });
    const sitePath = requiredString({ values, name: 'site', command });
    const format = choiceOption({ values, name: 'format', command, choices: REPLAY_FORMATS }) ?? requiredString({ values, name: 'format', command });
    const strategy = choiceOption({ values, name: 'strategy', command, choices: CLI_STRATEGIES }) ?? (requiredString({ values, name: 'strategy', command }) as never);
    const preset = choiceOption({ values, name: 'preset', command, choices: OPTIMIZER_PRESETS, defaultValue: 'balanced' });
    const slotMinutes = choiceOption({ values, name: 'slot-minutes', command, choices: ['15', '5'], defaultValue: '15' });
    const rootLimitKw = numberOption({ values, name: 'root-limit-kw', command, min: 0, max: SITE_LIMITS.powerKw });
    const transformerKva = numberOption({ values, name: 'transformer-kva', command, min: 0.001, max: SITE_LIMITS.powerKw });
    const acnEnergy = choiceOption({ values, name: 'energy', command, choices: ['requested', 'delivered'] as const, defaultValue: 'requested' });
    const timeLimitS = numberOption({ values, name: 'time-limit-s', command, min: 0.001, max: 86_400, defaultValue: 50 }) as number;
    const fromMs = timeOption({ values, name: 'from', command });
    const toMs = timeOption({ values, name: 'to', command });
    const csvMapping = typeof values['csv-mapping'] === 'string' ? values['csv-mapping'] : undefined;

    const inputs = loadReplayInputs({
      sessionsPath,
      format: format as (typeof REPLAY_FORMATS)[number],
      sitePath,
      csvMapping,
      slotMinutes: Number(slotMinutes),
      rootLimitKw,
      transformerKva,
      acnEnergy,
      mixPath: typeof values.mix === 'string' ? values.mix : undefined,
      pvPath: typeof values.pv === 'string' ? values.pv : undefined,
      fromMs,
      toMs
    });
    for (const issue of inputs.issues.slice(0, 20)) writeLine(io.stderr, `skipped: ${issue.file} ${issue.where}: ${issue.message}`);
    if (inputs.issues.length > 20) writeLine(io.stderr, `skipped: … and ${inputs.issues.length - 20} more sessions`);
    if (inputs.reassigned > 0) writeLine(io.stderr, `note: ${inputs.reassigned} session(s) moved to a free EVSE (theirs was unknown to the site or busy)`);
    if (inputs.unassigned > 0) writeLine(io.stderr, `note: ${inputs.unassigned} session(s) found no free EVSE for their whole stay (queued)`);

    const bar = createProgressBar({ stream: io.stderr, label: `replay ${strategy} slots` });
    const { metrics, snapshot, wallMs } = await runScenario({
      ...inputs,
      strategy,
      preset,
      timeLimitMs: timeLimitS * 1000,
      onProgress: (done, slotsTotal) => bar.update(done, slotsTotal)
    });
    bar.finish();
    const rejected = rejectedSessions(snapshot);
    const note = rejectedNote(rejected);
    if (note) writeLine(io.stderr, note);
    printResult({
      io,
      json: values.json === true,
      result: metricsOutput({
        metrics,
        extra: {
          strategy,
          skippedSessions: inputs.skippedSessions,
          skipped: skippedList(inputs.issues),
          outsideWindow: inputs.outsideWindow,
          reassignedSessions: inputs.reassigned,
          rejectedSessions: rejected,
          wallMs: Math.round(wallMs)
        }
      }),
      omitInText: ['perSession', 'peakKwByNode', 'skipped', 'rejectedSessions']
    });
    return EXIT.ok;
  }
};
