import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import { co2Intensity } from '$lib/core/energy/co2-intensity';
import { siteSlotEnergy } from '$lib/core/energy/site-slot-energy';
import { canonicalJson, createReceipt } from '$lib/chain/receipt';
import type { SessionRow } from './db';

/** Parameters of `referenceCo2G`. */
export type ReferenceCo2Parameters = { site: Site; startSlot: number; endSlot: number; energyKWh: number; timeline?: Timeline };

/**
 * CO2 of the same energy drawn evenly from the grid over the whole stay (no shifting, no PV):
 * the reference a receipt compares against, g.
 */
export function referenceCo2G({ site, startSlot, endSlot, energyKWh, timeline }: ReferenceCo2Parameters): number {
  const n = Math.max(1, endSlot - startSlot);
  let sum = 0;
  for (let s = startSlot; s < startSlot + n; s++) sum += co2Intensity(siteSlotEnergy({ site, slot: s, timeline }).gridMix);
  return (sum / n) * energyKWh;
}

/** Parameters of `receiptForSession`. */
export type ReceiptForSessionParameters = {
  session: SessionRow;
  site: Site;
  timeline: Timeline;
  strategy?: string;
  scheduler?: string;
  issuedAtMs?: number;
};

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The receipt of a finished session as canonical JSON (sorted keys, no whitespace): exactly the
 * bytes the app exports and the chain part hashes and signs (src/lib/chain/receipt.ts).
 */
export function receiptForSession({ session: s, site, timeline, strategy, scheduler, issuedAtMs = Date.now() }: ReceiptForSessionParameters): string {
  const slots = Object.keys(s.kwBySlot).map(Number).sort((a, b) => a - b);
  const firstSlot = slots[0] ?? s.startSlot;
  const lastSlot = slots[slots.length - 1] ?? firstSlot;
  const greenKWhBySlot = Object.entries(s.greenKWhBySlot)
    .map(([slot, energyKWh]) => ({ slot: Number(slot), energyKWh }))
    .filter((c) => c.slot >= firstSlot && c.slot <= lastSlot);
  const receipt = createReceipt({
    sessionId: s.id,
    siteId: site.id,
    stationId: s.evseId,
    timeline,
    firstSlot,
    lastSlot,
    deliveredKWh: s.deliveredKWh,
    greenKWhBySlot,
    sourcesKWh: s.bySourceKWh,
    issuedAtMs,
    extra: {
      siteName: site.name,
      requestedWh: Math.round(s.requestedKWh * 1000),
      co2G: round(s.co2G, 1),
      referenceCo2G: round(referenceCo2G({ site, startSlot: s.startSlot, endSlot: s.endSlot, energyKWh: s.deliveredKWh, timeline }), 1),
      cost: round(s.cost, 4),
      currency: site.energy?.currency ?? 'EUR',
      ...(strategy ? { strategy } : {}),
      ...(scheduler ? { scheduler } : {})
    }
  });
  return canonicalJson({ value: receipt });
}
