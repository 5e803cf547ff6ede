import type { Site } from './site';

/** Line-to-neutral (phase) voltage of a site, V: `voltageV`, else lineVoltageV/√3, else 230. */
export function phaseVoltageV(site: Site): number {
  if (site.voltageV !== undefined) return site.voltageV;
  if (site.lineVoltageV !== undefined) return site.lineVoltageV / Math.sqrt(3);
  return 230;
}

/** Line-to-line voltage of a site, V: `lineVoltageV`, else 208 (the US value the type documents). */
export function lineVoltageV(site: Site): number {
  return site.lineVoltageV ?? 208;
}
