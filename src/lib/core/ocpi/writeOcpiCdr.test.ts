import { describe, expect, it } from 'vitest';
import { parseOcpiSessions } from '../io/parse-ocpi-sessions';
import { ocpiEnergyMixSchema } from './ocpiLocationSchema';
import { ocpiSourceMix } from './ocpiSourceMix';
import { suppliedEnergyMix, writeOcpiCdr, type CdrSession } from './writeOcpiCdr';

const timeline = { startMs: Date.parse('2023-07-01T00:00:00Z'), slotMinutes: 15 };
// Plugged in 08:00–10:00, charged 11 kW for 30 min, paused 15 min, 7 kW for 15 min, then idle.
const session: CdrSession = {
  id: 'S-7',
  evseId: 'E1',
  arrivalMs: Date.parse('2023-07-01T08:00:00Z'),
  departureMs: Date.parse('2023-07-01T10:00:00Z'),
  startSlot: 32,
  kwBySlot: [11, 11, 0, 7, 0, 0, 0, 0],
  deliveredKWh: 7.25,
  greenKWh: 5.8,
  bySourceKWh: { solar: 4, wind: 1.8, gas: 1.45 },
  co2G: 1000,
  cost: 2.345
};

describe('writeOcpiCdr', () => {
  it('writes runs of equal power as charging periods and idle runs as parking time', () => {
    const cdr = writeOcpiCdr({ session, timeline, place: { locationId: 'HARBOUR-1', address: 'Kaistraße 1', city: 'Kiel', country: 'DEU', latitude: 54.3201, longitude: 10.1402 } });
    expect(cdr.charging_periods).toEqual([
      { start_date_time: '2023-07-01T08:00:00Z', dimensions: [{ type: 'ENERGY', volume: 5.5 }, { type: 'POWER', volume: 11 }, { type: 'TIME', volume: 0.5 }] },
      { start_date_time: '2023-07-01T08:30:00Z', dimensions: [{ type: 'PARKING_TIME', volume: 0.25 }] },
      { start_date_time: '2023-07-01T08:45:00Z', dimensions: [{ type: 'ENERGY', volume: 1.75 }, { type: 'POWER', volume: 7 }, { type: 'TIME', volume: 0.25 }] },
      { start_date_time: '2023-07-01T09:00:00Z', dimensions: [{ type: 'PARKING_TIME', volume: 1 }] }
    ]);
    expect(cdr).toMatchObject({
      id: 'CDR-S-7',
      start_date_time: '2023-07-01T08:00:00Z',
      end_date_time: '2023-07-01T10:00:00Z',
      total_energy: 7.25,
      total_time: 2,
      total_parking_time: 1.25,
      total_cost: { excl_vat: 2.35 },
      cdr_location: { id: 'HARBOUR-1', evse_uid: 'E1', coordinates: { latitude: '54.320100', longitude: '10.140200' } }
    });
  });

  it('states the energy mix actually supplied, in OCPI EnergyMix format that our importer reads back', () => {
    const cdr = writeOcpiCdr({ session, timeline, place: { locationId: 'L' } });
    expect(cdr.energy_mix).toEqual({
      is_green_energy: false,
      energy_sources: [
        { source: 'SOLAR', percentage: 55.17 },
        { source: 'WIND', percentage: 24.83 },
        { source: 'GAS', percentage: 20 }
      ],
      environ_impact: [{ category: 'CARBON_DIOXIDE', amount: 137.9 }],
      supplier_name: 'GreenSlot (energy actually supplied)'
    });
    const back = ocpiSourceMix({ energyMix: ocpiEnergyMixSchema.parse(cdr.energy_mix) });
    expect(back.mix?.solar).toBeCloseTo(4 / 7.25, 3);
  });

  it('marks an all-green session as green energy', () => {
    const mix = suppliedEnergyMix({ bySourceKWh: { solar: 2, hydro: 1 }, co2G: 100, deliveredKWh: 3, greenKWh: 3 });
    expect(mix.is_green_energy).toBe(true);
  });

  it('can be replayed by the OCPI CDR reader (start, end, energy, EVSE)', () => {
    const cdr = writeOcpiCdr({ session, timeline, place: { locationId: 'L' } });
    const { requests } = parseOcpiSessions({ json: [cdr], kind: 'cdr' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ arrivalMs: session.arrivalMs, departureMs: session.departureMs, energyKWh: 7.25, evseId: 'E1' });
  });
});
