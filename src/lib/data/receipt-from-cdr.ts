import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import { carbonMixAt, type CarbonSeries } from '$lib/core/carbon/carbon-series';
import { attributedCo2, avoidedCo2VersusArrival } from '$lib/core/carbon/co2-figures';
import { co2Intensity } from '$lib/core/energy/co2-intensity';
import { greenShare } from '$lib/core/energy/green-share';
import { siteSlotEnergy } from '$lib/core/energy/site-slot-energy';
import { slotStartMs } from '$lib/core/time/gates';
import { GREEN_SOURCES, SOURCES, type Source, type SourceKWh, type SourceMix } from '$lib/core/energy/sources';
import { ValidationError } from '$lib/core/errors';
import { greenKWhBySlot } from '$lib/core/ocpi/greenKWhBySlot';
import { measuredEnergyBySlot } from '$lib/core/ocpi/measuredEnergyBySlot';
import { canonicalJson, createReceipt, parseReceipt, type Receipt } from '$lib/chain/receipt';
import type { LiveCdrRow, SessionRow, SlotResultRow } from './db';
import { referenceCo2G } from './receipt';
import { slotGreenShare } from './slot-green-share';

/** Parameters of {@link receiptFromCdr}. */
export type ReceiptFromCdrParameters = {
  cdr: LiveCdrRow;
  /** The GreenSlot session the CDR measured. */
  session: SessionRow;
  site: Site;
  timeline: Timeline;
  /** The engine's stored slot rows of the site (green share of the EVs' energy per slot). */
  slotRows: ReadonlyMap<number, SlotResultRow>;
  average?: CarbonSeries;
  marginal?: CarbonSeries;
  /** The receipt this one replaces (its figures are kept in `previous` to show the difference). */
  previousJson?: string;
  issuedAtMs?: number;
};

/** What {@link receiptFromCdr} returns. */
export type ReceiptFromCdr = { json: string; receipt: Receipt; warnings: string[] };

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Issues a session's receipt from the operator's CDR: delivered = `total_energy`, energy per slot
 * from its charging periods (measuredEnergyBySlot), green per slot = measured kWh × the slot's green
 * share of the EVs' energy (the engine's slot row, else the grid mix), capped at the slot's green
 * supply; CO2 attributed (average signal) and avoided versus charging on arrival (marginal signal).
 * The receipt names its source (CDR id, backend, time received). Same Receipt type as the simulation's.
 */
