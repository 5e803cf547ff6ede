import { describe, expect, it } from 'vitest';
import { createCpoStore } from '../ocpi-server/cpo-store';

describe('the test CPO store', () => {
  it('reset forgets generated sessions and their CDRs, stopped ones included, and keeps added objects', () => {
    const store = createCpoStore({ nowMs: Date.parse('2026-03-02T07:00:00Z') });
    store.add('sessions', { country_code: 'NL', party_id: 'EXA', id: '101', status: 'COMPLETED', last_updated: '2015-06-29T22:39:09Z' });
    store.startSession({ id: 'done', kw: 6 });
    store.advance(15);
    store.stopSession('done');
    store.startSession({ id: 'running', kw: 6 });
    expect(store.list('sessions')).toHaveLength(3);
    expect(store.list('cdrs')).toHaveLength(1);

    store.reset(Date.parse('2026-03-02T07:00:00Z'));
    expect(store.list('sessions').map((s) => s.id)).toEqual(['101']);
    expect(store.list('cdrs')).toEqual([]);
  });
});
