import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE } from '$lib/data/default-site';
import { harbourDepotLocation, HARBOUR_PATCHES } from '$lib/data/testing/ocpi-fixtures';
import { createImportParser, parseImport } from './parse-import';

const mixCsv = () => {
  const lines = ['timestamp,solar,wind'];
  for (let h = 0; h < 72; h++) lines.push(`${new Date(Date.UTC(2026, 0, 1, h)).toISOString()},${h % 24 >= 8 && h % 24 < 16 ? 10 : 0},10`);
  return lines.join('\n');
};

describe('parseImport', () => {
  it('reads Locations and patches into plain data ready to be written', () => {
    const loc = parseImport({ kind: 'ocpi-locations', text: JSON.stringify(harbourDepotLocation()) });
    expect(loc.ok && loc.parsed.kind === 'ocpi-locations' && loc.parsed.locations[0].site.evses).toHaveLength(3);
    const p = parseImport({ kind: 'ocpi-patches', text: JSON.stringify(HARBOUR_PATCHES) });
    expect(p.ok && p.parsed.kind === 'ocpi-patches' && p.parsed.patches.map((x) => x.evseUid)).toEqual(['hb-ac-1', 'hb-dc-1', 'hb-ac-1']);
  });

  it('error: all-or-nothing rejects a file with one bad object, listing its JSON path; partial keeps the rest', () => {
    const bad = harbourDepotLocation({ id: 'B' }) as ReturnType<typeof harbourDepotLocation> & { evses: { status: string }[] };
    bad.evses[0].status = 'ASLEEP';
    const text = JSON.stringify([harbourDepotLocation(), bad]);
    const all = parseImport({ kind: 'ocpi-locations', text });
    expect(all.ok).toBe(false);
    expect(!all.ok && all.issues[0].where).toBe('$[1].evses[0].status');
    const partial = parseImport({ kind: 'ocpi-locations', text, mode: 'partial' });
    expect(partial.ok && partial.leftOut.map((i) => i.where)).toEqual(['$[1].evses[0].status']);
  });

  it('error: session logs with a bad row are rejected whole by default and by line in partial mode', () => {
    const csv = 'id,in,out,kwh\nx1,2026-01-01T08:00Z,2026-01-01T12:00Z,10\nx2,2026-01-01T09:00Z,2026-01-01T12:00Z,-3\n';
    const csvMapping = { id: 'id', arrival: 'in', departure: 'out', energyKWh: 'kwh' };
    const all = parseImport({ kind: 'csv-sessions', text: csv, options: { csvMapping } });
    expect(!all.ok && all.issues[0].where).toBe('line 3');
    const partial = parseImport({ kind: 'csv-sessions', text: csv, mode: 'partial', options: { csvMapping, site: DEFAULT_SITE } });
    expect(partial.ok && 'requests' in partial.parsed && partial.parsed.requests.map((r) => r.id)).toEqual(['x1']);
    const unmapped = parseImport({ kind: 'csv-sessions', text: csv });
    expect(!unmapped.ok && unmapped.issues[0].message).toContain('map the CSV columns');
  });

  it('streams a generation CSV in arbitrary chunks to the same day profile as one piece', () => {
    const text = mixCsv();
    const whole = parseImport({ kind: 'generation-csv', text, options: { mixDay: '2026-01-02' } });
    const parser = createImportParser({ kind: 'generation-csv', options: { mixDay: '2026-01-02' } });
    for (let i = 0; i < text.length; i += 37) parser.push(text.slice(i, i + 37));
    const streamed = parser.finish();
    expect(streamed).toEqual(whole);
    expect(whole.ok && whole.parsed.kind === 'generation-csv' && whole.parsed.mixes[40]).toEqual({ solar: 0.5, wind: 0.5 });
  });

  it('error: a generation CSV without a time column is rejected with its line, not thrown', () => {
    const r = parseImport({ kind: 'generation-csv', text: 'foo,bar\n1,2\n' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0].where).toMatch(/line 1/);
  });

  it('error: Energy-Charts JSON that is not a list is rejected at $', () => {
    const r = parseImport({ kind: 'generation-json', text: '{"a":1}' });
    expect(!r.ok && r.issues[0].where).toBe('$');
  });
});
