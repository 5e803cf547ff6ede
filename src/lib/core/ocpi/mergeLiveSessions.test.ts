import { describe, expect, it } from 'vitest';
import { mergeLiveSessions } from './mergeLiveSessions';
import type { LiveSession } from './parseOcpiLive';

const session = (key: string, lastUpdatedMs: number, kwh: number): LiveSession => ({
  key,
  countryCode: 'DE',
  partyId: 'GSL',
  id: key,
  status: 'ACTIVE',
  startMs: 0,
  kwh,
  locationId: 'L',
  evseUid: 'E1',
  connectorId: '1',
  currency: 'EUR',
  periods: [],
  lastUpdatedMs
});

describe('mergeLiveSessions', () => {
  it('keeps the newest version of a session whatever order the updates arrive in', () => {
    const r = mergeLiveSessions({ stored: new Map(), storedCdrs: new Map(), sessions: [session('a', 3, 3), session('a', 1, 1), session('a', 2, 2)], cdrs: [] });
    expect(r.sessions.map((s) => s.kwh)).toEqual([3]);
    expect(r.stale).toEqual(['a', 'a']);
  });

  it('ignores an update older than the stored one (out of order) and a re-delivery of the same one', () => {
    const stored = new Map([['a', { key: 'a', lastUpdatedMs: 5 }]]);
    const r = mergeLiveSessions({ stored, storedCdrs: new Map(), sessions: [session('a', 4, 9), session('a', 5, 9)], cdrs: [] });
    expect(r.sessions).toEqual([]);
    expect(r.stale).toEqual(['a']);
    expect(r.unchanged).toEqual(['a']);
  });

  it('writes a newer version over the stored one', () => {
    const stored = new Map([['a', { key: 'a', lastUpdatedMs: 5 }]]);
    const r = mergeLiveSessions({ stored, storedCdrs: new Map(), sessions: [session('a', 6, 7)], cdrs: [] });
    expect(r.sessions.map((s) => s.kwh)).toEqual([7]);
  });
});
