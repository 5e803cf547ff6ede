import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { attributedCo2, avoidedCo2VersusArrival } from './co2-figures';
import { carbonSeriesForSlots } from './marginal-series-for-slots';
import { parseCarbonSignal } from './parse-carbon-signal';

// Shapes as the public APIs publish them (values written for these tests).
const emIntensity = {
  zone: 'DE',
  history: [
    { zone: 'DE', carbonIntensity: 400, datetime: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', emissionFactorType: 'lifecycle', isEstimated: false, estimationMethod: null },
    { zone: 'DE', carbonIntensity: 200, datetime: '2026-03-02T09:00:00.000Z', updatedAt: '2026-03-02T10:00:00.000Z', emissionFactorType: 'lifecycle', isEstimated: true, estimationMethod: 'TIME_SLICER_AVERAGE' },
    { zone: 'DE', carbonIntensity: null, datetime: '2026-03-02T10:00:00.000Z' }
  ]
};
const emBreakdown = {
  zone: 'DE',
  history: [
    {
      zone: 'DE',
      datetime: '2026-03-02T08:00:00.000Z',
      powerConsumptionBreakdown: { nuclear: 0, geothermal: 0, biomass: 0, coal: 500, wind: 500, solar: 0, hydro: 0, gas: 0, oil: null, unknown: 0, 'hydro discharge': 0, 'battery discharge': 0 },
      fossilFreePercentage: 50,
      renewablePercentage: 50,
      powerConsumptionTotal: 1000
    }
  ]
};
const wattTime = {
  data: [
    { point_time: '2026-03-02T08:00:00+00:00', value: 1000 },
    { point_time: '2026-03-02T08:05:00+00:00', value: 1000 },
    { point_time: '2026-03-02T08:10:00+00:00', value: 1000 },
    { point_time: '2026-03-02T08:15:00+00:00', value: 500 },
    { point_time: '2026-03-02T08:20:00+00:00', value: 500 },
    { point_time: '2026-03-02T08:25:00+00:00', value: 500 }
  ],
  meta: { data_point_period_seconds: 300, region: 'CAISO_NORTH', warnings: [], signal_type: 'co2_moer', model: { date: '2023-03-01' }, units: 'lbs_co2_per_mwh', generated_at_period_seconds: 300 }
};
const T = Date.parse('2026-03-02T00:00:00Z');
const timeline = { startMs: T, slotMinutes: 15 };

describe('carbon signals', () => {
  it('reads an Electricity Maps carbon-intensity history as an average series (null values are gaps)', () => {
    const s = parseCarbonSignal({ json: emIntensity });
    expect(s).toMatchObject({ kind: 'average', provider: 'Electricity Maps', zone: 'DE', periodMs: 3_600_000 });
    expect(s.points.map((p) => p.gPerKWh)).toEqual([400, 200]);
  });

  it('reads an Electricity Maps power-breakdown history as a consumption mix with its IPCC intensity', () => {
    const s = parseCarbonSignal({ json: emBreakdown });
    expect(s.mixes?.[0].mix).toEqual({ coal: 0.5, wind: 0.5 });
    expect(s.points[0].gPerKWh).toBeCloseTo(0.5 * 820 + 0.5 * 11, 9);
  });

  it('reads a WattTime co2_moer response as a marginal series in g/kWh (lbs/MWh × 0.45359237)', () => {
    const s = parseCarbonSignal({ json: wattTime });
    expect(s).toMatchObject({ kind: 'marginal', provider: 'WattTime', zone: 'CAISO_NORTH', periodMs: 300_000 });
    expect(s.points[0].gPerKWh).toBeCloseTo(453.59237, 6);
    const slots = carbonSeriesForSlots({ series: s, timeline });
    expect(slots.startMs).toBe(T + 32 * 900_000);
    expect(slots.gPerKWh.map((g) => g && Math.round(g))).toEqual([454, 227]);
  });

  it('error: a WattTime health-damage signal, a bad unit and a bad point are each named', () => {
    const bad = { ...wattTime, meta: { ...wattTime.meta, signal_type: 'health_damage', units: 'furlongs' } };
    expect(() => parseCarbonSignal({ json: bad })).toThrow(ValidationError);
    try {
      parseCarbonSignal({ json: bad });
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.where)).toEqual(['$.meta.signal_type', '$.meta.units']);
    }
    const badPoint = { ...wattTime, data: [{ point_time: 'yesterday', value: 1 }, { point_time: '2026-03-02T08:00:00Z', value: 'x' }] };
    try {
      parseCarbonSignal({ json: badPoint });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.where)).toEqual(['$.data[0].point_time', '$.data[1].value']);
    }
    expect(() => parseCarbonSignal({ json: { foo: 1 } })).toThrow(/expected an Electricity Maps/);
    expect(() => parseCarbonSignal({ json: { zone: 'DE', history: [{ datetime: '2026-03-02T09:00:00Z', carbonIntensity: 1 }, { datetime: '2026-03-02T08:00:00Z', carbonIntensity: 1 }] } })).toThrow(/increasing time order/);
  });

  it('attributes CO2 with the average signal and falls back to the site mix where it has no value, saying so', () => {
    const average = parseCarbonSignal({ json: emIntensity });
    // slot 32 (08:00) 2 kWh at 400; slot 36 (09:00) 1 kWh at 200; slot 40 (10:00) null → fallback 100.
    const r = attributedCo2({ measured: [{ slot: 32, energyKWh: 2 }, { slot: 36, energyKWh: 1 }, { slot: 40, energyKWh: 1 }], timeline, average, fallbackGPerKWh: () => 100 });
    expect(r.g).toBe(2 * 400 + 200 + 100);
    expect(r.coveredShare).toBe(0.75);
    expect(r.method).toMatch(/Electricity Maps DE average.*75 %/);
  });

  it('CO2 avoided versus charging on arrival: the same energy at full power from plug-in minus as delivered, at the marginal rate', () => {
    const marginal = parseCarbonSignal({ json: wattTime });
    // Arrival 08:00, 11 kW would put 2.75 kWh in slot 32 (1000 lbs/MWh); delivered in slot 33 (500 lbs/MWh).
    const r = avoidedCo2VersusArrival({ measured: [{ slot: 33, energyKWh: 2.75 }], timeline, marginal, arrivalMs: T + 32 * 900_000, powerKw: 11 });
    expect(r?.g).toBeCloseTo(2.75 * (453.59237 - 226.796185), 6);
    expect(r?.method).toMatch(/^consequential/);
    // Outside the signal there is no figure rather than a guess.
    expect(avoidedCo2VersusArrival({ measured: [{ slot: 50, energyKWh: 1 }], timeline, marginal, arrivalMs: T + 50 * 900_000, powerKw: 11 })).toBeUndefined();
  });
});
