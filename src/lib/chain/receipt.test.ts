import fc from 'fast-check';
import { keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { canonicalJson, createReceipt, parseReceipt, receiptHash, RECEIPT_SCHEMA, type Receipt } from './receipt';

const base: Receipt = {
  schema: RECEIPT_SCHEMA,
  sessionId: 'sess-1',
  siteId: 'site-A',
  stationId: 'evse-1',
  timelineStartMs: Date.UTC(2026, 10, 25),
  slotMinutes: 15,
  firstSlot: 40,
  lastSlot: 47,
  deliveredWh: 12_346,
  greenWh: 3_750,
  claims: [
    { slot: 40, greenWh: 2_250 },
    { slot: 41, greenWh: 1_500 }
  ],
  sourcesWh: { solar: 3_750, gas: 8_596 },
  issuedAtMs: 1_764_000_000_000
};

const shuffleKeys = (value: unknown, rnd: () => number): unknown => {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rnd));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(() => rnd() - 0.5);
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, rnd)]));
  }
  return value;
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    expect(canonicalJson({ value: { b: 1, a: [{ d: null, c: 'x y' }], e: true } })).toBe('{"a":[{"c":"x y","d":null}],"b":1,"e":true}');
  });

  it('drops undefined members and escapes strings like JSON.stringify', () => {
    expect(canonicalJson({ value: { a: undefined, b: 'ü"\n' } })).toBe('{"b":"ü\\"\\n"}');
  });

  it('gives the same bytes whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let s = seed;
        const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        expect(canonicalJson({ value: shuffleKeys(value, rnd) })).toBe(canonicalJson({ value }));
        // Canonical JSON is valid JSON that parses back to the same data.
        expect(JSON.parse(canonicalJson({ value }))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 }
    );
  });

  it('error: refuses non-finite numbers', () => {
    expect(() => canonicalJson({ value: { a: Number.NaN } })).toThrow(ValidationError);
  });
});

describe('receiptHash', () => {
  it('is keccak256 of the canonical UTF-8 bytes and ignores key order', () => {
    const expected = keccak256(stringToBytes(canonicalJson({ value: base })));
    expect(receiptHash({ receipt: base })).toBe(expected);
    const reordered = JSON.parse(JSON.stringify(shuffleKeys(base, () => 0.9))) as Receipt;
    expect(receiptHash({ receipt: reordered })).toBe(expected);
  });

  it('changes when any figure changes', () => {
    const h = receiptHash({ receipt: base });
    expect(receiptHash({ receipt: { ...base, deliveredWh: base.deliveredWh + 1 } })).not.toBe(h);
    expect(receiptHash({ receipt: { ...base, claims: [{ slot: 40, greenWh: 2_250 }, { slot: 42, greenWh: 1_500 }] } })).not.toBe(h);
  });
});

describe('parseReceipt', () => {
  it('accepts a receipt as JSON text and keeps extra fields', () => {
    const r = parseReceipt({ json: JSON.stringify({ ...base, co2Grams: 1200 }) });
    expect(r.co2Grams).toBe(1200);
    expect(receiptHash({ receipt: r })).toBe(receiptHash({ receipt: { ...base, co2Grams: 1200 } }));
  });

  it('error: names the JSON path of a wrong field', () => {
    try {
      parseReceipt({ json: { ...base, deliveredWh: 1.5 } });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues[0]).toMatchObject({ file: 'receipt', where: '$.deliveredWh' });
    }
  });

  it('error: refuses claims out of range, out of order, or not summing to greenWh', () => {
    const bad = { ...base, greenWh: 10, claims: [{ slot: 41, greenWh: 5 }, { slot: 41, greenWh: 5 }, { slot: 99, greenWh: 1 }] };
    try {
      parseReceipt({ json: bad });
      expect.unreachable();
    } catch (e) {
      const wheres = (e as ValidationError).issues.map((i) => i.where);
      expect(wheres).toEqual(['$.claims[1].slot', '$.claims[2].slot', '$.greenWh']);
    }
  });

  it('error: refuses a timeline start that is not a whole minute after the epoch (the ledger keys slots by start minute)', () => {
    for (const timelineStartMs of [Date.UTC(2026, 10, 25) + 500, -60_000]) {
      try {
        parseReceipt({ json: { ...base, timelineStartMs } });
        expect.unreachable();
      } catch (e) {
        expect((e as ValidationError).issues).toEqual([expect.objectContaining({ file: 'receipt', where: '$.timelineStartMs' })]);
      }
    }
  });

  it('error: reports unparsable JSON', () => {
    expect(() => parseReceipt({ json: '{"schema":' })).toThrow(/expected JSON/);
  });
});

describe('createReceipt', () => {
  it('rounds delivered kWh to whole Wh, rounds green claims down, sorts them and drops empty ones', () => {
    const r = createReceipt({
      sessionId: 's',
      siteId: 'site',
      stationId: 'evse',
      timeline: { startMs: 0, slotMinutes: 15 },
      firstSlot: 4,
      lastSlot: 9,
      deliveredKWh: 7.0004,
      greenKWhBySlot: [{ slot: 6, energyKWh: 1.2349 }, { slot: 5, energyKWh: 0.0009 }, { slot: 4, energyKWh: 0.57 }],
      issuedAtMs: 1
    });
    expect(r.claims).toEqual([{ slot: 4, greenWh: 570 }, { slot: 6, greenWh: 1234 }]);
    expect(r).toMatchObject({ deliveredWh: 7000, greenWh: 1804 });
  });

  it('trims the latest claims when rounding would make green exceed delivered', () => {
    const r = createReceipt({
      sessionId: 's',
      siteId: 'site',
      stationId: 'evse',
      timeline: { startMs: 0, slotMinutes: 15 },
      firstSlot: 0,
      lastSlot: 2,
      deliveredKWh: 0.0014,
      greenKWhBySlot: [{ slot: 0, energyKWh: 0.0016 }, { slot: 1, energyKWh: 0.0016 }],
      issuedAtMs: 1
    });
    expect(r.greenWh).toBeLessThanOrEqual(r.deliveredWh);
    expect(r.claims).toEqual([{ slot: 0, greenWh: 1 }]);
  });
});
