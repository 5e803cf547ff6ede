import type { SessionRow } from '$lib/data/db';
import type { Timeline } from '$lib/core/time/timeline';
import { slotStartMs } from '$lib/core/time/gates';
import { formatTimeAfter } from './format';

/** Parameters of `sessionChartData`. */
export type SessionChartDataParameters = {
  session: Pick<SessionRow, 'startSlot' | 'endSlot' | 'kwBySlot' | 'plan'>;
  timeline: Timeline;
  timeZone: string;
  /** First slot that has not run yet (bars stop before it). */
  nowSlot: number;
  /** The session can still charge (not finished, not stopped): only then is anything planned. */
  canCharge: boolean;
};

/** One series of the chart: its legend label and a value per label (null: not drawn there). */
export type SessionChartSeries = { kind: 'delivered' | 'planned'; label: string; data: (number | null)[] };

/**
 * What the session chart draws: one label per slot of the session window (site time, "+1 day" past
 * the start's day), delivered kW for slots that have run and — only while the session can still
 * charge — the latest plan. A finished session has no "Planned" series, so no "Planned" legend.
 */
export function sessionChartData({ session: s, timeline, timeZone, nowSlot, canCharge }: SessionChartDataParameters): { labels: string[]; series: SessionChartSeries[] } {
  const planFirst = s.plan?.firstSlot ?? s.endSlot;
  const first = s.startSlot;
  const last = Math.max(s.endSlot, first + 1);
  const slots = Array.from({ length: last - first }, (_, i) => first + i);
  const startMs = slotStartMs({ timeline, slot: first });
  const ran = (slot: number) => slot < nowSlot;
  const delivered: SessionChartSeries = {
    kind: 'delivered',
    label: 'Delivered (kW)',
    data: slots.map((slot) => (ran(slot) && (slot < planFirst || s.kwBySlot[slot] || !canCharge) ? (s.kwBySlot[slot] ?? 0) : null))
  };
  const labels = slots.map((slot) => formatTimeAfter(slotStartMs({ timeline, slot }), startMs, timeZone));
  if (!canCharge) return { labels, series: [delivered] };
  const planned: SessionChartSeries = {
    kind: 'planned',
    label: 'Planned (kW)',
    data: slots.map((slot) => (ran(slot) ? null : slot < planFirst ? (s.kwBySlot[slot] ?? 0) : s.plan ? (s.plan.kw[slot - planFirst] ?? 0) : null))
  };
  return { labels, series: [delivered, planned] };
}
