import { formatTime } from '../components/format';

/** Parameters of {@link slotTimeLabel}. */
export type SlotTimeLabelParameters = { startMs: number; endMs: number; timeZone: string };

/**
 * A slot as drivers and operators read it: site-local "HH:MM–HH:MM", with " UTC" when the site's zone is
 * UTC (so a UTC time is never mistaken for local time). Replaces engine slot numbers in the UI.
 * @example slotTimeLabel({ startMs: Date.UTC(2026, 10, 25, 22, 15), endMs: Date.UTC(2026, 10, 25, 22, 30), timeZone: 'UTC' }) // "22:15–22:30 UTC"
 */
export function slotTimeLabel({ startMs, endMs, timeZone }: SlotTimeLabelParameters): string {
  const zone = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? ' UTC' : '';
  return `${formatTime(startMs, timeZone)}–${formatTime(endMs, timeZone)}${zone}`;
}
