type Booking = { fromMs: number; toMs: number };
type Lane = { list: Booking[]; lastFromMs: number; maxToMs: number };

/**
 * Occupancy of EVSEs over time: one plugged-in vehicle per EVSE, sessions as half-open
 * intervals [arrivalMs, departureMs). Shared by the simulation's EVSE choice and `assignEvses`.
 * Both book in arrival order, so a query at or after the latest booked arrival only needs the
 * latest departure (O(1) per EVSE); out-of-order queries fall back to scanning the bookings.
 */
export class EvseBook {
  readonly #lanes = new Map<string, Lane>();
  readonly #order: string[];

  constructor(evseIds: readonly string[]) {
    this.#order = [...evseIds];
    for (const id of evseIds) this.#lanes.set(id, { list: [], lastFromMs: Number.NEGATIVE_INFINITY, maxToMs: Number.NEGATIVE_INFINITY });
  }

  /** True when the EVSE is part of the site. */
  has(evseId: string): boolean {
    return this.#lanes.has(evseId);
  }

  /** True when no booked session on the EVSE overlaps [fromMs, toMs). */
  isFree(evseId: string, fromMs: number, toMs: number): boolean {
    const lane = this.#lanes.get(evseId);
    if (!lane) return false;
    // Every booking started at or before fromMs: it overlaps iff it ends after fromMs.
    if (fromMs >= lane.lastFromMs) return lane.maxToMs <= fromMs;
    return lane.list.every((b) => b.toMs <= fromMs || b.fromMs >= toMs);
  }

  /** EVSEs free over [fromMs, toMs), in the site's order. */
  freeEvses(fromMs: number, toMs: number): string[] {
    return this.#order.filter((id) => this.isFree(id, fromMs, toMs));
  }

  /** End of the last session booked on the EVSE that ended by `ms` (−Infinity if none). */
  lastReleaseBefore(evseId: string, ms: number): number {
    const lane = this.#lanes.get(evseId);
    if (!lane) return Number.NEGATIVE_INFINITY;
    if (lane.maxToMs <= ms) return lane.maxToMs;
    let last = Number.NEGATIVE_INFINITY;
    for (const b of lane.list) if (b.toMs <= ms && b.toMs > last) last = b.toMs;
    return last;
  }

  /** Books [fromMs, toMs) on the EVSE (the caller checked it is free). */
  book(evseId: string, fromMs: number, toMs: number): void {
    const lane = this.#lanes.get(evseId);
    if (!lane) return;
    lane.list.push({ fromMs, toMs });
    lane.lastFromMs = Math.max(lane.lastFromMs, fromMs);
    lane.maxToMs = Math.max(lane.maxToMs, toMs);
  }
}
