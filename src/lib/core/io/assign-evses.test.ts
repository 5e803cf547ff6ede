import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Site } from '../grid/site';
import type { ChargingRequest } from '../model/charging-request';
import { assignEvses } from './assign-evses';

const H = 3_600_000;
const site = (ids: string[]): Site => ({
  id: 's',
  name: 's',
  timezone: 'UTC',
  nodes: [{ id: 'root', parentId: null, limitKw: 100 }],
  evses: ids.map((id) => ({ id, nodeId: 'root', maxKw: 7, minKw: 0, phase: '3P' as const }))
});
const req = (id: string, evseId: string | null, fromH: number, toH: number): ChargingRequest => ({
  id,
  requestMs: fromH * H,
  arrivalMs: fromH * H,
  departureMs: toH * H,
  energyKWh: 5,
  vehicleMaxKw: 7,
  evseId,
  preference: 'balanced'
});

describe('assignEvses', () => {
  it('keeps a logged EVSE that the site has and that is free for the whole stay', () => {
    const out = assignEvses({ site: site(['A', 'B']), requests: [req('1', 'A', 0, 2), req('2', 'A', 2, 4)] });
    expect(out.requests.map((r) => r.evseId)).toEqual(['A', 'A']);
    expect(out.reassigned).toEqual([]);
    expect(out.unassigned).toEqual([]);
  });

  it('moves a session whose EVSE is busy, unknown or missing to a free one, saying why', () => {
    const out = assignEvses({ site: site(['A', 'B', 'C']), requests: [req('1', 'A', 0, 5), req('2', 'A', 1, 3), req('3', 'CA-999', 1, 3), req('4', null, 1, 3)] });
    expect(out.requests.map((r) => r.evseId)).toEqual(['A', 'B', 'C', null]);
    expect(out.reassigned).toEqual([
      { id: '2', fromEvseId: 'A', toEvseId: 'B', reason: 'busy' },
      { id: '3', fromEvseId: 'CA-999', toEvseId: 'C', reason: 'unknown' }
    ]);
    expect(out.unassigned).toEqual([{ id: '4', fromEvseId: null, reason: 'none' }]);
  });

  it('prefers the EVSE idle longest, keeps input order, and does not modify its input', () => {
    const input = [req('late', 'X', 5, 6), req('a', 'A', 0, 1), req('b', 'B', 0, 4)];
    const copy = structuredClone(input);
    const out = assignEvses({ site: site(['A', 'B']), requests: input });
    expect(input).toEqual(copy);
    expect(out.requests.map((r) => r.id)).toEqual(['late', 'a', 'b']);
    // A was released at 1 h and B at 4 h: A has been idle longest.
    expect(out.requests[0].evseId).toBe('A');
  });

  it('never puts two overlapping sessions on one EVSE, and assigns whenever an EVSE is free', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 1, max: 12 }), evse: fc.constantFrom('A', 'B', 'C', 'Z', null) }), { maxLength: 40 }),
        (rows) => {
          const s = site(['A', 'B', 'C']);
          const requests = rows.map((r, i) => req(`r${i}`, r.evse, r.from, r.from + r.len));
          const out = assignEvses({ site: s, requests });
          for (const a of out.requests) {
            for (const b of out.requests) {
              if (a !== b && a.evseId !== null && a.evseId === b.evseId) expect(a.departureMs <= b.arrivalMs || b.departureMs <= a.arrivalMs).toBe(true);
            }
          }
          for (const u of out.unassigned) {
            const r = out.requests.find((q) => q.id === u.id) as ChargingRequest;
            // Every EVSE was taken by a session overlapping this one's stay.
            for (const e of ['A', 'B', 'C']) {
              expect(out.requests.some((o) => o.evseId === e && o.arrivalMs < r.departureMs && o.departureMs > r.arrivalMs)).toBe(true);
            }
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});
