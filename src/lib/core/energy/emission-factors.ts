import type { Source } from './sources';

/**
 * Lifecycle emission factors, g CO2-eq per kWh, per source: the medians of IPCC AR5 WGIII
 * (2014), Annex III, Table A.III.2 ("Emissions of selected electricity supply technologies"):
 * coal (pulverised) 820, gas (combined cycle) 490, biomass (dedicated) 230, solar PV utility 48,
 * hydropower 24, nuclear 12, wind onshore 11. AR5 gives no oil median; `other` (unspecified or
 * oil-fired fossil generation, OCPI GENERAL_FOSSIL) takes 650, about the midpoint of the gas and
 * coal medians, so it is never counted cleaner than gas nor dirtier than coal.
 */
export const EMISSION_FACTORS_G_PER_KWH: Readonly<Record<Source, number>> = {
  solar: 48,
  wind: 11,
  hydro: 24,
  biomass: 230,
  nuclear: 12,
  gas: 490,
  coal: 820,
  other: 650
};

/** Lifecycle factor of on-site rooftop PV, g CO2-eq/kWh (IPCC AR5 WGIII Annex III median, rooftop PV). */
export const ONSITE_PV_G_PER_KWH = 41;
