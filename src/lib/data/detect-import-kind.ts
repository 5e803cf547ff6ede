import type { ImportKindName } from './db';

/** Human labels of the import kinds, in the order the picker lists them. */
export const IMPORT_KIND_LABELS: Readonly<Record<ImportKindName, string>> = {
  'ocpi-locations': 'OCPI Locations (sites, EVSEs, status, energy mix)',
  'ocpi-patches': 'OCPI EVSE status patches',
  'ocpi-tariffs': 'OCPI Tariff (energy price per kWh)',
  'ocpi-sessions': 'OCPI Sessions / CDRs (replay)',
  'acn-sessions': 'ACN-Data sessions JSON (replay)',
  'csv-sessions': 'Session CSV with column mapping (replay)',
  'generation-json': 'Energy-Charts JSON generation mix',
  'generation-csv': 'Generation mix CSV (ENTSO-E, SMARD, simple)'
};

/** Parameters of `detectImportKind`. */
export type DetectImportKindParameters = {
  /** File name (its extension is a hint only). */
  name?: string;
  /** The first few kB of the file: enough to see the structure, never the whole 50 MB. */
  head: string;
};

const has = (text: string, ...keys: string[]) => keys.some((k) => text.includes(`"${k}"`));
const EVSE_STATUS_VALUE = /"status"\s*:\s*"(AVAILABLE|BLOCKED|CHARGING|INOPERATIVE|OUTOFORDER|PLANNED|REMOVED|RESERVED|UNKNOWN)"/;

/**
 * Guesses what a file is from its first kB (keys for JSON, the header line for CSV). Returns
 * undefined when unsure: the page then asks the user to choose.
 */
export function detectImportKind({ name = '', head }: DetectImportKindParameters): ImportKindName | undefined {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[') || text.startsWith('{')) {
    if (has(text, '_items', 'connectionTime', 'kWhDelivered')) return 'acn-sessions';
    // Sessions before Locations: a CDR's cdr_location has `coordinates` too.
    if (has(text, 'cdr_location', 'total_energy', 'kwh', 'auth_method')) return 'ocpi-sessions';
    if (has(text, 'evses', 'coordinates', 'parking_type')) return 'ocpi-locations';
    if (has(text, 'price_components')) return 'ocpi-tariffs';
    if (has(text, 'evse_uid', 'url') && has(text, 'last_updated', 'body')) return 'ocpi-patches';
    // The spec's own example (location_patch_example_status.json) is a bare body: an EVSE status and last_updated.
    if (has(text, 'last_updated') && EVSE_STATUS_VALUE.test(text)) return 'ocpi-patches';
    if (has(text, 'xAxisValues') || (has(text, 'name') && has(text, 'data') && /"en"\s*:/.test(text))) return 'generation-json';
    return undefined;
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine) return undefined;
  const lower = firstLine.toLowerCase();
  if (/mtu|actual aggregated|production type|datum|anfang|photovoltaik/.test(lower)) return 'generation-csv';
  // A simple mix CSV: a time column plus columns named after sources.
  if (/(^|[,;\t])"?(timestamp|time|datetime|start|date)"?([,;\t]|$)/.test(lower) && /solar|wind|hydro|nuclear|coal|gas|biomass/.test(lower)) return 'generation-csv';
  if (name.toLowerCase().endsWith('.csv') || /[,;\t]/.test(firstLine)) return 'csv-sessions';
  return undefined;
}
