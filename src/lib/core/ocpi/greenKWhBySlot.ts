import type { MeasuredSlot } from './measuredEnergyBySlot';

/** Parameters of {@link greenKWhBySlot}. */
export type GreenKWhBySlotParameters = {
  measured: MeasuredSlot[];
  /** Green share (0..1) of the energy the site's EVs drew in a slot. */
  greenShareOf: (slot: number) => number;
};

/** Green kWh per slot of measured energy: measured kWh × the slot's green share (shares clamped to 0..1). */
export function greenKWhBySlot({ measured, greenShareOf }: GreenKWhBySlotParameters): MeasuredSlot[] {
  return measured.map(({ slot, energyKWh }) => {
    const share = greenShareOf(slot);
    return { slot, energyKWh: energyKWh * (Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0) };
  });
}
