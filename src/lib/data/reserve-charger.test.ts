import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb, type RequestRow, type SessionRow } from './db';
import { DEFAULT_SITE } from './default-site';
import { saveSite } from './site-store';
import { ChargerTakenError, reserveCharger } from './reserve-charger';

const evse = DEFAULT_SITE.evses[0];

function request(id: string, evseId: string | null = evse.id): RequestRow {
  return { id, siteId: DEFAULT_SITE.id, createdMs: 0, requestMs: 0, arrivalMs: 0, departureMs: 3_600_000, energyKWh: 5, vehicleMaxKw: 11, evseId, preference: 'balanced', origin: 'app' };
}
function waiting(id: string, evseId = evse.id): SessionRow {
  return { id, requestId: id, siteId: DEFAULT_SITE.id, evseId, status: 'waiting', startSlot: 1, endSlot: 4, requestedKWh: 5, deliveredKWh: 0, greenKWh: 0, bySourceKWh: {}, co2G: 0, cost: 0, kwBySlot: {}, greenKWhBySlot: {}, plan: null, mine: true, updatedMs: 0 };
}

async function fresh(name: string) {
  const db = createDb({ name, dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
  await saveSite({ db, site: DEFAULT_SITE });
  return db;
}

describe('a request reserves its charger at once', () => {
  it('stores the request and its waiting session and marks the charger RESERVED in the same transaction', async () => {
    const db = await fresh('reserve');
    await reserveCharger({ db, request: request('a'), session: waiting('a') });
    expect((await db.evses.get([DEFAULT_SITE.id, evse.id]))?.status).toBe('RESERVED');
    expect(await db.requests.get('a')).toBeDefined();
    expect((await db.sessions.get('a'))?.status).toBe('waiting');
  });

  it('error: a second request on the same charger gets a named, friendly refusal and changes nothing', async () => {
    const db = await fresh('second');
    await reserveCharger({ db, request: request('a'), session: waiting('a'), evseName: 'A1-1' });
    const second = reserveCharger({ db, request: request('b'), session: waiting('b'), evseName: 'A1-1' });
    await expect(second).rejects.toThrow(ChargerTakenError);
    await expect(reserveCharger({ db, request: request('b'), session: waiting('b'), evseName: 'A1-1' })).rejects.toThrow('Charger A1-1 was just reserved by another request. Pick another free charger.');
    expect(await db.requests.get('b')).toBeUndefined();
    expect(await db.sessions.get('b')).toBeUndefined();
  });

  it('error: two requests racing for one charger (two tabs) — exactly one wins, the other is refused in words', async () => {
    const db = await fresh('race');
    const results = await Promise.allSettled([
      reserveCharger({ db, request: request('a'), session: waiting('a') }),
      reserveCharger({ db, request: request('b'), session: waiting('b') })
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ChargerTakenError);
    expect(await db.requests.count()).toBe(1);
  });

  it('error: an out-of-order charger or a held one is refused with the reason', async () => {
    const db = await fresh('broken');
    await db.evses.update([DEFAULT_SITE.id, evse.id], { status: 'OUTOFORDER' });
    await expect(reserveCharger({ db, request: request('a'), session: waiting('a'), evseName: 'A1-1' })).rejects.toThrow('Charger A1-1 is out of order.');
    const other = DEFAULT_SITE.evses[1];
    await db.sessions.put({ ...waiting('sim', other.id), status: 'charging', mine: false });
    await expect(reserveCharger({ db, request: request('c', other.id), session: waiting('c', other.id) })).rejects.toThrow(/just reserved by another request/);
  });

  it('error: the same request sent twice is refused in words, not with a database error', async () => {
    const db = await fresh('twice');
    await db.evses.update([DEFAULT_SITE.id, evse.id], { status: 'AVAILABLE' });
    await db.requests.add(request('a', DEFAULT_SITE.evses[2].id));
    await expect(reserveCharger({ db, request: request('a'), session: waiting('a') })).rejects.toThrow('This request was already sent. Open My sessions to follow it.');
  });
});
