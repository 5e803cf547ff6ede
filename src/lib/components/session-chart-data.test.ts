import { describe, expect, it } from 'vitest';
import { sessionChartData } from './session-chart-data';

const timeline = { startMs: Date.parse('2026-12-04T23:00Z'), slotMinutes: 15 }; // Amsterdam midnight, 5 Dec
const tz = 'Europe/Amsterdam';
const plan = { firstSlot: 30, kw: [7, 7, 0, 3], shortfallKWh: 0, expectedGreenShare: 0.5, expectedFinishSlot: 33 };
const session = { startSlot: 28, endSlot: 34, kwBySlot: { 28: 11, 29: 5 }, plan } as unknown as Parameters<typeof sessionChartData>[0]['session'];

describe('session chart follows the session state', () => {
  it('while it can still charge: delivered for slots that ran, the plan for the rest, both in the legend', () => {
    const { labels, series } = sessionChartData({ session, timeline, timeZone: tz, nowSlot: 30, canCharge: true });
    expect(labels).toEqual(['07:00', '07:15', '07:30', '07:45', '08:00', '08:15']);
    expect(series.map((x) => x.label)).toEqual(['Delivered (kW)', 'Planned (kW)']);
    expect(series[0].data).toEqual([11, 5, null, null, null, null]);
    expect(series[1].data).toEqual([null, null, 7, 7, 0, 3]);
  });

  it('finished: only what was delivered; nothing is listed as planned', () => {
    const done = { ...session, kwBySlot: { 28: 11, 29: 5, 30: 4 } };
    const { series } = sessionChartData({ session: done, timeline, timeZone: tz, nowSlot: Number.POSITIVE_INFINITY, canCharge: false });
    expect(series.map((x) => x.label)).toEqual(['Delivered (kW)']);
    expect(series[0].data).toEqual([11, 5, 4, 0, 0, 0]);
  });

  it('a window past midnight marks the later day on the axis', () => {
    const night = { ...session, startSlot: 94, endSlot: 98, kwBySlot: {}, plan: null };
    expect(sessionChartData({ session: night, timeline, timeZone: tz, nowSlot: 94, canCharge: true }).labels).toEqual(['23:30', '23:45', '00:00 +1 day', '00:15 +1 day']);
  });
});
