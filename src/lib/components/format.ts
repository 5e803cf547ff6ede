/** Display helpers shared by the pages (times in the site's time zone, fixed units). */

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
