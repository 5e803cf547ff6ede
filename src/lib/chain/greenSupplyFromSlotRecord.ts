import { GREEN_SOURCES, type SourceKWh } from '../core/energy/sources';
import type { GreenSupplySlot } from './registerGreenSupply';
import { slotEvidenceHash, type SlotSupplyEvidence } from './slotSupplyEvidence';

/** Parameters of {@link greenSupplyFromSlotRecord}. */
export type GreenSupplyFromSlotRecordParameters = {
  /** The engine's SlotRecord, or the evidence fields stored on a slot row (same result, same hash). */
  record: SlotSupplyEvidence;
  slotMinutes: number;
};

/**
 * The green supply an operator registers for one finished slot, from the engine's slot record: the
 * green kWh the engine booked to EVs, split into on-site PV (solar, served after the base load, as
 * allocateGreen does) and the grid's green sources pro rata to the slot's mix. The evidence hash is
 * keccak256 of the canonical JSON of the record's evidence fields (slotSupplyEvidence), exactly
 * what the app persists per slot, so anyone holding the row can check it.
 */
export function greenSupplyFromSlotRecord({ record, slotMinutes }: GreenSupplyFromSlotRecordParameters): GreenSupplySlot {
  const hours = slotMinutes / 60;
  const pvKWh = Math.min(record.evKw, Math.max(0, record.pvKw - record.baseLoadKw)) * hours;
  const fromPvKWh = Math.min(record.greenKWh, pvKWh);
  const gridGreenKWh = Math.max(0, record.greenKWh - fromPvKWh);
  const weights = GREEN_SOURCES.map((s) => Math.max(0, record.gridMix[s] ?? 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const bySource: SourceKWh = {};
  GREEN_SOURCES.forEach((s, i) => {
    const share = total > 0 ? weights[i] / total : s === 'biomass' ? 1 : 0;
    if (share > 0) bySource[s] = gridGreenKWh * share;
  });
  bySource.solar = (bySource.solar ?? 0) + fromPvKWh;
  return { slot: record.slot, startMs: record.startMs, lengthMinutes: slotMinutes, greenKWhBySource: bySource, evidenceHash: slotEvidenceHash({ evidence: record }) };
}
