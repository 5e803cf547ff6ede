import { describe, expect, it } from 'vitest';
import type { EngineSnapshot, SessionState } from '$lib/core/engine/types';
import type { EvseRow } from './db';
import { evseStatuses, sessionRow } from './step-rows';

const base: SessionState = {
  id: 's1', evseId: 'e1', nodeId: 'n', requestedEvseId: 'e1', requestMs: 0, arrivalMs: 0, departureMs: 3_600_000,
  admittedGateSlot: 0, startSlot: 1, endSlot: 4, requestedKWh: 10, maxKw: 11, minKw: 0, preference: 'balanced',
  status: 'charging', limited: false, deliveredKWh: 2, greenKWh: 1, onSitePvKWh: 0, bySourceKWh: { wind: 1, gas: 1 },
  co2G: 400, cost: 0.5, kwBySlot: [8], plan: { planFirstSlot: 2, plannedKw: [8, 0], plannedKWh: 2, expectedFinishSlot: 2, expectedGreenShare: 0.5, shortfallKWh: 0 }
};

describe('session rows from engine snapshots', () => {
  it('books the growth of green kWh to the slot just run and keys power by absolute slot', () => {
    const first = sessionRow({ session: base, siteId: 'site', slot: 1, mine: true, nowMs: 1 });
    expect(first.kwBySlot).toEqual({ 1: 8 });
    expect(first.greenKWhBySlot).toEqual({ 1: 1 });
    const second = sessionRow({ session: { ...base, greenKWh: 2.5, deliveredKWh: 4, kwBySlot: [8, 8] }, previous: first, siteId: 'site', slot: 2, mine: true, nowMs: 2 });
    expect(second.kwBySlot).toEqual({ 1: 8, 2: 8 });
    expect(second.greenKWhBySlot).toEqual({ 1: 1, 2: 1.5 });
    expect(second.plan).toEqual({ firstSlot: 2, kw: [8, 0], expectedFinishSlot: 2, expectedGreenShare: 0.5, shortfallKWh: 0 });
  });
});

describe('EVSE statuses', () => {
  const evses = (['e1', 'e2', 'e3', 'e4'] as const).map((id): EvseRow => ({ id, siteId: 'site', nodeId: 'n', maxKw: 11, minKw: 0, phase: '3P', status: id === 'e4' ? 'OUTOFORDER' : 'AVAILABLE' }));
  const snapshot = {
    sessions: [
      { ...base, id: 'a', evseId: 'e1', arrivalMs: 0, departureMs: 10_000 },
      { ...base, id: 'b', evseId: 'e2', arrivalMs: 20_000, departureMs: 30_000, status: 'waiting' },
      { ...base, id: 'c', evseId: 'e4', arrivalMs: 0, departureMs: 10_000 }
    ]
  } as unknown as EngineSnapshot;

  it('marks plugged-in EVSEs CHARGING, future arrivals RESERVED, others AVAILABLE, and keeps manual statuses', () => {
    expect(evseStatuses({ evses, snapshot, nowMs: 5_000 })).toEqual({ e1: 'CHARGING', e2: 'RESERVED', e3: 'AVAILABLE', e4: 'OUTOFORDER' });
    expect(evseStatuses({ evses, snapshot, nowMs: 12_000 })).toEqual({ e1: 'AVAILABLE', e2: 'RESERVED', e3: 'AVAILABLE', e4: 'OUTOFORDER' });
  });
});
