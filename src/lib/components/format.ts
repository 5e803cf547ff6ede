/** Display helpers shared by the pages (times in the site's time zone, fixed units). */

import { toLocalDateTime, utcFromFields } from '$lib/core/time/zoned-time';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "HH:MM" of an instant in the site's time zone. */
export function formatTime(ms: number, timeZone: string): string {
  let f = timeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormats.set(timeZone, f);
  }
  return f.format(new Date(ms));
}

/** Energy with one decimal: "12.3 kWh". */
export function formatKWh(kWh: number): string {
  return `${(Math.round(kWh * 10) / 10).toFixed(1)} kWh`;
}

/** Power with one decimal: "7.4 kW". */
export function formatKw(kw: number): string {
  return `${(Math.round(kw * 10) / 10).toFixed(1)} kW`;
}

/** A 0..1 share as a whole percentage: "63 %". */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Money with 2 decimals and the ISO currency code. */
export function formatMoney(amount: number, currency = 'EUR'): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** Grams of CO2, switching to kg above 10 kg. */
export function formatCo2(g: number): string {
  return g >= 10_000 ? `${(g / 1000).toFixed(1)} kg` : `${Math.round(g)} g`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The site-local calendar day of an instant as "Sat 5 Dec". */
export function formatDay(ms: number, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    dateFormats.set(timeZone, f);
  }
  return f.format(new Date(ms));
}

/** Whole local days from the day of `fromMs` to the day of `toMs` in the site's zone (DST-safe; core's cached zone formatter). */
export function localDaysBetween(fromMs: number, toMs: number, timeZone: string): number {
  const day = (ms: number) => {
    const { year, month, day } = toLocalDateTime({ ms, timeZone });
    return utcFromFields({ year, month, day, hour: 0, minute: 0 });
  };
  return Math.round((day(toMs) - day(fromMs)) / 86_400_000);
}

/** "HH:MM", with "+1 day" (or "+N days") when it falls on a later local day than `fromMs`. */
export function formatTimeAfter(ms: number, fromMs: number, timeZone: string): string {
  const days = localDaysBetween(fromMs, ms, timeZone);
  return days > 0 ? `${formatTime(ms, timeZone)} +${days} day${days > 1 ? 's' : ''}` : formatTime(ms, timeZone);
}

/**
 * A local time range "08:45–10:00", or "08:45–06:00 +1 day" when it ends on a later day. With
 * `dayStartMs` (a view listing a day that runs past midnight) the start says "+1 day" too when it is
 * on a later day than that: "00:30 +1 day–03:00" (the end always counts from the start).
 */
export function formatRange(startMs: number, endMs: number, timeZone: string, dayStartMs = startMs): string {
  return `${formatTimeAfter(startMs, dayStartMs, timeZone)}–${formatTimeAfter(endMs, startMs, timeZone)}`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone named for people: "Europe/Amsterdam (UTC+01:00)" at that instant. */
export function formatZone(ms: number, timeZone: string): string {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
    zoneFormats.set(timeZone, f);
  }
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC');
  return `${timeZone} (${offset})`;
}

/** A duration in hours and minutes: "2 h 15 min", "45 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * The timeline's slot length as people say it, for "per …" and "greenest … ahead": 15 →
 * "quarter-hour", 30 → "half-hour", 60 → "hour", else "5-minute period" (slots are 15 or 5 min).
 */
export function slotNoun(slotMinutes: number): string {
  return slotMinutes === 15 ? 'quarter-hour' : slotMinutes === 30 ? 'half-hour' : slotMinutes === 60 ? 'hour' : `${slotMinutes}-minute period`;
}

/** kW summed over slots as energy: Σ kW × slot length (h), in kWh (kW·slots is no unit a person knows). */
export function kwSlotsToKWh({ kwSlots, slotMinutes }: { kwSlots: number; slotMinutes: number }): number {
  return (kwSlots * slotMinutes) / 60;
}
