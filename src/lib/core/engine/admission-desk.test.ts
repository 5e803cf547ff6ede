import { describe, expect, it } from 'vitest';
import { smallSite, TEST_START_MS, TEST_TIMELINE } from '../testing/small-site';
import type { ChargingRequest } from '../model/charging-request';
import { createAdmissionDesk, requestProblem } from './admission-desk';

const MIN = 60_000;
const request = (id: string, evseId: string | null, arriveMin: number, leaveMin: number): ChargingRequest => ({
  id,
  requestMs: TEST_START_MS + arriveMin * MIN,
  arrivalMs: TEST_START_MS + arriveMin * MIN,
  departureMs: TEST_START_MS + leaveMin * MIN,
  energyKWh: 5,
  vehicleMaxKw: 7.4,
  evseId,
  preference: 'balanced'
});

describe('createAdmissionDesk', () => {
  it('hands the EVSE to the next car once the previous one has left', () => {
    const desk = createAdmissionDesk({ site: smallSite({ evses: 1 }), timeline: TEST_TIMELINE });
    desk.receive(request('first', 'e0', 0, 50));
    desk.receive(request('second', 'e0', 1, 200));
    const gate0 = desk.admitAtGate(0);
    expect(gate0.admitted.map((a) => [a.request.id, a.startSlot, a.endSlot, a.maxKw])).toEqual([['first', 1, 3, 7.4]]);
    expect(gate0.queued).toEqual([{ request: expect.objectContaining({ id: 'second' }), reason: 'no free EVSE', firstTime: true }]);
    expect(desk.admitAtGate(1).queued[0].firstTime).toBe(false);
    // `first` leaves at minute 50 (inside slot 3): from slot 4 on the EVSE is free.
    expect(desk.admitAtGate(2).admitted).toEqual([]);
    const gate3 = desk.admitAtGate(3);
    expect(gate3.admitted.map((a) => [a.request.id, a.evseId, a.startSlot])).toEqual([['second', 'e0', 4]]);
    expect(desk.pendingCount()).toBe(0);
  });

  it('prefers a free EVSE under the same node, and gives a car without a choice the first free one', () => {
    const desk = createAdmissionDesk({ site: smallSite({ evses: 4 }), timeline: TEST_TIMELINE }); // f0: e0, e2; f1: e1, e3
    desk.receive(request('a', 'e2', 0, 100));
    desk.receive(request('b', 'e2', 1, 100));
    desk.receive(request('c', null, 2, 100));
    desk.receive(request('d', 'nope', 3, 100));
    const { admitted } = desk.admitAtGate(0);
    expect(admitted.map((a) => [a.request.id, a.evseId, a.reassigned])).toEqual([
      ['a', 'e2', false],
      ['b', 'e0', true],
      ['c', 'e1', true],
      ['d', 'e3', true]
    ]);
  });

  it('error: names what is wrong with an unusable request', () => {
    expect(requestProblem(request('ok', 'e0', 0, 10))).toBeNull();
    expect(requestProblem({ ...request('x', 'e0', 0, 10), departureMs: Number.POSITIVE_INFINITY })).toContain('departureMs must be a finite epoch ms');
    expect(requestProblem({ ...request('x', 'e0', 10, 10) })).toBe('departure must come after arrival');
    expect(requestProblem({ ...request('x', 'e0', 0, 10), vehicleMaxKw: 0 })).toContain('vehicleMaxKw');
  });
});
