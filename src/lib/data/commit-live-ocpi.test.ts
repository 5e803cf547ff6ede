import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseReceipt } from '$lib/chain/receipt';
import { ValidationError } from '$lib/core/errors';
import { createDb, type GreenSlotDb, type SessionRow, type SlotResultRow } from './db';
import { DEFAULT_SITE } from './default-site';
import { ingestLiveOcpi } from './ingest-live-ocpi';
import { saveSite } from './site-store';
import { defaultSettings } from '$lib/state/demo-settings';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const at = (h: number, m: number) => new Date(T0 + (h * 60 + m) * 60_000).toISOString().replace('.000Z', 'Z');
const evse = DEFAULT_SITE.evses[0].id;

const ocpiSession = (kwh: number, lastUpdated: string, periods: { start: string; kwh: number }[], extra: Record<string, unknown> = {}) => ({
  country_code: 'DE',
  party_id: 'GSL',
  id: 'S-1',
  start_date_time: at(8, 0),
  kwh,
  authorization_reference: 'gs-1',
  location_id: 'LIVE-1',
  evse_uid: evse,
  connector_id: '1',
  currency: 'EUR',
  charging_periods: periods.map((p) => ({ start_date_time: p.start, dimensions: [{ type: 'ENERGY', volume: p.kwh }] })),
  status: 'ACTIVE',
  last_updated: lastUpdated,
  ...extra
});

