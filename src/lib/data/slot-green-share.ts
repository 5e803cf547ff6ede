import type { SlotResultRow } from './db';

/**
 * The green share of EV energy in one slot, as receipts count it: what the site's EVs got there
 * (green kWh ÷ EV kWh, PV first), else the slot's grid share, else `fallback` (the grid mix's share
 * where no slot has been booked). One rule for the receipt and the session page's measured figures.
 */
export function slotGreenShare({ row, fallback }: { row: SlotResultRow | undefined; fallback: () => number }): number {
  if (row?.evEnergyKWh && row.evEnergyKWh > 0 && row.greenKWh !== undefined) return row.greenKWh / row.evEnergyKWh;
  return row ? row.greenShare : fallback();
}
