import { describe, expect, it } from 'vitest';
import type { EngineSnapshot, SessionState, SlotRecord } from '$lib/core/engine/types';
import { greenSupplyFromSlotRecord } from '$lib/chain/greenSupplyFromSlotRecord';
import { slotSupplyEvidence } from '$lib/chain/slotSupplyEvidence';
import type { EvseRow } from './db';
import { evseStatuses, sessionRow, slotResultRow } from './step-rows';

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

describe('slot rows from engine slot records', () => {
  const record: SlotRecord = {
    slot: 29, startMs: 1_764_000_000_000, evKw: 18, evEnergyKWh: 4.5, greenKWh: 2.1, greenShare: 2.1 / 4.5, baseLoadKw: 3, pvKw: 7.25,
    netLoadKw: 13.75, limitKw: 60, nodes: [{ nodeId: 'root', evKw: 18, baseLoadKw: 3, pvKw: 7.25, netLoadKw: 13.75, limitKw: 60 }],
    overloads: [], overKw: 0, gridMix: { wind: 0.31, hydro: 0.04, gas: 0.65 }, co2GPerKWh: 280, pricePerKWh: 0.27, chargingSessions: 2
  };

  it('stores every supply evidence field, so the stored row gives the same green supply and evidence hash as the engine record', () => {
    const row = structuredClone(slotResultRow({ record, gate: null, siteId: 'site' })); // as IndexedDB hands it back
    expect(slotSupplyEvidence({ record: row })).toEqual(slotSupplyEvidence({ record }));
    expect(greenSupplyFromSlotRecord({ record: slotSupplyEvidence({ record: row })!, slotMinutes: 15 })).toEqual(greenSupplyFromSlotRecord({ record, slotMinutes: 15 }));
  });

  it('copies the grid mix instead of sharing the engine’s object', () => {
    const row = slotResultRow({ record, gate: null, siteId: 'site' });
    expect(row.gridMix).toEqual(record.gridMix);
    expect(row.gridMix).not.toBe(record.gridMix);
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
