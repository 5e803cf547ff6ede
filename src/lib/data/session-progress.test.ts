import { describe, expect, it } from 'vitest';
import type { SessionRow } from './db';
import { sessionProgress } from './session-progress';

const timeline = { startMs: Date.UTC(2026, 11, 4, 23), slotMinutes: 15 };
const at = (slot: number, minute = 0) => timeline.startMs + slot * 15 * 60_000 + minute * 60_000;
// 15 kWh in slots 36..39 (09:00–10:00 local), booked through slot 39 and finished there.
const row: SessionRow = {
  id: 'a', requestId: 'a', siteId: 's', evseId: 'e1', status: 'finished', startSlot: 36, endSlot: 48, requestedKWh: 15, deliveredKWh: 15,
  greenKWh: 6, bySourceKWh: {}, co2G: 0, cost: 3, kwBySlot: { 36: 15, 37: 15, 38: 15, 39: 15 }, greenKWhBySlot: { 36: 1.5, 37: 1.5, 38: 1.5, 39: 1.5 },
  plan: null, mine: true, updatedMs: 0, finishedSlot: 39, finishReason: 'energy-met'
};

describe('session progress as of the clock', () => {
  it('counts only the slots that have run: at 09:44 the booked 09:45 slot is not delivered yet and the session is still charging', () => {
    const p = sessionProgress({ row, timeline, nowMs: at(38, 14) });
    expect(p.status).toBe('charging');
    expect(p.deliveredKWh).toBeCloseTo(7.5, 9);
    expect(p.greenKWh).toBeCloseTo(3, 9);
    expect(p.throughMs).toBe(at(38));
    expect(p.kwNow).toBe(15);
    expect(p.overMs).toBe(at(40));
  });

  it('is finished, with everything delivered, only once its last slot is over', () => {
    expect(sessionProgress({ row, timeline, nowMs: at(39, 14) }).status).toBe('charging');
    const done = sessionProgress({ row, timeline, nowMs: at(40) });
    expect(done).toMatchObject({ status: 'finished', deliveredKWh: 15, greenKWh: 6, kwNow: 0, ranShare: 1 });
  });

  it('waits before its first slot and pauses in a slot without power', () => {
    expect(sessionProgress({ row: { ...row, status: 'charging' }, timeline, nowMs: at(35, 14) }).status).toBe('waiting');
    const paused = sessionProgress({ row: { ...row, status: 'paused', kwBySlot: { 36: 15, 38: 15 } }, timeline, nowMs: at(37, 5) });
    expect(paused).toMatchObject({ status: 'paused', kwNow: 0 });
    expect(paused.deliveredKWh).toBeCloseTo(3.75, 9);
  });

  it('treats a v3 row without finishedSlot as over after its last slot with power', () => {
    const { finishedSlot: _f, ...old } = row;
    expect(sessionProgress({ row: old, timeline, nowMs: at(39, 10) }).status).toBe('charging');
    expect(sessionProgress({ row: old, timeline, nowMs: at(40) }).status).toBe('finished');
  });
});
