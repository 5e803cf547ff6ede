import { ValidationError, type ValidationIssue } from '$lib/core/errors';
import type { ImportMode } from '$lib/core/ocpi/importIssues';
import { applyEvseStatusPatches } from '$lib/core/ocpi/applyEvseStatusPatches';
import { mergeEvseStatus } from '$lib/core/ocpi/mergeEvseStatus';
import type { EvseStatusState, OcpiLocationImport } from '$lib/core/ocpi/parseOcpiLocations';
import type { ParsedImport } from '$lib/workers/parse-import';
import { countLeftOutRows, type ImportReport } from './import-report';
import { replayWeeks } from './replay-weeks';
import { replaySessionKey, SITE_OCPI_FACT_KEYS, type EvseRow, type GreenSlotDb, type SiteOcpiFacts, type SiteRow } from './db';

/** Parameters of `commitImport`. */
export type CommitImportParameters = {
  db: GreenSlotDb;
  parsed: ParsedImport;
  /** Issues the parser left out (partial mode) and its warnings: stored in the import's report. */
  leftOut?: readonly ValidationIssue[];
  warnings?: readonly ValidationIssue[];
  mode?: ImportMode;
  file: string;
  /** Site that status patches without a location id, and generation mixes, go to. */
  siteId?: string;
  importId?: string;
  nowMs?: number;
  /** Called between chunks of a large write (still inside the one transaction). */
  onProgress?: (p: { doneRows: number; totalRows: number }) => void;
};

/** Rows per bulkPut of a large session import: progress between chunks, and no single huge request. */
export const COMMIT_CHUNK_ROWS = 10_000;

/**
 * Writes a parsed import into the database in ONE transaction, together with its report row: it
 * lands whole or not at all (a failure half-way, or a patch for an unknown EVSE in `all` mode,
 * rolls every table back). Locations replace their site's nodes and EVSEs (statuses merged by
 * `last_updated`); patches change stored EVSE statuses in order; sessions become replay rows;
 * a generation mix becomes the site's grid-mix series (absolute times) plus the chosen day as its profile.
 */
