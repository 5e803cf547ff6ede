import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { ValidationError } from '../errors';
import { parseOcpiTariffs } from './parseOcpiTariffs';

// OCPI 2.2.1 example "tariff_8_simple_025kwh.json": 0.25 EUR/kWh excl. VAT, all day.
const simple = { country_code: 'DE', party_id: 'ALL', id: '16', currency: 'EUR', elements: [{ price_components: [{ type: 'ENERGY', price: 0.25, vat: 10.0, step_size: 1 }] }], last_updated: '2018-12-17T11:16:55Z' };

describe('parseOcpiTariffs', () => {
  it('turns a flat energy tariff into the same price for every slot of the day', () => {
    const { tariff, warnings } = parseOcpiTariffs({ input: JSON.stringify(simple) });
    expect(tariff.tariffId).toBe('16');
    expect(tariff.currency).toBe('EUR');
    expect(tariff.pricePerKWh).toHaveLength(96);
    expect(new Set(tariff.pricePerKWh)).toEqual(new Set([0.25]));
    expect(warnings).toEqual([]);
  });

  it('reads time-of-day prices (overnight too) with the first matching element, in the OCPI envelope', () => {
    const tou = {
      ...simple,
      elements: [
        { price_components: [{ type: 'ENERGY', price: 0.4, step_size: 1 }], restrictions: { start_time: '17:00', end_time: '21:00' } },
        { price_components: [{ type: 'ENERGY', price: 0.1, step_size: 1 }], restrictions: { start_time: '23:00', end_time: '06:00' } },
        { price_components: [{ type: 'ENERGY', price: 0.2, step_size: 1 }, { type: 'FLAT', price: 1, step_size: 1 }] }
      ]
    };
    const { tariff, warnings } = parseOcpiTariffs({ input: { data: [tou], status_code: 1000, timestamp: '2026-03-01T00:00:00Z' }, slotMinutes: 60 });
    expect(tariff.pricePerKWh).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2, 0.1]);
    expect(warnings).toEqual([{ file: 'input', where: '$.data[0].elements[2]', message: expect.stringContaining('FLAT price(s) are not per kWh') }]);
  });

  it('leaves out energy prices that depend on the session, and says so', () => {
    const bySession = { ...simple, elements: [{ price_components: [{ type: 'ENERGY', price: 0.5, step_size: 1 }], restrictions: { max_power: 22 } }, simple.elements[0]] };
    const { tariff, warnings } = parseOcpiTariffs({ input: bySession });
    expect(tariff.pricePerKWh[0]).toBe(0.25);
    expect(warnings[0].message).toContain('restricted by the session (max_power)');
  });

  it('error: a tariff without any price per kWh is rejected with its path', () => {
    const timeOnly = { ...simple, elements: [{ price_components: [{ type: 'TIME', price: 2, step_size: 300 }] }] };
    expect(() => parseOcpiTariffs({ input: timeOnly, file: 't.json' })).toThrow(ValidationError);
    try {
      parseOcpiTariffs({ input: timeOnly, file: 't.json' });
    } catch (e) {
      expect((e as ValidationError).issues[0]).toMatchObject({ where: '$.elements', message: expect.stringContaining('ENERGY') });
    }
  });

  it('error: a bad currency and a negative price are named by path', () => {
    const bad = { ...simple, currency: 'euro', elements: [{ price_components: [{ type: 'ENERGY', price: -1, step_size: 1 }] }] };
    try {
      parseOcpiTariffs({ input: bad });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.where).sort()).toEqual(['$.currency', '$.elements[0].price_components[0].price']);
    }
  });

  it.skipIf(!hasSharedData())('reads every tariff example of the spec: a price line, or a rejection that says there is no price per kWh', () => {
    const dir = sharedDataPath('ocpi-examples', 'v2.2.1', 'examples');
    for (const name of readdirSync(dir).filter((n) => /^tariff_\d+/.test(n))) {
      const text = readFileSync(`${dir}/${name}`, 'utf8');
      try {
        const { tariff } = parseOcpiTariffs({ input: text, file: name });
        expect(tariff.pricePerKWh.every((p) => Number.isFinite(p) && p >= 0)).toBe(true);
      } catch (e) {
        expect(e, name).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).issues.some((i) => /ENERGY|expected/.test(i.message)), name).toBe(true);
      }
    }
  });
  if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
});
