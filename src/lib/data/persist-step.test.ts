import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createEngine } from '$lib/core/engine/engine';
import { edfScheduler } from '$lib/core/baselines/edf';
import { parseReceipt } from '$lib/chain/receipt';
import { DEFAULT_SITE } from './default-site';
import { createDb } from './db';
import { persistStep } from './persist-step';
import { saveSite } from './site-store';

const slotMs = 15 * 60_000;
const timeline = { startMs: Date.UTC(2026, 5, 1) - 2 * 3_600_000, slotMinutes: 15 };
const t = (slot: number) => timeline.startMs + slot * slotMs;

describe('persisting engine steps', () => {
  it('writes sessions, slot results, EVSE statuses and a valid receipt when a session finishes', async () => {
    const db = createDb({ name: 'persist', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const site = DEFAULT_SITE;
    const evse = site.evses[0];
    await saveSite({ db, site });
    const request = {
      id: 'app-1', requestMs: t(39) + 60_000, arrivalMs: t(39) + 60_000, departureMs: t(46),
      energyKWh: 5, vehicleMaxKw: 11, evseId: evse.id, preference: 'fast' as const, origin: 'app' as const
    };
    await db.requests.add({ ...request, siteId: site.id, createdMs: 0 });
    const engine = createEngine({ site, timeline, requests: [request], scheduler: edfScheduler, startSlot: 40, endSlot: 47 });
    let statusAtStart = '';
    for (let i = 0; i < 7; i++) {
      const report = await engine.step();
      const snapshot = engine.snapshot();
      const nowMs = t(report.slot);
      await persistStep({ db, snapshot, slot: report.slot, gate: report.gate, site, timeline, nowMs, settings: { nextSlot: snapshot.nextSlot }, schedulerAt: () => ({ scheduler: 'edf' }) });
      if (i === 1) statusAtStart = (await db.evses.get([site.id, evse.id]))!.status;
    }
    const row = (await db.sessions.get('app-1'))!;
    expect(row.mine).toBe(true);
    expect(row.status).toBe('finished');
    expect(row.deliveredKWh).toBeCloseTo(5, 6);
    expect(Object.values(row.greenKWhBySlot).reduce((a, b) => a + b, 0)).toBeCloseTo(row.greenKWh, 9);
    expect(statusAtStart).toBe('CHARGING');
    expect(await db.slotResults.count()).toBe(7);
    const receipt = parseReceipt({ json: (await db.receipts.get('app-1'))!.json });
    expect(receipt.deliveredWh).toBe(5000);
    expect(receipt.stationId).toBe(evse.id);
    expect(receipt.scheduler).toBe('edf');
    expect(await db.settings.get('demo')).toEqual({ key: 'demo', value: { nextSlot: 47 } });
  });
});
