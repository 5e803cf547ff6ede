import { profileAt } from '../profile';
import type { GridMixSeries, Site } from '../grid/site';
import type { Timeline } from '../time/timeline';
import type { SourceMix } from './sources';

/**
 * Grid mix used when a site gives none: EU-27 electricity generation in 2023, rounded to whole
 * percent (after Ember, European Electricity Review 2024: wind 18, nuclear 23, gas 17, hydro 12,
 * coal 12, solar 9, bioenergy 6, other fossil 3). ≈ 227 g CO2-eq/kWh with our factors, 45 % green.
 */
export const DEFAULT_GRID_MIX: Readonly<Required<SourceMix>> = {
  solar: 0.09,
  wind: 0.18,
  hydro: 0.12,
  biomass: 0.06,
  nuclear: 0.23,
  gas: 0.17,
  coal: 0.12,
  other: 0.03
};

/** Parameters of `siteSlotEnergy`. */
export type SiteSlotEnergyParameters = {
  site: Site;
  slot: number;
  /** The slots' timeline: needed to read `energy.gridMixSeries` (absolute times); without it the periodic profile applies. */
  timeline?: Timeline;
};

/** Site-wide energy facts of one slot. */
export type SiteSlotEnergy = {
  /** Generation of all PV plants, kW. */
  pvKw: number;
  /** Base load of all nodes, kW. */
  baseLoadKw: number;
  /** Grid source mix (the site's series where it covers the slot, else its periodic mix, else DEFAULT_GRID_MIX). */
  gridMix: SourceMix;
  /** Energy price, site currency per kWh; 0 when the site has no prices (cost terms then do nothing). */
  pricePerKWh: number;
};

/** PV, base load, grid mix and price of a site at absolute slot `slot` (periodic profiles, mix series by time). */
export function siteSlotEnergy({ site, slot, timeline }: SiteSlotEnergyParameters): SiteSlotEnergy {
  let pvKw = 0;
  for (const plant of site.pv ?? []) pvKw += profileAt(plant.kw, slot);
  let baseLoadKw = 0;
  for (const node of site.nodes) baseLoadKw += profileAt(node.baseLoadKw, slot);
  const mixes = site.energy?.gridMix;
  const n = mixes?.length ?? 0;
  const fromSeries = timeline && site.energy?.gridMixSeries ? seriesMixAt({ series: site.energy.gridMixSeries, ms: timeline.startMs + slot * timeline.slotMinutes * 60_000 }) : undefined;
  const gridMix = fromSeries ?? (mixes && n > 0 ? mixes[((slot % n) + n) % n] : DEFAULT_GRID_MIX);
  return { pvKw, baseLoadKw, gridMix, pricePerKWh: profileAt(site.energy?.pricePerKWh, slot, 0) };
}

/** The series' mix of the entry that contains instant `ms` (a slot's start), or undefined outside the series. */
export function seriesMixAt({ series, ms }: { series: GridMixSeries; ms: number }): SourceMix | undefined {
  const i = Math.floor((ms - series.startMs) / (series.slotMinutes * 60_000));
  return i >= 0 && i < series.mixes.length ? series.mixes[i] : undefined;
}
