/**
 * Source-of-origin categories GreenSlot tracks. Order is fixed (it is used for arrays and charts).
 * OCPI's categories map onto these (SOLAR→solar, WIND→wind, WATER→hydro, GENERAL_GREEN→other
 * green is folded into biomass only when stated; NUCLEAR, GAS, COAL, GENERAL_FOSSIL→other).
 */
export const SOURCES = ['solar', 'wind', 'hydro', 'biomass', 'nuclear', 'gas', 'coal', 'other'] as const;

/** One source-of-origin category. */
export type Source = (typeof SOURCES)[number];

/** Renewable ("green") sources. */
export const GREEN_SOURCES: readonly Source[] = ['solar', 'wind', 'hydro', 'biomass'];

/** Shares per source, each in [0, 1], summing to 1 (missing keys = 0). */
export type SourceMix = Partial<Record<Source, number>>;

/** kWh per source (missing keys = 0). */
export type SourceKWh = Partial<Record<Source, number>>;
