import { describe, expect, it } from 'vitest';
import type { Site } from '$lib/core/grid/site';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import type { SessionRow } from './db';
import { dryRunInput } from './dry-run';

const site: Site = {
  id: 's', name: 's', timezone: 'UTC',
  nodes: [{ id: 'root', parentId: null, limitKw: 20 }],
  evses: [
    { id: 'e1', nodeId: 'root', maxKw: 11, minKw: 0, phase: '3P' },
    { id: 'e2', nodeId: 'root', maxKw: 22, minKw: 0, phase: '3P' }
  ]
};
const timeline = { startMs: 0, slotMinutes: 15 };
const slot = 15 * 60_000;
const candidate: ChargingRequest = {
  id: 'me', requestMs: 2 * slot + 5 * 60_000, arrivalMs: 2 * slot + 5 * 60_000, departureMs: 8 * slot, energyKWh: 10,
  vehicleMaxKw: 7.4, evseId: 'e1', preference: 'green'
};
const other = { id: 'o', requestId: 'o', siteId: 's', evseId: 'e2', status: 'charging', startSlot: 1, endSlot: 6, requestedKWh: 20, deliveredKWh: 5 } as SessionRow;

describe('dry-run input', () => {
  it('builds the candidate’s gate with its window, its car limit and the sessions already on site', () => {
    const { input, startSlot, endSlot, late, gateSlot } = dryRunInput({ site, timeline, sessions: [other], requests: [], candidate });
    expect({ startSlot, endSlot, late, gateSlot }).toEqual({ startSlot: 3, endSlot: 8, late: false, gateSlot: 2 });
    expect(input.firstSlot).toBe(3);
    const me = input.sessions.find((s) => s.id === 'me')!;
    expect(me).toMatchObject({ startSlot: 3, endSlot: 8, maxKw: 7.4, remainingKWh: 10 });
    expect(input.sessions.find((s) => s.id === 'o')).toMatchObject({ startSlot: 3, remainingKWh: 15, maxKw: 22 });
  });

  it('a request in the gate’s last minute starts one slot later', () => {
    const late = { ...candidate, requestMs: 3 * slot - 30_000, arrivalMs: 3 * slot - 30_000 };
    const r = dryRunInput({ site, timeline, sessions: [], requests: [], candidate: late });
    expect(r).toMatchObject({ late: true, gateSlot: 3, startSlot: 4 });
    expect(r.input.firstSlot).toBe(4);
  });
});
