import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, type TimestampResult } from './parse-timestamp';
import { toLocalDateTime, zoneOffsetMs } from './zoned-time';

const msOf = (r: TimestampResult) => ('ms' in r ? r.ms : r.error);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'America/Los_Angeles', 'America/Sao_Paulo', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe'];

describe('parseTimestamp', () => {
  it('reads ISO 8601 with Z, offsets (+01:00, +0100, +01) and without (local in the zone)', () => {
    expect(msOf(parseTimestamp({ text: '2019-03-01T06:00Z' }))).toBe(Date.UTC(2019, 2, 1, 6));
    expect(msOf(parseTimestamp({ text: '2019-03-01 06:00:30.25+01:00' }))).toBe(Date.UTC(2019, 2, 1, 5, 0, 30, 250));
    expect(msOf(parseTimestamp({ text: '2019-03-01T06:00+0100' }))).toBe(Date.UTC(2019, 2, 1, 5));
    expect(msOf(parseTimestamp({ text: '2019-03-01T06:00-08' }))).toBe(Date.UTC(2019, 2, 1, 14));
    expect(msOf(parseTimestamp({ text: '2019-03-01' }))).toBe(Date.UTC(2019, 2, 1));
    expect(msOf(parseTimestamp({ text: '2019-03-01 06:00', timeZone: 'Europe/Oslo' }))).toBe(Date.UTC(2019, 2, 1, 5));
  });

  it('reads ACN-Data RFC 1123, German dotted times with (CET)/(CEST), patterns and epoch seconds/ms', () => {
    expect(msOf(parseTimestamp({ text: 'Wed, 25 Apr 2018 11:08:04 GMT' }))).toBe(Date.UTC(2018, 3, 25, 11, 8, 4));
    expect(msOf(parseTimestamp({ text: '01.07.2023 00:00 (CEST)' }))).toBe(Date.UTC(2023, 5, 30, 22));
    expect(msOf(parseTimestamp({ text: '01.07.2023 00:00', timeZone: 'Europe/Berlin' }))).toBe(Date.UTC(2023, 5, 30, 22));
    expect(msOf(parseTimestamp({ text: '21.12.2018 10:20', pattern: 'DD.MM.YYYY HH:mm', timeZone: 'Europe/Oslo' }))).toBe(Date.UTC(2018, 11, 21, 9, 20));
    expect(msOf(parseTimestamp({ text: '1524654484' }))).toBe(1_524_654_484_000);
    expect(msOf(parseTimestamp({ text: '1524654484000' }))).toBe(1_524_654_484_000);
    expect(msOf(parseTimestamp({ text: '1524654484', epoch: 'ms' }))).toBe(1_524_654_484);
    expect(msOf(parseTimestamp({ text: 1524654484 }))).toBe(1_524_654_484_000);
  });

  it('reads 24:00 as the next midnight (ISO 8601) and flags a local time in the skipped spring hour', () => {
    expect(msOf(parseTimestamp({ text: '2023-07-01T24:00Z' }))).toBe(Date.UTC(2023, 6, 2));
    expect(parseTimestamp({ text: '26.03.2023 02:00', timeZone: 'Europe/Berlin' })).toEqual({ ms: Date.UTC(2023, 2, 26, 1), dstGap: true });
  });

  it('error: refuses dates that do not exist instead of rolling them over (2026-02-30, 2023-02-29, 25:00, 12:60)', () => {
    for (const text of ['2026-02-30', '2023-02-29T00:00Z', '2019-03-01T25:00Z', '2019-03-01T12:60Z', '2019-13-01', '31.04.2023 00:00', 'Wed, 31 Apr 2018 11:08:04 GMT']) {
      const r = parseTimestamp({ text });
      expect(r, text).toHaveProperty('error');
      expect((r as { error: string }).error).toContain('not a valid date-time');
    }
    expect(msOf(parseTimestamp({ text: '2024-02-29' }))).toBe(Date.UTC(2024, 1, 29));
  });

  it('error: refuses out-of-range epochs (1e20, 8e15 s), non-numbers, hex and empty cells with a reason', () => {
    expect(parseTimestamp({ text: '1e20' })).toEqual({ error: expect.stringContaining('out of range') });
    expect(parseTimestamp({ text: '8e15', epoch: 's' })).toEqual({ error: expect.stringContaining('out of range') });
    expect(parseTimestamp({ text: 1e20 })).toEqual({ error: expect.stringContaining('out of range') });
    expect(parseTimestamp({ text: Number.NaN })).toEqual({ error: expect.stringContaining('not a finite number') });
    expect(parseTimestamp({ text: '0x10' })).toEqual({ error: expect.stringContaining('is not a date-time') });
    expect(parseTimestamp({ text: '2019-03-01-05' })).toEqual({ error: expect.stringContaining('is not a date-time') });
    expect(parseTimestamp({ text: '2019-03-01T06:00Z', epoch: 'none' })).toHaveProperty('ms');
    expect(parseTimestamp({ text: '1524654484', epoch: 'none' })).toHaveProperty('error');
    expect(parseTimestamp({ text: '' })).toEqual({ error: 'expected a date-time, got an empty cell' });
    expect(parseTimestamp({ text: null })).toHaveProperty('error');
  });

  it('round-trips any instant 1950–2100 through its local wall time in any zone, DST days included', () => {
    // Instants near DST switches are drawn often: the last Sundays of March/October, the first of
    // April/October/November and the second of March, at night.
    const dstNight = fc
      .record({ year: fc.integer({ min: 1950, max: 2100 }), month: fc.constantFrom(3, 4, 9, 10, 11), day: fc.integer({ min: 1, max: 31 }), minute: fc.integer({ min: -180, max: 420 }) })
      .map(({ year, month, day, minute }) => Date.UTC(year, month - 1, Math.min(day, 30)) + minute * 60_000);
    const anyInstant = fc.integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }).map((s) => s * 1000);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(dstNight, anyInstant), (timeZone, ms) => {
        const l = toLocalDateTime({ ms, timeZone });
        const text = `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}`;
        // The later copy of a repeated hour needs "time moves on"; the earlier one is the default.
        expect(msOf(parseTimestamp({ text, timeZone, notBeforeMs: ms - 1 }))).toBe(ms);
        const plain = parseTimestamp({ text, timeZone });
        expect('ms' in plain && plain.ms <= ms && !plain.dstGap).toBe(true);
        // With its offset written out, the same instant reads back exactly in any zone.
        const off = zoneOffsetMs({ ms, timeZone }) / 60_000;
        const withOffset = `${text}${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
        expect(msOf(parseTimestamp({ text: withOffset, timeZone: 'Asia/Tokyo' }))).toBe(ms);
      }),
      { numRuns: 400 }
    );
  });

  it('maps every wall time of a DST day to an instant whose local time is the same, or later by the gap when skipped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 1990, max: 2060 }),
        fc.constantFrom(3, 4, 9, 10, 11),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (timeZone, year, month, day, hour, minute) => {
          const text = `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
          const r = parseTimestamp({ text, timeZone });
          if (!('ms' in r)) throw new Error(r.error);
          const back = toLocalDateTime({ ms: r.ms, timeZone });
          const wall = Date.UTC(year, month - 1, day, hour, minute);
          const shown = Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute);
          if (r.dstGap) {
            const gap = zoneOffsetMs({ ms: r.ms + 86_400_000, timeZone }) - zoneOffsetMs({ ms: r.ms - 86_400_000, timeZone });
            expect(shown - wall).toBe(gap);
          } else expect(shown).toBe(wall);
        }
      ),
      { numRuns: 400 }
    );
  });
});