export async function commitImport({
  db,
  parsed,
  leftOut = [],
  warnings = [],
  mode = 'all',
  file,
  siteId,
  importId = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`,
  nowMs = Date.now(),
  onProgress
}: CommitImportParameters): Promise<ImportReport> {
  const tables = [db.sites, db.nodes, db.evses, db.replaySessions, db.imports];
  return db.transaction('rw', tables, async () => {
    const notes: ValidationIssue[] = [];
    let written: Record<string, number> = {};
    let summary = '';
    const extra: Partial<ImportReport> = {};
    if (parsed.kind === 'ocpi-locations') {
      written = { sites: 0, nodes: 0, evses: 0 };
      for (const loc of parsed.locations) {
        const n = await writeLocation({ db, loc, nowMs });
        written.sites += 1;
        written.nodes += n.nodes;
        written.evses += n.evses;
      }
      summary = `${written.sites} site(s) with ${written.evses} EVSE(s) imported`;
    } else if (parsed.kind === 'ocpi-patches') {
      const r = await writePatches({ db, parsed, file, siteId });
      if (mode === 'all' && r.rejected.length > 0) throw new ValidationError(r.rejected);
      notes.push(...r.rejected, ...r.ignored);
      written = { evses: r.changed };
      summary = `${r.applied} of ${parsed.patches.length} status patch(es) applied; ${r.changed} EVSE(s) changed`;
    } else if ('requests' in parsed) {
      const total = parsed.requests.length;
      for (let from = 0; from < total; from += COMMIT_CHUNK_ROWS) {
        // Keyed per import: logs without ids (CSV `line-2`, …) must not overwrite another import's sessions.
        await db.replaySessions.bulkPut(parsed.requests.slice(from, from + COMMIT_CHUNK_ROWS).map((r) => ({ ...r, id: replaySessionKey({ importId, id: r.id }), importId })));
        onProgress?.({ doneRows: Math.min(total, from + COMMIT_CHUNK_ROWS), totalRows: total });
      }
      written = { replaySessions: parsed.requests.length };
      summary = `${parsed.requests.length} session(s) stored for replay`;
      if (parsed.logTimezone) extra.logTimezone = parsed.logTimezone;
      extra.replayWeeks = replayWeeks({ arrivalsMs: parsed.requests.map((r) => r.arrivalMs), timeZone: parsed.logTimezone });
    } else if (parsed.kind === 'ocpi-tariffs') {
      const site = siteId ? await db.sites.get(siteId) : undefined;
      if (!site) throw new ValidationError([{ file, where: '$', message: 'no current site to give the tariff to (open the demo first)' }]);
      const { tariffId, currency, pricePerKWh } = parsed.tariff;
      await db.sites.put({ ...site, energy: { ...site.energy, gridMix: site.energy?.gridMix ?? [], pricePerKWh, currency }, updatedMs: nowMs });
      written = { sites: 1 };
      const lo = Math.min(...pricePerKWh);
      const hi = Math.max(...pricePerKWh);
      summary = `tariff ${tariffId}: ${lo === hi ? lo : `${lo}–${hi}`} ${currency}/kWh (excl. VAT) set as the energy price of ${site.name}`;
    } else {
      const site = siteId ? await db.sites.get(siteId) : undefined;
      if (!site) throw new ValidationError([{ file, where: '$', message: 'no current site to give the grid mix to (open the demo first)' }]);
      // The series holds the file at its real times; the chosen day is the profile everywhere else.
      const energy = { ...site.energy, gridMix: parsed.mixes, gridMixSeries: parsed.series, ...(parsed.pricePerKWh ? { pricePerKWh: parsed.pricePerKWh } : {}) };
      await db.sites.put({ ...site, energy, updatedMs: nowMs });
      written = { sites: 1 };
      const { startMs, slotMinutes, mixes } = parsed.series;
      const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
      summary =
        `grid mix of ${parsed.day} (${parsed.mixes.length} slots) set on ${site.name} as its daily profile; ` +
        `${mixes.length} slots from ${iso(startMs)} to ${iso(startMs + mixes.length * slotMinutes * 60_000)} UTC kept at their times`;
    }
    const allLeftOut = [...leftOut, ...notes].map(({ where, message }) => ({ where, message }));
    const row: ImportReport = {
      id: importId,
      kind: parsed.kind,
      file,
      createdMs: nowMs,
      mode,
      written,
      summary,
      leftOut: allLeftOut,
      leftOutRows: countLeftOutRows({ issues: allLeftOut }),
      warnings: warnings.map(({ where, message }) => ({ where, message })),
      ...extra
    };
    await db.imports.put(row);
    return row;
  });
}

async function writeLocation({ db, loc, nowMs }: { db: GreenSlotDb; loc: OcpiLocationImport; nowMs: number }): Promise<{ nodes: number; evses: number }> {
  const { site } = loc;
  const previous = await db.sites.get(site.id);
  const known: EvseStatusState = {};
  for (const e of await db.evses.where('siteId').equals(site.id).toArray()) known[e.id] = { status: e.status, lastUpdatedMs: e.statusUpdatedMs ?? 0 };
  // A re-import of an older Locations file must not undo a newer PATCH.
  const { state } = mergeEvseStatus({ state: known, incoming: loc.status });
  const { nodes, evses, ...header } = site;
  const row: SiteRow = { ...header, updatedMs: nowMs, ocpi: ocpiFacts(loc) };
  // No energy_mix in the file: keep what the site had (e.g. an imported generation mix). With one,
  // it becomes the default mix, but what a Location never carries (an imported mix series at its
  // real times, prices) stays: re-importing a Locations file must not silently drop other imports.
  if (!row.energy && previous?.energy) row.energy = previous.energy;
  else if (row.energy && previous?.energy) {
    const { gridMixSeries, pricePerKWh, currency } = previous.energy;
    row.energy = { ...(gridMixSeries ? { gridMixSeries } : {}), ...(pricePerKWh !== undefined ? { pricePerKWh } : {}), ...(currency ? { currency } : {}), ...row.energy };
  }
  await db.nodes.where('siteId').equals(site.id).delete();
  await db.evses.where('siteId').equals(site.id).delete();
  await db.sites.put(row);
  await db.nodes.bulkAdd(nodes.map((n) => ({ ...n, siteId: site.id })));
  await db.evses.bulkAdd(
    evses.map((e): EvseRow => ({ ...e, siteId: site.id, status: state[e.id]?.status ?? 'UNKNOWN', statusUpdatedMs: state[e.id]?.lastUpdatedMs ?? 0 }))
  );
  return { nodes: nodes.length, evses: evses.length };
}

function ocpiFacts(loc: OcpiLocationImport): SiteOcpiFacts {
  const { id, lastUpdatedMs, ...rest } = loc.location;
  const facts: SiteOcpiFacts = { locationId: id, lastUpdatedMs };
  for (const k of SITE_OCPI_FACT_KEYS) {
    if (rest[k] !== undefined) (facts as Record<string, unknown>)[k] = rest[k];
  }
  if (loc.energy) {
    facts.isGreenEnergy = loc.energy.isGreenEnergy;
    if (loc.energy.co2GPerKWh !== undefined) facts.co2GPerKWh = loc.energy.co2GPerKWh;
    if (loc.energy.supplierName !== undefined) facts.supplierName = loc.energy.supplierName;
    if (loc.energy.productName !== undefined) facts.energyProductName = loc.energy.productName;
  }
  return facts;
}

type PatchOutcome = { applied: number; changed: number; rejected: ValidationIssue[]; ignored: ValidationIssue[] };

async function writePatches({
  db,
  parsed,
  file,
  siteId
}: {
  db: GreenSlotDb;
  parsed: Extract<ParsedImport, { kind: 'ocpi-patches' }>;
  file: string;
  siteId?: string;
}): Promise<PatchOutcome> {
  const rows = await db.evses.toArray();
  // OCPI addresses an EVSE by location id + uid; a patch without a location goes to the current
  // site when it has that uid, else to the one site that has it (several: it is not known which).
  // Keys read as `location/uid` in the issues the user sees.
  const key = (r: { siteId: string; id: string }) => `${r.siteId}/${r.id}`;
  const byKey = new Map(rows.map((r) => [key(r), r]));
  const ambiguous = new Map<number, string[]>();
  const resolved = parsed.patches.map((p, i) => {
    let target = byKey.get(key({ siteId: p.locationId ?? siteId ?? '', id: p.evseUid }));
    if (!target && p.locationId === undefined) {
      const matches = rows.filter((r) => r.id === p.evseUid);
      if (matches.length === 1) target = matches[0];
      else if (matches.length > 1) ambiguous.set(i, matches.map((r) => r.siteId));
    }
    return { ...p, evseUid: target ? key(target) : `${p.locationId ?? siteId ?? '?'}/${p.evseUid}` };
  });
  const state: EvseStatusState = {};
  for (const r of rows) state[key(r)] = { status: r.status, lastUpdatedMs: r.statusUpdatedMs ?? 0 };
  const result = applyEvseStatusPatches({ state, patches: resolved, file });
  const rejected: ValidationIssue[] = [];
  const ignored: ValidationIssue[] = [];
  for (const issue of result.issues) {
    // Issues are at `$[i]`: a patch whose EVSE is not stored is rejected; stale or post-REMOVED ones are only ignored.
    const i = Number(/^\$\[(\d+)\]/.exec(issue.where)?.[1]);
    const sites = ambiguous.get(i);
    if (sites) rejected.push({ ...issue, message: `EVSE "${parsed.patches[i].evseUid}" is at several locations (${sites.join(', ')}); expected a location_id` });
    else (resolved[i] && !(resolved[i].evseUid in state) ? rejected : ignored).push(issue);
  }
  const changed = rows.filter((r) => {
    const s = result.state[key(r)];
    return s && (s.status !== r.status || s.lastUpdatedMs !== (r.statusUpdatedMs ?? 0));
  });
  await db.evses.bulkPut(changed.map((r) => ({ ...r, status: result.state[key(r)].status, statusUpdatedMs: result.state[key(r)].lastUpdatedMs })));
  return { applied: result.appliedCount, changed: changed.length, rejected, ignored };
}
