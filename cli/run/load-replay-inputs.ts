import type { ValidationIssue } from '../../src/lib/core/errors';
import { BaseError } from '../../src/lib/core/errors';
import type { Site } from '../../src/lib/core/grid/site';
import { parseSite } from '../../src/lib/core/grid/parse-site';
import { assignEvses } from '../../src/lib/core/io/assign-evses';
import { parseAcnSessions } from '../../src/lib/core/io/parse-acn-sessions';
import { parseCsvSessions } from '../../src/lib/core/io/parse-csv-sessions';
import { parseOcpiSessions } from '../../src/lib/core/io/parse-ocpi-sessions';
import type { ChargingRequest } from '../../src/lib/core/model/charging-request';
import type { Timeline } from '../../src/lib/core/time/timeline';
import { loadCsvMapping } from '../load/load-csv-mapping';
import { loadMix } from '../load/load-mix';
import { loadPv } from '../load/load-pv';
import { readJsonFile } from '../load/read-json-file';
import { readTextFile } from '../load/read-text-file';
import { applySiteOverrides } from '../load/site-overrides';

/** Session log formats of `greenslot replay`. */
export const REPLAY_FORMATS = ['acn', 'ocpi', 'csv'] as const;
/** A session log format. */
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

export type LoadReplayInputsParams = {
  sessionsPath: string;
  format: ReplayFormat;
  /** Site JSON file; or `siteFor` to derive a site from the parsed requests (benchmarks). */
  sitePath?: string;
  siteFor?: (requests: readonly ChargingRequest[]) => Site;
  /** Built-in mapping name or mapping JSON file (format csv). */
  csvMapping?: string;
  slotMinutes?: number;
  rootLimitKw?: number;
  /** Re-rate the top transformer to this many kVA (phase limits scale with it). */
  transformerKva?: number;
  /** ACN-Data demand: driver's kWhRequested (default) or kWhDelivered. */
  acnEnergy?: 'requested' | 'delivered';
  mixPath?: string;
  pvPath?: string;
  /** Keep sessions arriving in [fromMs, toMs). */
  fromMs?: number;
  toMs?: number;
};

/** Everything a replay run needs, plus what the parser reported and skipped. */
export type ReplayInputs = {
  site: Site;
  timeline: Timeline;
  requests: ChargingRequest[];
  /** Sessions the parser reported and skipped (file + JSON path / CSV line + what was expected). */
  issues: ValidationIssue[];
  /** Sessions skipped by the parser (a session can have several issues). */
  skippedSessions: number;
  /** Sessions outside --from/--to. */
  outsideWindow: number;
  /** Sessions moved to another EVSE because theirs was unknown to the site or busy. */
  reassigned: number;
  /** Sessions left without an EVSE (every one busy for the whole stay): the engine queues them. */
  unassigned: number;
};

const DAY_MS = 86_400_000;
/** Longest span a replay may cover, days (a year of sessions plus the stays that run into the next). */
export const MAX_RUN_DAYS = 400;

/** The sessions span more days than one run may cover (exit 1, with the dates and the way out). */
export class RunSpanError extends BaseError {
  override name = 'RunSpanError';
}

/** Distinct sessions among issues: the JSON array element (`$._items[4]`) or the CSV line. */
function countSessions(issues: readonly ValidationIssue[]): number {
  return new Set(issues.map((i) => /^(\$[^[]*\[\d+\]|line \d+)/.exec(i.where)?.[1] ?? i.where)).size;
}

/**
 * Read a session log and a site from files, validate both, apply the command-line overrides,
 * and set the timeline (slot 0 = UTC midnight before the first request, so --mix/--pv rows
 * line up with whole days). One bad session is reported in `issues` and skipped; a file that
 * is not usable at all throws ValidationError naming it.
 */
export function loadReplayInputs({
  sessionsPath,
  format,
  sitePath,
  siteFor,
  csvMapping,
  slotMinutes = 15,
  rootLimitKw,
  transformerKva,
  acnEnergy = 'requested',
  mixPath,
  pvPath,
  fromMs = -Infinity,
  toMs = Infinity
}: LoadReplayInputsParams): ReplayInputs {
  const fileSite = sitePath ? parseSite(readJsonFile({ path: sitePath }), sitePath) : undefined;
  const file = sessionsPath;
  let parsed;
  if (format === 'acn') parsed = parseAcnSessions({ json: readJsonFile({ path: sessionsPath }), file, site: fileSite, energy: acnEnergy });
  else if (format === 'ocpi') parsed = parseOcpiSessions({ json: readJsonFile({ path: sessionsPath }), file, site: fileSite });
  else {
    if (!csvMapping) throw new BaseError('replay --format csv needs --csv-mapping (a mapping JSON file, or trondheim|boulder)');
    parsed = parseCsvSessions({ text: readTextFile({ path: sessionsPath }), mapping: loadCsvMapping({ nameOrPath: csvMapping }), file, site: fileSite });
  }
  const requests = parsed.requests.filter((r) => r.arrivalMs >= fromMs && r.arrivalMs < toMs);
  const baseSite = fileSite ?? siteFor?.(requests);
  if (!baseSite) throw new BaseError('replay needs a site (--site FILE)');
  if (requests.length === 0) throw new BaseError(`${sessionsPath}: no usable sessions${Number.isFinite(fromMs) || Number.isFinite(toMs) ? ' in the --from/--to window' : ''}`);
  // A loop, not Math.min(...spread): a spread of 200,000 arguments overflows the stack.
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const r of requests) {
    firstMs = Math.min(firstMs, r.requestMs, r.arrivalMs);
    lastMs = Math.max(lastMs, r.departureMs);
  }
  const timeline: Timeline = { startMs: Math.floor(firstMs / DAY_MS) * DAY_MS, slotMinutes };
  const spanDays = (lastMs - timeline.startMs) / DAY_MS;
  if (spanDays > MAX_RUN_DAYS) {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    throw new RunSpanError(
      `${sessionsPath}: the sessions run from ${day(firstMs)} to ${day(lastMs)} (${Math.ceil(spanDays)} days); one replay covers at most ${MAX_RUN_DAYS} days: choose a window with --from/--to`
    );
  }
  const lastSlot = Math.ceil((lastMs - timeline.startMs) / (slotMinutes * 60_000));
  const site = applySiteOverrides({
    site: baseSite,
    rootLimitKw,
    transformerKva,
    gridMix: mixPath ? loadMix({ path: mixPath, timeline, lastSlot }) : undefined,
    pvKw: pvPath ? loadPv({ path: pvPath, timeline, lastSlot }) : undefined
  });
  const assigned = assignEvses({ site, requests });
  return {
    site,
    timeline,
    requests: assigned.requests,
    issues: parsed.issues,
    skippedSessions: countSessions(parsed.issues),
    outsideWindow: parsed.requests.length - requests.length,
    reassigned: assigned.reassigned.length,
    unassigned: assigned.unassigned.length
  };
}
