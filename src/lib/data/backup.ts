import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '$lib/core/errors';
import { OCPI_STATUSES, TABLE_NAMES, type GreenSlotDb, type TableName } from './db';

/** Format tag of a GreenSlot backup file. */
export const BACKUP_FORMAT = 'greenslot-backup';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const id = z.string().min(1, 'expected a non-empty id');

// Rows are checked for the fields the app relies on (keys, numbers it computes with); other
// fields pass through unchanged so a backup of a newer minor build still restores.
const rowSchemas = {
  sites: z.looseObject({ id, name: z.string(), timezone: z.string() }),
  nodes: z.looseObject({ id, siteId: id, parentId: z.string().nullable() }),
  evses: z.looseObject({ id, siteId: id, nodeId: id, maxKw: finite, minKw: finite, status: z.enum(OCPI_STATUSES) }),
  requests: z.looseObject({
    id,
    siteId: id,
    requestMs: finite,
    arrivalMs: finite,
    departureMs: finite,
    energyKWh: finite,
    vehicleMaxKw: finite
  }),
  sessions: z.looseObject({
    id,
    siteId: id,
    evseId: id,
    status: z.enum(['waiting', 'charging', 'paused', 'finished']),
    requestedKWh: finite,
    deliveredKWh: finite,
    greenKWh: finite
  }),
  slotResults: z.looseObject({ siteId: id, slot: z.number().int(), nodes: z.array(z.looseObject({ nodeId: id })) }),
  receipts: z.looseObject({ sessionId: id, json: z.string(), createdMs: finite }),
  settings: z.looseObject({ key: id, value: z.unknown() }),
  replaySessions: z.looseObject({ id, importId: id, arrivalMs: finite, departureMs: finite, energyKWh: finite }),
  imports: z.looseObject({ id, kind: z.string(), createdMs: finite }),
  liveSessions: z.looseObject({ key: id, kwh: finite, startMs: finite, lastUpdatedMs: finite }),
  liveCdrs: z.looseObject({ key: id, totalEnergyKWh: finite, startMs: finite, endMs: finite, lastUpdatedMs: finite }),
  receiptSources: z.looseObject({ sessionId: id, kind: z.enum(['simulation', 'ocpi-cdr']) }),
  carbonSeries: z.looseObject({ id, kind: z.enum(['average', 'marginal']) }),
  archives: z.looseObject({ id, createdMs: finite, reason: z.string(), day: z.looseObject({}) }),
  archivedSessions: z.looseObject({ archiveId: id, id, siteId: id, evseId: z.string(), requestedKWh: finite, deliveredKWh: finite }),
  archivedReceipts: z.looseObject({ archiveId: id, sessionId: id, json: z.string(), createdMs: finite })
} satisfies Record<TableName, z.ZodType>;

/** Zod schema of a whole backup file. */
export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.number().int().positive(),
  exportedMs: finite,
  tables: z.object({
    sites: z.array(rowSchemas.sites),
    nodes: z.array(rowSchemas.nodes),
    evses: z.array(rowSchemas.evses),
    requests: z.array(rowSchemas.requests),
    sessions: z.array(rowSchemas.sessions),
    slotResults: z.array(rowSchemas.slotResults),
    receipts: z.array(rowSchemas.receipts),
    settings: z.array(rowSchemas.settings),
    // Schema v3 tables: a backup written by a v1/v2 build has none.
    replaySessions: z.array(rowSchemas.replaySessions).default([]),
    imports: z.array(rowSchemas.imports).default([]),
    // Schema v6 tables (live backend): older backups have none.
    liveSessions: z.array(rowSchemas.liveSessions).default([]),
    liveCdrs: z.array(rowSchemas.liveCdrs).default([]),
    receiptSources: z.array(rowSchemas.receiptSources).default([]),
    carbonSeries: z.array(rowSchemas.carbonSeries).default([]),
    // Schema v4 tables (archived days): older backups have none.
    archives: z.array(rowSchemas.archives).default([]),
    archivedSessions: z.array(rowSchemas.archivedSessions).default([]),
    archivedReceipts: z.array(rowSchemas.archivedReceipts).default([])
  })
});

/** A parsed backup. */
export type Backup = z.infer<typeof backupSchema>;

/** Parameters of `exportBackup`. */
export type ExportBackupParameters = { db: GreenSlotDb; nowMs?: number };

/** Reads every table in one read transaction (a consistent copy) into a backup object. */
export async function exportBackup({ db, nowMs = Date.now() }: ExportBackupParameters): Promise<Backup> {
  const tables = await db.transaction('r', TABLE_NAMES.map((t) => db.table(t)), async () => {
    const entries = await Promise.all(TABLE_NAMES.map(async (t) => [t, await db.table(t).toArray()] as const));
    return Object.fromEntries(entries) as Backup['tables'];
  });
  return { format: BACKUP_FORMAT, schemaVersion: db.verno, exportedMs: nowMs, tables };
}

/** Parameters of `parseBackup`. */
export type ParseBackupParameters = { json: string | unknown; file?: string };

/** Validates backup JSON; throws ValidationError listing every problem with its JSON path. */
export function parseBackup({ json, file = 'backup.json' }: ParseBackupParameters): Backup {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (cause) {
      throw new ValidationError([{ file, where: '$', message: 'expected JSON text' }], { cause });
    }
  }
  const result = backupSchema.safeParse(data);
  if (!result.success) {
    const issues: ValidationIssue[] = result.error.issues.map((i) => ({
      file,
      where: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
      message: i.message
    }));
    throw new ValidationError(issues);
  }
  return result.data;
}

/** Parameters of `restoreBackup`. */
export type RestoreBackupParameters = { db: GreenSlotDb; json: string | unknown; file?: string };

/**
 * Replaces the whole database with a backup, all or nothing: the file is validated first, then
 * every table is cleared and refilled inside ONE transaction, so any failure leaves the old data.
 */
export async function restoreBackup({ db, json, file }: RestoreBackupParameters): Promise<{ rows: number }> {
  const backup = parseBackup({ json, file });
  if (backup.schemaVersion > db.verno) {
    throw new ValidationError([
      { file: file ?? 'backup.json', where: '$.schemaVersion', message: `expected ≤ ${db.verno} (this app's schema); update the app first` }
    ]);
  }
  let rows = 0;
  await db.transaction('rw', TABLE_NAMES.map((t) => db.table(t)), async () => {
    for (const t of TABLE_NAMES) {
      await db.table(t).clear();
      const list = backup.tables[t];
      await db.table(t).bulkAdd(list);
      rows += list.length;
    }
  });
  return { rows };
}
