import { BaseError } from '../errors';
import type { Source, SourceMix } from './sources';
import { normalizeMix } from './normalize-mix';

/** OCPI 2.2.1 `EnergySourceCategory` values (`energy_mix.energy_sources[].source`). */
export const OCPI_SOURCE_CATEGORIES = ['NUCLEAR', 'GENERAL_FOSSIL', 'COAL', 'GAS', 'GENERAL_GREEN', 'SOLAR', 'WIND', 'WATER'] as const;

/** One OCPI energy source category. */
export type OcpiSourceCategory = (typeof OCPI_SOURCE_CATEGORIES)[number];

/**
 * OCPI category → GreenSlot source. GENERAL_GREEN (renewable, kind unstated) goes to `biomass`:
 * it must stay green, and biomass has the highest green factor (230 g/kWh), so CO2 is never
 * understated; GENERAL_FOSSIL goes to `other` (650 g/kWh).
 */
export const OCPI_TO_SOURCE: Readonly<Record<OcpiSourceCategory, Source>> = {
  SOLAR: 'solar',
  WIND: 'wind',
  WATER: 'hydro',
  GENERAL_GREEN: 'biomass',
  NUCLEAR: 'nuclear',
  GAS: 'gas',
  COAL: 'coal',
  GENERAL_FOSSIL: 'other'
};

/** Maps one OCPI category to a GreenSlot source; throws BaseError for an unknown category. */
export function ocpiSource(category: string): Source {
  const source = (OCPI_TO_SOURCE as Record<string, Source | undefined>)[category];
  if (!source) throw new BaseError(`unknown OCPI energy source category "${category}" (expected one of ${OCPI_SOURCE_CATEGORIES.join(', ')})`);
  return source;
}

/**
 * Converts OCPI `energy_sources` (percentages 0..100) to a normalised SourceMix; categories
 * mapping to the same source add up.
 * @example ocpiEnergySourcesToMix([{ source: 'WIND', percentage: 60 }, { source: 'GAS', percentage: 40 }])
 */
export function ocpiEnergySourcesToMix(energySources: readonly { source: string; percentage: number }[]): Required<SourceMix> {
  const mix: SourceMix = {};
  for (const { source, percentage } of energySources) {
    const s = ocpiSource(source);
    mix[s] = (mix[s] ?? 0) + percentage / 100;
  }
  return normalizeMix(mix);
}
