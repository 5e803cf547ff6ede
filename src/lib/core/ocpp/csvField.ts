import { neutralizeCsvFormula } from './neutralizeCsvFormula';

/**
 * One CSV field: numbers to at most 6 decimals; text that a spreadsheet would run as a formula gets
 * a leading `'` (neutralizeCsvFormula); text quoted when it holds a comma, quote, line break or that `'`.
 * Every CSV GreenSlot writes goes through here (csvDocument).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : '';
  const raw = String(value);
  const text = neutralizeCsvFormula(raw);
  return text !== raw || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document (RFC 4180, CRLF line ends) from a header and rows. */
export function csvDocument({ header, rows }: { header: readonly string[]; rows: Iterable<readonly (string | number | boolean | null | undefined)[]> }): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}
