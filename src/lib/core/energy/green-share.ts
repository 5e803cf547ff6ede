import { GREEN_SOURCES, type SourceMix } from './sources';
import { mixTotal } from './normalize-mix';

/** Renewable share of a mix, 0..1 (solar, wind, hydro, biomass over the total; 0 for an empty mix). */
export function greenShare(mix: SourceMix): number {
  const total = mixTotal(mix);
  if (!(total > 0)) return 0;
  let green = 0;
  for (const s of GREEN_SOURCES) green += mix[s] ?? 0;
  return green / total;
}
