import { describe, expect, it } from 'vitest';
import { writeOcpiCdr } from '$lib/core/ocpi/writeOcpiCdr';
import { writeSessionsCsv } from '$lib/core/ocpp/writeSessionsCsv';
import { writeSlotResultsCsv } from '$lib/core/ocpp/writeSlotResultsCsv';
import { setChargingProfileRequestsFromPlans } from '$lib/core/ocpp/setChargingProfileRequestsFromPlans';
import { DEFAULT_SITE } from './default-site';
import type { RequestRow, SessionRow, SlotResultRow } from './db';
import { cdrPlace, currentPlans, exportSessions, exportSlots } from './export-rows';

const timeline = { startMs: Date.UTC(2026, 2, 2), slotMinutes: 15 };
const evse = DEFAULT_SITE.evses[0].id;

function session(id: string, over: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    requestId: id,
    siteId: DEFAULT_SITE.id,
    evseId: evse,
    status: 'finished',
    startSlot: 30,
    endSlot: 36,
    requestedKWh: 5,
    deliveredKWh: 5,
    greenKWh: 3,
    bySourceKWh: { wind: 3, gas: 2 },
    co2G: 900,
    cost: 1.2,
    kwBySlot: { 30: 10, 31: 10 },
    greenKWhBySlot: {},
    plan: null,
    mine: false,
    updatedMs: 0,
    ...over
  };
}

const request = (id: string): RequestRow => ({
  id,
  siteId: DEFAULT_SITE.id,
  createdMs: 0,
  requestMs: timeline.startMs + 29 * 900_000,
  arrivalMs: timeline.startMs + 29 * 900_000,
  departureMs: timeline.startMs + 36 * 900_000,
  energyKWh: 5,
  vehicleMaxKw: 11,
  evseId: evse,
  preference: 'green'
});

describe('export rows', () => {
  it('turns stored sessions into CSV rows and CDRs with the supplied energy mix', () => {
    const rows = exportSessions({ sessions: [session('s1'), session('orphan')], requests: [request('s1')] });
    expect(rows).toHaveLength(1);
    expect(rows[0].kwBySlot).toEqual([10, 10]);
    expect(writeSessionsCsv({ sessions: rows }).split('\r\n')[1]).toContain('s1');
    const cdr = writeOcpiCdr({ session: rows[0], timeline, place: cdrPlace({ site: { id: 'X', name: 'X site', ocpi: { locationId: 'LOC-9', lastUpdatedMs: 0, city: 'Kiel' } }, evseId: evse }) });
    expect(cdr).toMatchObject({ cdr_location: expect.objectContaining({ id: 'LOC-9', city: 'Kiel' }), total_energy: 5 });
    expect((cdr.energy_mix as { energy_sources: { source: string; percentage: number }[] }).energy_sources).toEqual(
      expect.arrayContaining([{ source: 'WIND', percentage: 60 }])
    );
  });

  it('turns slot results into slot CSV rows with the slot’s grid mix and the sessions that charged', () => {
    const results: SlotResultRow[] = [
      { slot: 31, siteId: DEFAULT_SITE.id, nodes: [{ nodeId: 'root', evKw: 10, baseLoadKw: 5, pvKw: 2, netKw: 13, limitKw: 100, overKw: 0 }], evKw: 10, greenShare: 0.5, co2GPerKWh: 200, pricePerKWh: 0.3, gate: null },
      { slot: 30, siteId: DEFAULT_SITE.id, nodes: [{ nodeId: 'root', evKw: 10, baseLoadKw: 5, pvKw: 2, netKw: 13, limitKw: 100, overKw: 1 }], evKw: 10, greenShare: 0.5, co2GPerKWh: 200, pricePerKWh: 0.3, gate: null }
    ];
    const slots = exportSlots({ results, site: DEFAULT_SITE, timeline, sessions: [session('s1')] });
    expect(slots.map((s) => [s.slot, s.evEnergyKWh, s.greenKWh, s.overKw, s.chargingSessions])).toEqual([
      [30, 2.5, 1.25, 1, 1],
      [31, 2.5, 1.25, 0, 1]
    ]);
    expect(Object.values(slots[0].gridMix).reduce((a, b) => a + (b ?? 0), 0)).toBeCloseTo(1);
    expect(writeSlotResultsCsv({ slots }).split('\r\n')).toHaveLength(4);
  });

  it('cuts the open plans to the newest gate’s first slot and builds OCPP profiles from them', () => {
    const plan = (firstSlot: number, kw: number[]) => ({ firstSlot, kw, expectedFinishSlot: null, expectedGreenShare: 0.5, shortfallKWh: 0 });
    const sessions = [session('a', { status: 'charging', plan: plan(40, [11, 11, 5]) }), session('b', { status: 'charging', plan: plan(41, [7, 0]) }), session('done', { plan: plan(41, [3]) })];
    const { plans, firstSlot } = currentPlans({ sessions });
    expect(firstSlot).toBe(41);
    expect(plans.map((p) => [p.sessionId, p.kw])).toEqual([
      ['a', [11, 5]],
      ['b', [7, 0]]
    ]);
    const { profiles, issues } = setChargingProfileRequestsFromPlans({ plans, site: DEFAULT_SITE, timeline, firstSlot, evseNumbers: { [evse]: 1 } });
    expect(issues).toEqual([]);
    expect(profiles[0].request.chargingProfile.chargingSchedule[0].chargingSchedulePeriod.map((p) => p.limit)).toEqual([11000, 5000]);
  });
});

describe('export rows from newer slot rows', () => {
  it('prefers the engine figures a slot row carries over rebuilt ones', () => {
    const row: SlotResultRow = {
      slot: 30,
      siteId: DEFAULT_SITE.id,
      nodes: [{ nodeId: 'root', evKw: 10, baseLoadKw: 5, pvKw: 2, netKw: 13, limitKw: 100, overKw: 0 }],
      evKw: 10,
      greenShare: 0.5,
      co2GPerKWh: 200,
      pricePerKWh: 0.3,
      gate: null,
      startMs: 123,
      evEnergyKWh: 2.4,
      greenKWh: 1.9,
      gridMix: { wind: 1 }
    };
    const [slot] = exportSlots({ results: [row], site: DEFAULT_SITE, timeline, sessions: [] });
    expect([slot.startMs, slot.evEnergyKWh, slot.greenKWh, slot.gridMix]).toEqual([123, 2.4, 1.9, { wind: 1 }]);
  });
});
