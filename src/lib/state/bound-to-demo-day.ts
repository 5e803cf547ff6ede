import type { Site } from '$lib/core/grid/site';
import type { ChargingRequest } from '$lib/core/model/charging-request';

/** Parameters of `boundToDemoDay`. */
export type BoundToDemoDayParameters = {
  /** The simulated requests of the day. */
  requests: readonly ChargingRequest[];
  /** The site (its EVSE power limits cap what a shortened stay can take). */
  site: Site;
  /** End of the demo day, epoch ms: no car stays past it. */
  endMs: number;
};

/** The requests kept inside the day, and the ids whose stay was cut at its end. */
export type BoundToDemoDayReturnType = { requests: ChargingRequest[]; cut: string[] };

/**
 * Keeps a simulated day inside the demo day: a car that would stay past `endMs` leaves at it, and
 * asks for no more than it can take by then (the simulator's own rule: car or charger power × stay,
 * at most 95 % of the battery; a target-charge request keeps its target and arrives fuller). The
 * engine stops at the day's end, so a later departure would leave the session open for ever.
 * @example boundToDemoDay({ requests, site, endMs: slotStartMs({ timeline, slot: settings.endSlot }) })
 */
export function boundToDemoDay({ requests, site, endMs }: BoundToDemoDayParameters): BoundToDemoDayReturnType {
  const evseKw = new Map(site.evses.map((e) => [e.id, e.maxKw]));
  const cut: string[] = [];
  const kept = requests.map((r) => {
    if (r.departureMs <= endMs) return r;
    cut.push(r.id);
    const stayH = Math.max(0, endMs - r.arrivalMs) / 3_600_000;
    const kw = Math.min(r.vehicleMaxKw, r.evseId !== null ? (evseKw.get(r.evseId) ?? r.vehicleMaxKw) : r.vehicleMaxKw);
    const most = Math.min(kw * stayH, r.batteryKWh !== undefined ? 0.95 * r.batteryKWh : Number.POSITIVE_INFINITY);
    const energyKWh = Math.min(r.energyKWh, Math.floor(most * 1000) / 1000);
    const bounded: ChargingRequest = { ...r, departureMs: endMs, energyKWh };
    if (bounded.targetSoc !== undefined && bounded.batteryKWh && energyKWh < r.energyKWh) {
      // Whole-percent arrival charge, rounded up so the stated energy never grows past the cap.
      const arrivalSoc = Math.ceil((bounded.targetSoc - energyKWh / bounded.batteryKWh) * 100 - 1e-9) / 100;
      if (arrivalSoc >= 0 && arrivalSoc < bounded.targetSoc) {
        bounded.arrivalSoc = arrivalSoc;
        bounded.energyKWh = (bounded.targetSoc - arrivalSoc) * bounded.batteryKWh;
      } else {
        delete bounded.targetSoc;
        delete bounded.arrivalSoc;
      }
    }
    return bounded;
  });
  return { requests: kept, cut };
}
