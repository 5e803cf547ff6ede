import type { Evse } from '$lib/core/grid/site';
import { slotNoun } from '$lib/components/format';

/**
 * The request form's own validation (the browser's pop-up is off): every problem names its field,
 * what is allowed and why. Pure, so it is unit-tested without a browser.
 */

/** Largest battery a car has today, kWh (a bigger figure is a typo). */
export const MAX_BATTERY_KWH = 200;
/** Smallest battery worth stating, kWh. */
export const MIN_BATTERY_KWH = 5;

/** Highest power a car can draw through each connector type, kW (AC limits are the connector's; DC the fastest cars'). */
export const CONNECTOR_MAX_KW: Record<string, { kw: number; label: string; why: string }> = {
  IEC_62196_T1: { kw: 19.2, label: 'Type 1', why: 'single-phase AC tops out at 19.2 kW' },
  IEC_62196_T2: { kw: 43, label: 'Type 2', why: 'AC charging tops out at 43 kW' },
  IEC_62196_T1_COMBO: { kw: 350, label: 'CCS1', why: 'the fastest cars draw about 350 kW' },
  IEC_62196_T2_COMBO: { kw: 350, label: 'CCS', why: 'the fastest cars draw about 350 kW' },
  CHADEMO: { kw: 400, label: 'CHAdeMO', why: 'CHAdeMO tops out at 400 kW' }
};
/** Without a known connector: the fastest cars. */
const ANY_CONNECTOR = { kw: 350, label: 'this', why: 'the fastest cars draw about 350 kW' };

/** Fields of the request form. */
export type RequestField = 'energyKWh' | 'batteryKWh' | 'socNowPct' | 'socTargetPct' | 'vehicleMaxKw' | 'departure';

/** One problem with one field. */
export type RequestIssue = { field: RequestField; message: string };

/** What the driver typed (a number input gives null when empty or unreadable). */
export type RequestFormValues = {
  mode: 'kwh' | 'soc';
  energyKWh: number | null;
  batteryKWh: number | null;
  socNowPct: number | null;
  socTargetPct: number | null;
  vehicleMaxKw: number | null;
};

/** Parameters of `checkRequest`. */
export type CheckRequestParameters = {
  values: RequestFormValues;
  evse: Pick<Evse, 'maxKw' | 'connectors'>;
  /** Hours the car can charge before departure (whole slots of its window). */
  windowHours: number;
  /** Departure as shown ("17:00"), for messages. */
  departureText: string;
  /** Slot length of the timeline, minutes (the shortest charging window is one slot). */
  slotMinutes?: number;
  /**
   * When the departure is after the end of the demo day (the engine stops there): that end as
   * shown ("07:00 +1 day, Sun 6 Dec"); undefined when the departure is inside the day.
   */
  afterDayEnd?: string;
};

const num = (x: number | null): x is number => typeof x === 'number' && Number.isFinite(x);
const fmt = (x: number) => (Math.round(x * 10) / 10).toLocaleString('en-GB');
const hoursText = (h: number) => {
  const m = Math.round(h * 60);
  return m < 60 ? `${m} min` : m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} h`;
};

/** The connector limit of an EVSE: the highest of its connectors' limits. */
export function connectorLimit(evse: Pick<Evse, 'connectors'>): { kw: number; label: string; why: string } {
  const known = (evse.connectors ?? []).map((c) => CONNECTOR_MAX_KW[c]).filter((x) => x !== undefined);
  return known.length ? known.reduce((a, b) => (b.kw > a.kw ? b : a)) : ANY_CONNECTOR;
}

/** Energy the request asks for, kWh (target charge: (target − now) × battery); NaN when unreadable. */
export function requestedEnergyKWh(values: RequestFormValues): number {
  if (values.mode === 'kwh') return num(values.energyKWh) ? values.energyKWh : NaN;
  if (!num(values.batteryKWh) || !num(values.socNowPct) || !num(values.socTargetPct)) return NaN;
  return ((values.socTargetPct - values.socNowPct) / 100) * values.batteryKWh;
}

/** Every problem of the form, in field order (empty: the request can be sent). */
export function checkRequest({ values, evse, windowHours, departureText, slotMinutes = 15, afterDayEnd }: CheckRequestParameters): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const limit = connectorLimit(evse);
  const car = values.vehicleMaxKw;
  if (!num(car) || car < 1 || car > limit.kw) {
    issues.push({
      field: 'vehicleMaxKw',
      message: `Car max. power must be between 1 and ${fmt(limit.kw)} kW at a ${limit.label} connector (${limit.why}).`
    });
  }
  if (values.mode === 'kwh') {
    const e = values.energyKWh;
    if (!num(e) || e <= 0) issues.push({ field: 'energyKWh', message: 'Enter the energy you need: more than 0 kWh.' });
    else if (e > MAX_BATTERY_KWH) issues.push({ field: 'energyKWh', message: `At most ${MAX_BATTERY_KWH} kWh: no car battery holds more.` });
  } else {
    const b = values.batteryKWh;
    if (!num(b) || b < MIN_BATTERY_KWH || b > MAX_BATTERY_KWH) {
      issues.push({ field: 'batteryKWh', message: `Battery size must be between ${MIN_BATTERY_KWH} and ${MAX_BATTERY_KWH} kWh (the range of today's cars).` });
    }
    const now = values.socNowPct;
    const target = values.socTargetPct;
    if (!num(now) || now < 0 || now > 100) issues.push({ field: 'socNowPct', message: 'Charge now must be between 0 and 100 %.' });
    if (!num(target) || target < 1 || target > 100) issues.push({ field: 'socTargetPct', message: 'Target charge must be between 1 and 100 %: a battery cannot be fuller than full.' });
    else if (num(now) && now >= 0 && now <= 100 && target <= now) {
      issues.push({ field: 'socTargetPct', message: `Target charge must be above the charge now (${fmt(now)} %).` });
    }
  }
  if (afterDayEnd !== undefined) {
    issues.push({ field: 'departure', message: `Departure ${departureText} is after the demo day ends (${afterDayEnd}): choose a departure by then.` });
  } else if (!(windowHours > 0)) {
    issues.push({ field: 'departure', message: `Departure ${departureText} is too soon: no full ${slotNoun(slotMinutes)} of charging fits before it.` });
  } else if (issues.length === 0) {
    const kw = Math.min(evse.maxKw, car as number);
    const most = kw * windowHours;
    const want = requestedEnergyKWh(values);
    if (want > most + 1e-9) {
      issues.push({
        field: values.mode === 'kwh' ? 'energyKWh' : 'socTargetPct',
        message: `At most ${fmt(Math.floor(most * 10) / 10)} kWh fit before ${departureText}: ${fmt(kw)} kW for ${hoursText(windowHours)}. Leave later or ask for less.`
      });
    }
  }
  return issues;
}
