import { OCPI_TO_SOURCE } from '../energy/ocpi-sources';
import type { Source, SourceMix } from '../energy/sources';
import type { OcpiEnergyMix } from './ocpiLocationSchema';

/** What a Location's energy_mix tells us, in GreenSlot terms. */
export type OcpiSourceMixResult = {
  /** Shares summing to 1, or undefined when the mix lists no sources. */
  mix: SourceMix | undefined;
  /** The supplier's own "100 % green" flag. */
  isGreenEnergy: boolean;
  /** g CO2 per kWh (OCPI CARBON_DIOXIDE), when given. */
  co2GPerKWh?: number;
  /** g nuclear waste per kWh (OCPI NUCLEAR_WASTE), when given. */
  nuclearWasteGPerKWh?: number;
  supplierName?: string;
  productName?: string;
};

/**
 * Converts an OCPI energy_mix to a SourceMix (percentages normalised to shares summing to 1, since
 * suppliers' lists rarely add up to exactly 100). A mix with only `is_green_energy` gets no invented
 * split: `mix` stays undefined and `isGreenEnergy` carries the claim.
 */
export function ocpiSourceMix({ energyMix }: { energyMix: OcpiEnergyMix }): OcpiSourceMixResult {
  const sums: SourceMix = {};
  let total = 0;
  for (const { source, percentage } of energyMix.energy_sources ?? []) {
    // The shared category map (energy/ocpi-sources): GENERAL_GREEN → biomass, GENERAL_FOSSIL → other.
    const ours = OCPI_TO_SOURCE[source];
    sums[ours] = (sums[ours] ?? 0) + percentage;
    total += percentage;
  }
  let mix: SourceMix | undefined;
  if (total > 0) {
    mix = {};
    for (const [k, v] of Object.entries(sums) as [Source, number][]) if (v > 0) mix[k] = v / total;
  }
  const impact = (category: string) => energyMix.environ_impact?.find((e) => e.category === category)?.amount;
  const out: OcpiSourceMixResult = { mix, isGreenEnergy: energyMix.is_green_energy };
  const co2 = impact('CARBON_DIOXIDE');
  const waste = impact('NUCLEAR_WASTE');
  if (co2 !== undefined) out.co2GPerKWh = co2;
  if (waste !== undefined) out.nuclearWasteGPerKWh = waste;
  if (energyMix.supplier_name) out.supplierName = energyMix.supplier_name;
  if (energyMix.energy_product_name) out.productName = energyMix.energy_product_name;
  return out;
}
