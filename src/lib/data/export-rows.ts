import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { SessionPlan } from '$lib/core/model/session-plan';
import type { CdrSession, CdrPlace } from '$lib/core/ocpi/writeOcpiCdr';
import type { SessionCsvRow } from '$lib/core/ocpp/writeSessionsCsv';
import type { SlotCsvRow } from '$lib/core/ocpp/writeSlotResultsCsv';
import { siteSlotEnergy } from '$lib/core/energy/site-slot-energy';
import type { RequestRow, SessionRow, SiteRow, SlotResultRow } from './db';

/**
 * Stored rows → the shapes the core's writers take (CSV, OCPI CDR, OCPP profiles). Built from
 * Dexie, not from the live engine, so an export after a reload holds the same data.
 */

/** A stored session as the CSV and CDR writers want it (arrival and departure come from its request). */
export type ExportSession = SessionCsvRow & CdrSession;

/** Parameters of `exportSessions`. */
export type ExportSessionsParameters = { sessions: readonly SessionRow[]; requests: readonly RequestRow[] };

/** Sessions with their request's times and preference; kW per slot as an array from `startSlot`. */
export function exportSessions({ sessions, requests }: ExportSessionsParameters): ExportSession[] {
  const byId = new Map(requests.map((r) => [r.id, r]));
  const out: ExportSession[] = [];
  for (const s of sessions) {
    const r = byId.get(s.requestId);
    if (!r) continue; // a session without its request cannot say when it arrived
    const slots = Object.keys(s.kwBySlot).map(Number);
    const last = slots.length ? Math.max(...slots) : s.startSlot - 1;
    const kwBySlot: number[] = [];
    for (let k = s.startSlot; k <= last; k++) kwBySlot.push(s.kwBySlot[k] ?? 0);
    out.push({
      id: s.id,
      evseId: s.evseId,
      arrivalMs: r.arrivalMs,
      departureMs: r.departureMs,
      startSlot: s.startSlot,
      requestedKWh: s.requestedKWh,
      deliveredKWh: s.deliveredKWh,
      greenKWh: s.greenKWh,
      bySourceKWh: s.bySourceKWh,
      co2G: s.co2G,
      cost: s.cost,
      status: s.status,
      preference: r.preference,
      kwBySlot
    });
  }
  return out;
}

/** Parameters of `exportSlots`. */
export type ExportSlotsParameters = { results: readonly SlotResultRow[]; site: Site; timeline: Timeline; sessions: readonly SessionRow[] };

/** Slot results as the slot CSV wants them: the engine's stored figures, else rebuilt from the root node and the site's grid mix. */
export function exportSlots({ results, site, timeline, sessions }: ExportSlotsParameters): SlotCsvRow[] {
  const hours = timeline.slotMinutes / 60;
  return [...results]
    .sort((a, b) => a.slot - b.slot)
    .map((r) => {
      const root = r.nodes[0];
      // Rows written since the chain work carry the engine's own figures; older rows are rebuilt.
      const evEnergyKWh = r.evEnergyKWh ?? r.evKw * hours;
      return {
        slot: r.slot,
        startMs: r.startMs ?? timeline.startMs + r.slot * timeline.slotMinutes * 60_000,
        evKw: r.evKw,
        evEnergyKWh,
        greenKWh: r.greenKWh ?? evEnergyKWh * r.greenShare,
        greenShare: r.greenShare,
        baseLoadKw: r.baseLoadKw ?? root?.baseLoadKw ?? 0,
        pvKw: r.pvKw ?? root?.pvKw ?? 0,
        netLoadKw: root?.netKw ?? 0,
        limitKw: root?.limitKw ?? 0,
        overKw: r.nodes.reduce((a, n) => a + n.overKw, 0),
        gridMix: r.gridMix ?? siteSlotEnergy({ site, slot: r.slot, timeline }).gridMix,
        co2GPerKWh: r.co2GPerKWh,
        pricePerKWh: r.pricePerKWh,
        chargingSessions: sessions.filter((s) => (s.kwBySlot[r.slot] ?? 0) > 0).length
      };
    });
}

/** Parameters of `currentPlans`. */
export type CurrentPlansParameters = { sessions: readonly SessionRow[]; slotMinutes?: number };

/**
 * The latest plans of the sessions still to charge, cut to start at the newest gate's first slot
 * (one OCPP schedule start for all): older plans lose the slots already past.
 */
export function currentPlans({ sessions, slotMinutes = 15 }: CurrentPlansParameters): { plans: SessionPlan[]; firstSlot: number } {
  const open = sessions.filter((s) => s.plan && s.status !== 'finished');
  const firstSlot = Math.max(0, ...open.map((s) => s.plan!.firstSlot));
  const plans: SessionPlan[] = [];
  for (const s of open) {
    const p = s.plan!;
    const kw = p.kw.slice(firstSlot - p.firstSlot);
    if (kw.length === 0) continue;
    plans.push({
      sessionId: s.id,
      evseId: s.evseId,
      kw,
      plannedKWh: (kw.reduce((a, x) => a + x, 0) * slotMinutes) / 60,
      shortfallKWh: p.shortfallKWh,
      expectedFinishSlot: p.expectedFinishSlot,
      expectedGreenShare: p.expectedGreenShare
    });
  }
  return { plans, firstSlot };
}

/** Where a site's sessions took place, for CDRs: the OCPI facts when the site came from an import. */
export function cdrPlace({ site, evseId }: { site: Pick<SiteRow, 'id' | 'name' | 'ocpi'>; evseId: string }): CdrPlace {
  const o = site.ocpi;
  const place: CdrPlace = { locationId: o?.locationId ?? site.id, name: site.name, evseUid: evseId };
  if (o?.address) place.address = o.address;
  if (o?.city) place.city = o.city;
  if (o?.country) place.country = o.country;
  if (o?.latitude !== undefined) place.latitude = o.latitude;
  if (o?.longitude !== undefined) place.longitude = o.longitude;
  return place;
}
