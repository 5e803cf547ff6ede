import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { buildSetChargingProfileRequest } from './buildSetChargingProfileRequest';
import { setChargingProfileRequestSchema } from './setChargingProfileRequestSchema';

const startMs = Date.parse('2023-07-01T10:00:00Z');

describe('buildSetChargingProfileRequest', () => {
  it('builds a TxProfile with one period per change of power, in W, starting at 0 s', () => {
    const { request, truncated } = buildSetChargingProfileRequest({
      evseId: 2,
      transactionId: 'tx-42',
      startMs,
      slotMinutes: 15,
      kw: [11, 11, 7.36, 0, 0, 3.68],
      profileId: 5
    });
    expect(truncated).toBe(false);
    expect(request).toEqual({
      evseId: 2,
      chargingProfile: {
        id: 5,
        stackLevel: 0,
        chargingProfilePurpose: 'TxProfile',
        chargingProfileKind: 'Absolute',
        transactionId: 'tx-42',
        chargingSchedule: [
          {
            id: 5,
            startSchedule: '2023-07-01T10:00:00.000Z',
            duration: 5400,
            chargingRateUnit: 'W',
            chargingSchedulePeriod: [
              { startPeriod: 0, limit: 11000, numberPhases: 3 },
              { startPeriod: 1800, limit: 7360, numberPhases: 3 },
              { startPeriod: 2700, limit: 0, numberPhases: 3 },
              { startPeriod: 4500, limit: 3680, numberPhases: 3 }
            ]
          }
        ]
      }
    });
  });

  it('gives amperes per phase rounded down to one decimal', () => {
    const { request } = buildSetChargingProfileRequest({ evseId: 1, startMs, slotMinutes: 5, kw: [11, 4.2], chargingRateUnit: 'A', numberPhases: 3, voltageV: 230, profileId: 1 });
    const periods = request.chargingProfile.chargingSchedule[0].chargingSchedulePeriod;
    expect(periods.map((p) => p.limit)).toEqual([15.9, 6]); // 11 000 / 690 = 15.94…, 4 200 / 690 = 6.08…
    expect(periods[1].startPeriod).toBe(300);
    expect(request.chargingProfile.transactionId).toBeUndefined();
  });

  it('cuts a plan to 1,024 periods and says so', () => {
    const kw = Array.from({ length: 1100 }, (_, i) => (i % 2 ? 7 : 11));
    const { request, truncated } = buildSetChargingProfileRequest({ evseId: 1, startMs, slotMinutes: 5, kw, profileId: 1 });
    expect(truncated).toBe(true);
    expect(request.chargingProfile.chargingSchedule[0].chargingSchedulePeriod).toHaveLength(1024);
    expect(request.chargingProfile.chargingSchedule[0].duration).toBe(1024 * 300);
  });

  it('always produces a schema-valid request with limits of at most one decimal (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 350, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.constantFrom('W' as const, 'A' as const), (kw, unit) => {
        const { request } = buildSetChargingProfileRequest({ evseId: 3, transactionId: 't', startMs, slotMinutes: 15, kw, chargingRateUnit: unit, profileId: 9 });
        expect(setChargingProfileRequestSchema.safeParse(request).success).toBe(true);
        for (const p of request.chargingProfile.chargingSchedule[0].chargingSchedulePeriod) {
          const slot = p.startPeriod / 900;
          const planned = unit === 'W' ? kw[slot] * 1000 : (kw[slot] * 1000) / 690;
          expect(p.limit).toBeLessThanOrEqual(planned + 1e-6);
          expect(planned - p.limit).toBeLessThan(0.1 + 1e-6);
        }
      }),
      { numRuns: 100 }
    );
  });

  it('error: rejects an EVSE number of 0 and a transaction id longer than 36 characters', () => {
    expect(() => buildSetChargingProfileRequest({ evseId: 0, startMs, slotMinutes: 15, kw: [1], profileId: 1 })).toThrow(/evseId: a TxProfile must address one EVSE/);
    let caught: unknown;
    try {
      buildSetChargingProfileRequest({ evseId: 1, transactionId: 'x'.repeat(37), startMs, slotMinutes: 15, kw: [1], profileId: 1 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues[0].where).toBe('$.chargingProfile.transactionId');
  });
});

describe('setChargingProfileRequestSchema', () => {
  const good = buildSetChargingProfileRequest({ evseId: 1, transactionId: 'tx', startMs, slotMinutes: 15, kw: [11, 7], profileId: 1 }).request;
  const broken = (edit: (r: ReturnType<typeof structuredClone<typeof good>>) => void) => {
    const r = structuredClone(good);
    edit(r);
    const parsed = setChargingProfileRequestSchema.safeParse(r);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('error: rejects two decimals, a first period not at 0, decreasing starts, unknown members and transactionId outside TxProfile', () => {
    expect(broken((r) => (r.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].limit = 11000.25))).toEqual([
      'chargingProfile.chargingSchedule.0.chargingSchedulePeriod.0.limit: must have at most one decimal'
    ]);
    expect(broken((r) => (r.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].startPeriod = 60))).toEqual([
      'chargingProfile.chargingSchedule.0.chargingSchedulePeriod.0.startPeriod: the first period must start at 0'
    ]);
    expect(broken((r) => (r.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[1].startPeriod = 0))).toEqual([
      'chargingProfile.chargingSchedule.0.chargingSchedulePeriod.1.startPeriod: startPeriod must increase'
    ]);
    expect(broken((r) => Object.assign(r.chargingProfile, { note: 'hi' }))[0]).toMatch(/Unrecognized key/);
    expect(broken((r) => (r.chargingProfile.chargingProfilePurpose = 'TxDefaultProfile'))).toEqual([
      'chargingProfile.transactionId: transactionId is only allowed with chargingProfilePurpose TxProfile'
    ]);
    expect(broken((r) => (r.chargingProfile.chargingSchedule[0].chargingSchedulePeriod = []))[0]).toMatch(/chargingSchedulePeriod/);
    expect(broken((r) => ((r.chargingProfile.chargingSchedule[0] as { chargingRateUnit: string }).chargingRateUnit = 'kW'))[0]).toMatch(/chargingRateUnit/);
  });
});
