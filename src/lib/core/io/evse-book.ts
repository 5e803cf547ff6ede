/**
 * Occupancy of EVSEs over time: one plugged-in vehicle per EVSE, sessions as half-open
 * intervals [arrivalMs, departureMs). Shared by the simulation's EVSE choice and `assignEvses`.
 */
export class EvseBook {
  readonly #busy = new Map<string, { fromMs: number; toMs: number }[]>();
  readonly #order: string[];

  constructor(evseIds: readonly string[]) {
    this.#order = [...evseIds];
    for (const id of evseIds) this.#busy.set(id, []);
  }

  /** True when the EVSE is part of the site. */
  has(evseId: string): boolean {
    return this.#busy.has(evseId);
  }

  /** True when no booked session on the EVSE overlaps [fromMs, toMs). */
  isFree(evseId: string, fromMs: number, toMs: number): boolean {
    const list = this.#busy.get(evseId);
    if (!list) return false;
    return list.every((b) => b.toMs <= fromMs || b.fromMs >= toMs);
  }

  /** EVSEs free over [fromMs, toMs), in the site's order. */
  freeEvses(fromMs: number, toMs: number): string[] {
    return this.#order.filter((id) => this.isFree(id, fromMs, toMs));
  }

  /** End of the last session booked on the EVSE before `ms` (−Infinity if none). */
  lastReleaseBefore(evseId: string, ms: number): number {
    let last = Number.NEGATIVE_INFINITY;
    for (const b of this.#busy.get(evseId) ?? []) if (b.toMs <= ms && b.toMs > last) last = b.toMs;
    return last;
  }

  /** Books [fromMs, toMs) on the EVSE (the caller checked it is free). */
  book(evseId: string, fromMs: number, toMs: number): void {
    this.#busy.get(evseId)?.push({ fromMs, toMs });
  }
}
