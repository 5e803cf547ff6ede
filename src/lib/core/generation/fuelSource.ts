import { SOURCES, type Source } from '../energy/sources';

/**
 * Fuel names of the generation-mix sources we import → GreenSlot Source categories (null = not a
 * generation source: consumption, load, trade, shares, prices). Keys are normalised names (see
 * `normalizeFuelName`). docs/ocpi.md has the table with the reasons.
 *
 * Choices worth knowing: pumped-storage and battery output is stored energy of mixed origin → `other`;
 * waste, oil, peat, geothermal and unspecified "other renewable" have no category of their own → `other`
 * (so they never count as green); marine (tidal/wave) is water energy → `hydro`.
 */
export const FUEL_SOURCES: Readonly<Record<string, Source | null>> = {
  // Energy-Charts (English series names)
  'hydro run-of-river': 'hydro',
  biomass: 'biomass',
  'fossil brown coal/lignite': 'coal',
  'fossil hard coal': 'coal',
  'fossil oil': 'other',
  'fossil gas': 'gas',
  'fossil coal-derived gas': 'gas',
  geothermal: 'other',
  'hydro water reservoir': 'hydro',
  'hydro pumped storage': 'other',
  'hydro pumped storage consumption': null,
  'battery storage': 'other',
  'battery storage consumption': null,
  others: 'other',
  waste: 'other',
  'wind offshore': 'wind',
  'wind onshore': 'wind',
  solar: 'solar',
  nuclear: 'nuclear',
  'cross border electricity trading': null,
  'import balance': null,
  load: null,
  'residual load': null,
  'renewable share of generation': null,
  'renewable share of load': null,
  'day ahead auction (de-lu)': null,
  'day ahead auction': null,
  // ENTSO-E production types (B01..B20)
  'fossil oil shale': 'other',
  'fossil peat': 'other',
  'hydro run-of-river and poundage': 'hydro',
  marine: 'hydro',
  other: 'other',
  'other renewable': 'other',
  'energy storage': 'other',
  // SMARD (German column names)
  biomasse: 'biomass',
  wasserkraft: 'hydro',
  photovoltaik: 'solar',
  'sonstige erneuerbare': 'other',
  kernenergie: 'nuclear',
  braunkohle: 'coal',
  steinkohle: 'coal',
  erdgas: 'gas',
  pumpspeicher: 'other',
  'sonstige konventionelle': 'other',
  // GreenSlot's own names (simple CSV)
  ...Object.fromEntries(SOURCES.map((s) => [s, s])),
  hydro: 'hydro',
  wind: 'wind',
  coal: 'coal',
  gas: 'gas'
};

/** Lower-cases a column or series name and drops units, ENTSO-E/SMARD suffixes and extra spaces. */
export function normalizeFuelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\[[^\]]*\]/g, ' ') // [MW], [MWh]
    .replace(/\((?:mw|mwh)\)/g, ' ')
    .replace(/-\s*actual aggregated/g, ' ')
    .replace(/originalauflösungen|berechnete auflösungen/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The Source a fuel/series name maps to: a Source, `null` for known non-generation series, or
 * `undefined` for a name we do not know (importers report those instead of guessing).
 * @example fuelSource({ name: 'Fossil brown coal / lignite' }) // 'coal'
 */
export function fuelSource({ name }: { name: string }): Source | null | undefined {
  const key = normalizeFuelName(name);
  if (key in FUEL_SOURCES) return FUEL_SOURCES[key];
  // ENTSO-E wide exports carry consumption columns next to generation ones.
  if (/actual consumption/.test(name.toLowerCase())) return null;
  return undefined;
}
