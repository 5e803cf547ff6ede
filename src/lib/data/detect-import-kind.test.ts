import { describe, expect, it } from 'vitest';
import { detectImportKind } from './detect-import-kind';
import { harbourDepotLocation, HARBOUR_PATCHES } from './testing/ocpi-fixtures';

describe('detectImportKind', () => {
  it('recognises each JSON kind from its first keys', () => {
    expect(detectImportKind({ head: JSON.stringify({ data: [harbourDepotLocation()], status_code: 1000 }) })).toBe('ocpi-locations');
    expect(detectImportKind({ head: JSON.stringify(HARBOUR_PATCHES) })).toBe('ocpi-patches');
    // The spec's location_patch_example_status.json: a bare PATCH body.
    expect(detectImportKind({ head: '{\n  "status": "CHARGING",\n  "last_updated": "2019-06-24T12:39:09Z"\n}\n' })).toBe('ocpi-patches');
    expect(detectImportKind({ head: '{"id":"16","currency":"EUR","elements":[{"price_components":[{"type":"ENERGY","price":0.25,"step_size":1}]}]}' })).toBe('ocpi-tariffs');
    // A session's status is not an EVSE status.
    expect(detectImportKind({ head: '{"status": "ACTIVE", "last_updated": "2019-06-24T12:39:09Z"}' })).toBeUndefined();
    expect(detectImportKind({ head: JSON.stringify([{ id: 's', start_date_time: 'x', kwh: 3, auth_method: 'COMMAND' }]) })).toBe('ocpi-sessions');
    // A CDR's cdr_location carries coordinates, like a Location: it is still a session record.
    const cdr = { id: 'C1', start_date_time: 'x', cdr_location: { id: 'L1', coordinates: { latitude: '52.1', longitude: '4.3' }, evse_uid: 'E1' }, total_energy: 12 };
    expect(detectImportKind({ head: JSON.stringify({ data: [cdr], status_code: 1000 }) })).toBe('ocpi-sessions');
    expect(detectImportKind({ head: JSON.stringify({ _items: [{ connectionTime: 'x', kWhDelivered: 3 }] }) })).toBe('acn-sessions');
    expect(detectImportKind({ head: JSON.stringify([{ name: { en: 'Solar' }, xAxisValues: [1], data: [1] }]) })).toBe('generation-json');
  });

  it('tells generation CSVs (ENTSO-E, SMARD, simple) from session CSVs by the header', () => {
    expect(detectImportKind({ head: 'MTU (CET/CEST),Area,Solar  - Actual Aggregated [MW]\n' })).toBe('generation-csv');
    expect(detectImportKind({ head: 'Datum;Anfang;Ende;Photovoltaik [MWh]\n' })).toBe('generation-csv');
    expect(detectImportKind({ head: 'timestamp,solar,wind,gas\n2026-01-01T00:00Z,1,2,3' })).toBe('generation-csv');
    expect(detectImportKind({ name: 'log.csv', head: 'ref,plugged_in,plugged_out,kwh\n' })).toBe('csv-sessions');
  });

  it('returns undefined when unsure, so the user chooses', () => {
    expect(detectImportKind({ head: '{"hello": 1}' })).toBeUndefined();
    expect(detectImportKind({ head: '' })).toBeUndefined();
  });
});
