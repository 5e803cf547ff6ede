import type { GridRow } from '../grid/grid-rows';

/**
 * What is left of the grid in one slot while a baseline hands out power: the slack of every grid
 * row and the free kW of every EVSE. Baselines only ever add power, so the slack of a row can only
 * shrink through EVSEs with a positive coefficient (line-to-line transformer rows also have negative
 * ones, which only loosen the row).
 */

/** Grid rows indexed by EVSE, built once per gate and reused for every slot of the horizon. */
export type RowIndex = {
  rows: readonly GridRow[];
  /** Per EVSE: indexes of the rows it appears in and its coefficient there. */
  byEvse: Map<string, { rowIdx: number[]; coeffs: number[] }>;
  /** EVSE max power by id, kW. */
  evseMaxKw: Map<string, number>;
};

/** Parameters of `indexRows`. */
export type IndexRowsParameters = {
  rows: readonly GridRow[];
  /** EVSE id → max kW (from the site). */
  evseMaxKw: Map<string, number>;
};

/** Indexes grid rows by EVSE. */
export function indexRows({ rows, evseMaxKw }: IndexRowsParameters): RowIndex {
  const byEvse = new Map<string, { rowIdx: number[]; coeffs: number[] }>();
  rows.forEach((row, r) => {
    row.evseIds.forEach((evseId, i) => {
      let entry = byEvse.get(evseId);
      if (!entry) byEvse.set(evseId, (entry = { rowIdx: [], coeffs: [] }));
      entry.rowIdx.push(r);
      entry.coeffs.push(row.coeffs[i]);
    });
  });
  return { rows, byEvse, evseMaxKw };
}

/** Remaining capacity of one slot: row slack and EVSE headroom, updated as power is booked. */
export type SlotCapacity = {
  index: RowIndex;
  /** Slack of each row (rhs − booked lhs), kW-equivalents; same order as index.rows. */
  slack: Float64Array;
  /** kW already booked per EVSE. */
  bookedKw: Map<string, number>;
  /** Extra kW the EVSE may take without breaking its own max or any row (≥ 0). */
  headroomKw(evseId: string): number;
  /** Books `kw` more on an EVSE (updates every row it appears in). */
  add(evseId: string, kw: number): void;
};

/** Parameters of `slotCapacity`. */
export type SlotCapacityParameters = {
  index: RowIndex;
  /** Index into the rows' rhs arrays. */
  slotIndex: number;
};

/** A fresh capacity for slot `slotIndex` of the indexed rows (nothing booked yet). */
export function slotCapacity({ index, slotIndex }: SlotCapacityParameters): SlotCapacity {
  const slack = new Float64Array(index.rows.length);
  index.rows.forEach((row, r) => {
    const rhs = row.rhs[slotIndex];
    // A non-finite limit would poison every comparison; treat it as "no capacity".
    slack[r] = Number.isFinite(rhs) ? rhs : 0;
  });
  const bookedKw = new Map<string, number>();
  return {
    index,
    slack,
    bookedKw,
    headroomKw(evseId) {
      const max = index.evseMaxKw.get(evseId) ?? Infinity;
      let head = max - (bookedKw.get(evseId) ?? 0);
      const entry = index.byEvse.get(evseId);
      if (entry) {
        for (let i = 0; i < entry.rowIdx.length; i++) {
          const c = entry.coeffs[i];
          if (c > 0) head = Math.min(head, slack[entry.rowIdx[i]] / c);
        }
      }
      return head > 0 ? head : 0;
    },
    add(evseId, kw) {
      bookedKw.set(evseId, (bookedKw.get(evseId) ?? 0) + kw);
      const entry = index.byEvse.get(evseId);
      if (!entry) return;
      for (let i = 0; i < entry.rowIdx.length; i++) slack[entry.rowIdx[i]] -= entry.coeffs[i] * kw;
    }
  };
}