export function receiptFromCdr({ cdr, session, site, timeline, slotRows, average, marginal, previousJson, issuedAtMs = Date.now() }: ReceiptFromCdrParameters): ReceiptFromCdr {
  const measured = measuredEnergyBySlot({ periods: cdr.periods, startMs: cdr.startMs, endMs: cdr.endMs, totalKWh: cdr.totalEnergyKWh, timeline });
  const warnings = [...measured.warnings];
  if (measured.slots.some((s) => s.slot < 0)) {
    throw new ValidationError([{ file: `CDR ${cdr.id}`, where: '$.start_date_time', message: "expected a CDR within the site's timeline (it starts before slot 0)" }]);
  }
  // Attributional: an imported consumption mix (Electricity Maps power-breakdown) covering the slot
  // wins over the site's own mix for the split by source and the fallback intensity.
  const mixOf = (slot: number): SourceMix =>
    (average ? carbonMixAt({ series: average, ms: slotStartMs({ timeline, slot }) + (timeline.slotMinutes * 60_000) / 2 }) : undefined) ??
    slotRows.get(slot)?.gridMix ??
    siteSlotEnergy({ site, slot, timeline }).gridMix;
  const shareOf = (slot: number): number => slotGreenShare({ row: slotRows.get(slot), fallback: () => greenShare(mixOf(slot)) });
  const green = greenKWhBySlot({ measured: measured.slots, greenShareOf: shareOf }).map((g) => {
    // A claim can never exceed the green energy the site's EVs got in that slot (the ledger's supply).
    const cap = slotRows.get(g.slot)?.greenKWh;
    if (cap !== undefined && g.energyKWh > cap + 1e-9) {
      warnings.push(`slot ${g.slot}: measured green ${round(g.energyKWh, 3)} kWh exceeds the slot's green supply ${round(cap, 3)} kWh; claimed up to the supply`);
      return { slot: g.slot, energyKWh: cap };
    }
    return g;
  });
  const sourcesKWh: SourceKWh = {};
  const add = (s: Source, kWh: number) => (sourcesKWh[s] = (sourcesKWh[s] ?? 0) + kWh);
  measured.slots.forEach(({ slot, energyKWh }, i) => {
    const mix = mixOf(slot);
    const g = green[i].energyKWh;
    splitOver({ kWh: g, mix, sources: GREEN_SOURCES, fallback: 'solar', add });
    splitOver({ kWh: energyKWh - g, mix, sources: SOURCES.filter((s) => !GREEN_SOURCES.includes(s)), fallback: 'other', add });
  });
  const attributed = attributedCo2({ measured: measured.slots, timeline, average, fallbackGPerKWh: (slot) => co2Intensity(mixOf(slot)) });
  const evseKw = site.evses.find((e) => e.id === session.evseId)?.maxKw;
  const avoided = marginal ? avoidedCo2VersusArrival({ measured: measured.slots, timeline, marginal, arrivalMs: cdr.startMs, powerKw: evseKw ?? measured.lastPowerKw ?? 11 }) : undefined;
  const previous = previousJson ? safeParse(previousJson) : undefined;
  const slots = measured.slots.map((s) => s.slot);
  const receipt = createReceipt({
    sessionId: session.id,
    siteId: site.id,
    stationId: session.evseId,
    timeline,
    firstSlot: slots[0] ?? session.startSlot,
    lastSlot: slots[slots.length - 1] ?? session.startSlot,
    deliveredKWh: cdr.totalEnergyKWh,
    greenKWhBySlot: green,
    sourcesKWh,
    issuedAtMs,
    extra: {
      siteName: site.name,
      requestedWh: Math.round(session.requestedKWh * 1000),
      co2G: round(attributed.g, 1),
      referenceCo2G: round(referenceCo2G({ site, startSlot: session.startSlot, endSlot: session.endSlot, energyKWh: cdr.totalEnergyKWh, timeline }), 1),
      co2Attributed: { g: round(attributed.g, 1), method: attributed.method },
      ...(avoided ? { co2AvoidedVersusArrival: { g: round(avoided.g, 1), method: avoided.method } } : {}),
      cost: round(cdr.totalCostExclVat, 4),
      currency: cdr.currency,
      source: {
        kind: 'ocpi-cdr',
        cdrId: cdr.id,
        ocpiSessionId: cdr.sessionKey?.split('*').slice(2).join('*'),
        partyId: `${cdr.countryCode}*${cdr.partyId}`,
        backend: cdr.backend,
        receivedAtMs: cdr.receivedMs,
        cdrLastUpdatedMs: cdr.lastUpdatedMs,
        energyMethod: measured.method,
        ...(warnings.length ? { warnings } : {})
      },
      ...(previous ? { previous: { deliveredWh: previous.deliveredWh, greenWh: previous.greenWh, issuedAtMs: previous.issuedAtMs, source: (previous as { source?: { kind?: string } }).source?.kind ?? 'simulation' } } : {})
    }
  });
  return { json: canonicalJson({ value: receipt }), receipt, warnings };
}

// Splits kWh over the given sources in proportion to their share of the mix (all to `fallback` if none).
function splitOver({ kWh, mix, sources, fallback, add }: { kWh: number; mix: SourceMix; sources: readonly Source[]; fallback: Source; add: (s: Source, kWh: number) => void }): void {
  if (!(kWh > 0)) return;
  const total = sources.reduce((a, s) => a + (mix[s] ?? 0), 0);
  if (!(total > 0)) return add(fallback, kWh);
  for (const s of sources) if ((mix[s] ?? 0) > 0) add(s, (kWh * (mix[s] ?? 0)) / total);
}

function safeParse(json: string): Receipt | undefined {
  try {
    return parseReceipt({ json });
  } catch {
    return undefined;
  }
}
