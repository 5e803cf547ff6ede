import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createDb } from './db';
import { dayRestartImpact, dayRestartWarning } from './day-restart-impact';

describe('dayRestartImpact', () => {
  it('counts only the drivers’ own sessions, and the receipts', async () => {
    const db = createDb({ name: 'restart-impact', dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange } });
    const session = (id: string, mine: boolean) => ({ id, mine }) as never;
    await db.sessions.bulkPut([session('a', true), session('b', false), session('c', true)]);
    await db.receipts.put({ sessionId: 'a', createdMs: 1 } as never);
    expect(await dayRestartImpact({ db })).toEqual({ driverSessions: 2, receipts: 1 });
  });
});

describe('dayRestartWarning', () => {
  it('says what happens and how many records it affects', () => {
    const text = dayRestartWarning({ action: 'Replaying boulder.csv', impact: { driverSessions: 2, receipts: 1 } });
    expect(text).toContain('Replaying boulder.csv restarts the demo day');
    expect(text).toContain('2 driver session(s) in "My sessions" and 1 receipt(s)');
  });

  it('says nothing when no driver record would be lost', () => {
    expect(dayRestartWarning({ action: 'x', impact: { driverSessions: 0, receipts: 0 } })).toBe('');
  });
});
