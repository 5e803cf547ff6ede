import type { ValidationIssue } from '../../src/lib/core/errors';
import { BaseError } from '../../src/lib/core/errors';
import type { Site } from '../../src/lib/core/grid/site';
import { parseSite } from '../../src/lib/core/grid/parse-site';
import { assignEvses } from '../../src/lib/core/io/assign-evses';
import { parseAcnSessions } from '../../src/lib/core/io/parse-acn-sessions';
import { parseCsvSessions } from '../../src/lib/core/io/parse-csv-sessions';
import { parseOcpiSessions } from '../../src/lib/core/io/parse-ocpi-sessions';
import type { ChargingRequest } from '../../src/lib/core/simulation/request';
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
  mixPath,
  pvPath,
  fromMs = -Infinity,
  toMs = Infinity
}: LoadReplayInputsParams): ReplayInputs {
  const fileSite = sitePath ? parseSite(readJsonFile({ path: sitePath }), sitePath) : undefined;
  const file = sessionsPath;
  let parsed;
  if (format === 'acn') parsed = parseAcnSessions({ json: readJsonFile({ path: sessionsPath }), file, site: fileSite });
  else if (format === 'ocpi') parsed = parseOcpiSessions({ json: readJsonFile({ path: sessionsPath }), file, site: fileSite });
  else {
    if (!csvMapping) throw new BaseError('replay --format csv needs --csv-mapping (a mapping JSON file, or trondheim|boulder)');
    parsed = parseCsvSessions({ text: readTextFile({ path: sessionsPath }), mapping: loadCsvMapping({ nameOrPath: csvMapping }), file, site: fileSite });
  }
  const requests = parsed.requests.filter((r) => r.arrivalMs >= fromMs && r.arrivalMs < toMs);
  const baseSite = fileSite ?? siteFor?.(requests);
  if (!baseSite) throw new BaseError('replay needs a site (--site FILE)');
  if (requests.length === 0) throw new BaseError(`${sessionsPath}: no usable sessions${Number.isFinite(fromMs) || Number.isFinite(toMs) ? ' in the --from/--to window' : ''}`);
  const firstMs = Math.min(...requests.map((r) => Math.min(r.requestMs, r.arrivalMs)));
  const timeline: Timeline = { startMs: Math.floor(firstMs / DAY_MS) * DAY_MS, slotMinutes };
  const site = applySiteOverrides({
    site: baseSite,
    rootLimitKw,
    gridMix: mixPath ? loadMix({ path: mixPath, timeline }) : undefined,
    pvKw: pvPath ? loadPv({ path: pvPath, timeline }) : undefined
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
