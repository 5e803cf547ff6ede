import { formatRange } from '../components/format';

/** Parameters of {@link slotTimeLabel}. */
export type SlotTimeLabelParameters = {
  startMs: number;
  endMs: number;
  timeZone: string;
  /** The listed day's first instant: a slot on a later local day says "+1 day" (default: no marker for the start). */
  dayStartMs?: number;
};

/**
 * A slot as drivers and operators read it: site-local "HH:MM–HH:MM", with " UTC" when the site's zone is
 * UTC (so a UTC time is never mistaken for local time). Replaces engine slot numbers in the UI.
 * @example slotTimeLabel({ startMs: Date.UTC(2026, 10, 25, 22, 15), endMs: Date.UTC(2026, 10, 25, 22, 30), timeZone: 'UTC' }) // "22:15–22:30 UTC"
 */
export function slotTimeLabel({ startMs, endMs, timeZone, dayStartMs = startMs }: SlotTimeLabelParameters): string {
  const zone = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? ' UTC' : '';
  return `${formatRange(startMs, endMs, timeZone, dayStartMs)}${zone}`;
}