async function setup(): Promise<GreenSlotDb> {
  const db = createDb({ name: `live-${Math.random()}`, dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
  await saveSite({ db, site: DEFAULT_SITE });
  const settings = { ...defaultSettings({ site: DEFAULT_SITE, nowMs: T0 + 3_600_000 }), timeline: { startMs: T0, slotMinutes: 15 } };
  await db.settings.put({ key: 'demo', value: settings });
  const session: SessionRow = {
    id: 'gs-1', requestId: 'gs-1', siteId: DEFAULT_SITE.id, evseId: evse, status: 'finished', startSlot: 32, endSlot: 40,
    requestedKWh: 10, deliveredKWh: 9, greenKWh: 4, bySourceKWh: { wind: 4, gas: 5 }, co2G: 3000, cost: 2,
    kwBySlot: { 32: 12, 33: 12, 34: 12 }, greenKWhBySlot: { 32: 1, 33: 1.5, 34: 1.5 }, plan: null, mine: true, updatedMs: 0
  };
  await db.sessions.put(session);
  // The engine's slot rows: the EVs' green share is 50 % in slot 32, 25 % in 33, 100 % in 34.
  const row = (slot: number, ev: number, green: number): SlotResultRow => ({
    slot, siteId: DEFAULT_SITE.id, nodes: [], evKw: ev * 4, greenShare: green / ev, co2GPerKWh: 300, pricePerKWh: 0.3, gate: null,
    evEnergyKWh: ev, greenKWh: green, gridMix: { wind: 0.4, gas: 0.6 }
  });
  await db.slotResults.bulkPut([row(32, 10, 5), row(33, 8, 2), row(34, 4, 4)]);
  await db.receipts.put({ sessionId: 'gs-1', json: '{"simulated":true}', createdMs: 1 });
  return db;
}

const cdr = (extra: Record<string, unknown> = {}) => ({
  country_code: 'DE',
  party_id: 'GSL',
  id: 'CDR-1',
  session_id: 'S-1',
  start_date_time: at(8, 0),
  end_date_time: at(8, 45),
  cdr_location: { id: 'LIVE-1', evse_uid: evse, connector_id: '1' },
  currency: 'EUR',
  charging_periods: [
    { start_date_time: at(8, 0), dimensions: [{ type: 'ENERGY', volume: 2 }] },
    { start_date_time: at(8, 15), dimensions: [{ type: 'ENERGY', volume: 2 }] },
    { start_date_time: at(8, 30), dimensions: [{ type: 'ENERGY', volume: 2 }] }
  ],
  total_cost: { excl_vat: 2.1 },
  total_energy: 6,
  total_time: 0.75,
  last_updated: at(8, 46),
  ...extra
});

describe('live OCPI sessions and CDRs in the database', () => {
  it('links a session to the GreenSlot request by authorization_reference and keeps the newest update, ignoring an older one delivered late', async () => {
    const db = await setup();
    await ingestLiveOcpi({ db, json: [ocpiSession(2, at(8, 15), [{ start: at(8, 0), kwh: 2 }])], backend: 'http://localhost:4187' });
    const r = await ingestLiveOcpi({ db, json: [ocpiSession(1, at(8, 10), [{ start: at(8, 0), kwh: 1 }])], backend: 'http://localhost:4187' });
    expect(r.stale).toEqual(['DE*GSL*S-1']);
    const row = await db.liveSessions.get('DE*GSL*S-1');
    expect(row).toMatchObject({ kwh: 2, linkedSessionId: 'gs-1', backend: 'http://localhost:4187' });
  });

  it('issues the receipt from the CDR: delivered = total_energy, green = Σ slot kWh × the slot green share, source named, previous figures kept', async () => {
    const db = await setup();
    await ingestLiveOcpi({ db, json: [ocpiSession(6, at(8, 45), [{ start: at(8, 0), kwh: 6 }], { status: 'COMPLETED', end_date_time: at(8, 45) })], backend: 'http://localhost:4187', receivedMs: 111 });
    // A COMPLETED session without its CDR yet issues nothing.
    expect(await db.receiptSources.get('gs-1')).toBeUndefined();
    const r = await ingestLiveOcpi({ db, json: { data: [cdr()], status_code: 1000 }, backend: 'http://localhost:4187', receivedMs: 222 });
    expect(r.receiptsIssued).toEqual(['gs-1']);
    const receipt = parseReceipt({ json: (await db.receipts.get('gs-1'))!.json }) as ReturnType<typeof parseReceipt> & Record<string, unknown>;
    expect(receipt.deliveredWh).toBe(6000);
    // 2 kWh × 50 % + 2 × 25 % + 2 × 100 % = 3.5 kWh.
    expect(receipt.claims).toEqual([
      { slot: 32, greenWh: 1000 },
      { slot: 33, greenWh: 500 },
      { slot: 34, greenWh: 2000 }
    ]);
    expect(receipt.greenWh).toBe(3500);
    expect(receipt.source).toMatchObject({ kind: 'ocpi-cdr', cdrId: 'CDR-1', backend: 'http://localhost:4187', receivedAtMs: 222, energyMethod: 'period-energy' });
    expect(receipt.cost).toBe(2.1);
    expect((await db.receiptSources.get('gs-1'))?.previousJson).toBe('{"simulated":true}');
  });

  it('re-issues the receipt when a newer CDR arrives and keeps the first receipt as the previous one', async () => {
    const db = await setup();
    await ingestLiveOcpi({ db, json: [ocpiSession(6, at(8, 45), [], { status: 'COMPLETED', end_date_time: at(8, 45) })], backend: 'b' });
    await ingestLiveOcpi({ db, json: [cdr()], backend: 'b' });
    const first = (await db.receipts.get('gs-1'))!.json;
    const r = await ingestLiveOcpi({ db, json: [cdr({ total_energy: 5, last_updated: at(9, 0) })], backend: 'b' });
    expect(r.receiptsIssued).toEqual(['gs-1']);
    const second = JSON.parse((await db.receipts.get('gs-1'))!.json);
    expect(second.deliveredWh).toBe(5000);
    expect(second.previous).toMatchObject({ deliveredWh: 6000, greenWh: 3500, source: 'ocpi-cdr' });
    expect(JSON.parse(first).deliveredWh).toBe(6000);
  });

  it('caps a slot\'s claim at the green energy the site\'s EVs got in it and says so; both CO2 figures carry their method', async () => {
    const db = await setup();
    const T = (h: number, m: number) => T0 + (h * 60 + m) * 60_000;
    await db.carbonSeries.bulkPut([
      { id: 'a', kind: 'average', provider: 'Electricity Maps', zone: 'DE', periodMs: 3_600_000, points: [{ startMs: T(8, 0), gPerKWh: 300 }], method: 'avg', importedMs: 1 },
      { id: 'm', kind: 'marginal', provider: 'WattTime', zone: 'BA', periodMs: 900_000, points: [32, 33, 34, 35, 36, 37].map((slot) => ({ startMs: T0 + slot * 900_000, gPerKWh: slot === 34 ? 100 : 800 })), method: 'moer', importedMs: 1 }
    ]);
    await ingestLiveOcpi({ db, json: [ocpiSession(6, at(8, 45), [], { status: 'COMPLETED', end_date_time: at(8, 45) })], backend: 'b' });
    // 6 kWh all in slot 34 (08:30–08:45): green share 100 %, but the slot's EVs got only 4 kWh green.
    await ingestLiveOcpi({ db, json: [cdr({ charging_periods: [{ start_date_time: at(8, 30), dimensions: [{ type: 'ENERGY', volume: 6 }] }], start_date_time: at(8, 30) })], backend: 'b' });
    const receipt = JSON.parse((await db.receipts.get('gs-1'))!.json);
    expect(receipt.claims).toEqual([{ slot: 34, greenWh: 4000 }]);
    expect(receipt.source.warnings[0]).toMatch(/slot 34: measured green 6 kWh exceeds the slot's green supply 4 kWh/);
    expect(receipt.co2Attributed).toEqual({ g: 1800, method: 'attributional: kWh per slot × Electricity Maps DE average consumption-mix intensity' });
    // Delivered: 6 kWh × 100 g. On arrival at 08:30 at the EVSE's 11 kW: 2.75 kWh × 100 + 3.25 kWh × 800.
    expect(receipt.co2AvoidedVersusArrival.method).toMatch(/^consequential: the same kWh at 11 kW from plug-in/);
    expect(receipt.co2AvoidedVersusArrival.g).toBeCloseTo(2.75 * 100 + 3.25 * 800 - 600, 1);
  });

  it('splits the CDR energy by source with an imported consumption mix (power-breakdown) where it covers the slot', async () => {
    const db = await setup();
    await db.carbonSeries.put({
      id: 'a', kind: 'average', provider: 'Electricity Maps', zone: 'DE', periodMs: 3_600_000, method: 'avg', importedMs: 1,
      points: [{ startMs: T0 + 8 * 3_600_000, gPerKWh: 415.5 }], mixes: [{ startMs: T0 + 8 * 3_600_000, mix: { solar: 0.5, coal: 0.5 } }]
    });
    await ingestLiveOcpi({ db, json: [ocpiSession(6, at(8, 45), [], { status: 'COMPLETED', end_date_time: at(8, 45) })], backend: 'b' });
    await ingestLiveOcpi({ db, json: [cdr()], backend: 'b' });
    const receipt = JSON.parse((await db.receipts.get('gs-1'))!.json);
    // Green 3.5 kWh (the engine's shares) goes to the mix's green source, the rest to its fossil one.
    expect(receipt.sourcesWh).toEqual({ solar: 3500, coal: 2500 });
  });

  it('stores a CDR for an unknown session without issuing any receipt', async () => {
    const db = await setup();
    const r = await ingestLiveOcpi({ db, json: [cdr({ id: 'CDR-X', session_id: 'NOPE', cdr_location: { id: 'LIVE-1', evse_uid: 'ZZ', connector_id: '1' } })], backend: 'b' });
    expect(r.unlinkedCdrs).toEqual(['DE*GSL*CDR-X']);
    expect(r.receiptsIssued).toEqual([]);
    expect((await db.receipts.get('gs-1'))?.json).toBe('{"simulated":true}');
  });

  it('error: a batch with one bad object is refused by JSON path and nothing stored changes', async () => {
    const db = await setup();
    await ingestLiveOcpi({ db, json: [ocpiSession(2, at(8, 15), [])], backend: 'b' });
    const before = await db.liveSessions.toArray();
    await expect(ingestLiveOcpi({ db, json: [ocpiSession(3, at(8, 30), []), cdr({ total_energy: 'lots' })], backend: 'b' })).rejects.toThrow(ValidationError);
    await expect(ingestLiveOcpi({ db, json: [cdr({ total_energy: 'lots' })], backend: 'b' })).rejects.toThrow(/\$\[0\]\.total_energy: expected number, got string/);
    expect(await db.liveSessions.toArray()).toEqual(before);
    expect(await db.liveCdrs.count()).toBe(0);
  });
});
