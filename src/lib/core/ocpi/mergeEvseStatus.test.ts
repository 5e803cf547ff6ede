import { describe, expect, it } from 'vitest';
import { mergeEvseStatus } from './mergeEvseStatus';

describe('mergeEvseStatus', () => {
  it('adds new EVSEs, takes newer entries and keeps a newer known status against a late poll', () => {
    const state = {
      A: { status: 'CHARGING' as const, lastUpdatedMs: 200 },
      B: { status: 'AVAILABLE' as const, lastUpdatedMs: 100 }
    };
    const incoming = {
      A: { status: 'AVAILABLE' as const, lastUpdatedMs: 150 },
      B: { status: 'OUTOFORDER' as const, lastUpdatedMs: 300 },
      C: { status: 'AVAILABLE' as const, lastUpdatedMs: 50 }
    };
    const r = mergeEvseStatus({ state, incoming });
    expect(r.state).toEqual({ A: state.A, B: incoming.B, C: incoming.C });
    expect(r.changedUids).toEqual(['B', 'C']);
    expect(state.B.status).toBe('AVAILABLE');
  });
});
