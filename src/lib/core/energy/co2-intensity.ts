import { SOURCES, type SourceMix } from './sources';
import { EMISSION_FACTORS_G_PER_KWH } from './emission-factors';
import { mixTotal } from './normalize-mix';

/** Lifecycle CO2 intensity of a mix, g CO2-eq/kWh (share-weighted IPCC factors; 0 for an empty mix). */
export function co2Intensity(mix: SourceMix): number {
  const total = mixTotal(mix);
  if (!(total > 0)) return 0;
  let g = 0;
  for (const s of SOURCES) g += (mix[s] ?? 0) * EMISSION_FACTORS_G_PER_KWH[s];
  return g / total;
}
