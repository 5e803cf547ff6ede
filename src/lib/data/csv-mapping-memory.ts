import type { CsvColumnMapping } from '$lib/core/io/parse-csv-sessions';
import type { GreenSlotDb } from './db';

/** Settings-key prefix of remembered CSV mappings (one row per file layout). */
export const CSV_MAPPING_KEY_PREFIX = 'csvMapping:';

/**
 * A file layout's key: FNV-1a (32 bit, hex) of the header's column names in order. Two logs with
 * the same header are the same layout (next month's export of the same system); any renamed,
 * added or moved column is a new layout.
 */
export function csvLayoutKey({ header }: { header: readonly string[] }): string {
  let h = 0x811c9dc5;
  for (const ch of header.join('\u001f')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${CSV_MAPPING_KEY_PREFIX}${header.length}-${h.toString(16).padStart(8, '0')}`;
}

/** Stores the mapping the user applied for this header layout (kept across reloads). */
export async function rememberCsvMapping({ db, header, mapping }: { db: GreenSlotDb; header: readonly string[]; mapping: CsvColumnMapping }): Promise<void> {
  await db.settings.put({ key: csvLayoutKey({ header }), value: { header: [...header], mapping } });
}

/** The mapping last applied for this header layout, if any (and only if its header really matches). */
export async function recallCsvMapping({ db, header }: { db: GreenSlotDb; header: readonly string[] }): Promise<CsvColumnMapping | undefined> {
  const row = (await db.settings.get(csvLayoutKey({ header })))?.value as { header?: string[]; mapping?: CsvColumnMapping } | undefined;
  // A hash collision must not hand one layout another's mapping.
  if (!row?.mapping || row.header?.join('\u001f') !== header.join('\u001f')) return undefined;
  return row.mapping;
}
