import { BaseError } from '../errors';
import { GREEN_SOURCES, SOURCES, type SourceKWh, type SourceMix } from './sources';
import { EMISSION_FACTORS_G_PER_KWH, ONSITE_PV_G_PER_KWH } from './emission-factors';
import { normalizeMix } from './normalize-mix';

/** Parameters of `allocateGreen` (one slot of one site). */
export type AllocateGreenParameters = {
  /** Slot length, h (0.25 for 15-minute slots). */
  slotHours: number;
  /** On-site PV generation in the slot, kW (all plants). */
  pvKw: number;
  /** Non-EV base load in the slot, kW (all nodes). */
  baseLoadKw: number;
  /** EV charging power per session in the slot, kW. */
  evKwBySession: Record<string, number>;
  /** Source mix of grid electricity in the slot (normalised here). */
  gridMix: SourceMix;
};

/** Where one session's energy in the slot came from. */
export type SessionGreenAllocation = {
  energyKWh: number;
  /** Renewable part: on-site PV plus the grid's solar, wind, hydro and biomass, kWh. */
  greenKWh: number;
  /** Part served by on-site PV, kWh (also inside bySourceKWh.solar). */
  onSitePvKWh: number;
  /** Energy per source, kWh; sums to energyKWh. */
  bySourceKWh: SourceKWh;
  /** Lifecycle emissions of that energy, g CO2-eq. */
  co2G: number;
};

/** Result of `allocateGreen`: per-session origin and the slot's PV/grid split, kW. */
export type AllocateGreenReturnType = {
  bySession: Record<string, SessionGreenAllocation>;
  evFromPvKw: number;
  evFromGridKw: number;
  pvToBaseKw: number;
  pvExportKw: number;
};

/**
 * Allocates one slot's energy to its origin, deterministically: on-site PV serves the base load
 * first, then EV charging (shared among sessions pro rata to their power); the rest of each
 * session's energy comes from the grid at the slot's mix. PV counts as source `solar` (at the
 * rooftop factor 41 g/kWh); surplus PV is exported. Σ bySourceKWh = energyKWh for every session.
 * @example allocateGreen({ slotHours: 0.25, pvKw: 10, baseLoadKw: 4, evKwBySession: { s1: 11 }, gridMix: { wind: 1 } })
 */
export function allocateGreen({ slotHours, pvKw, baseLoadKw, evKwBySession, gridMix }: AllocateGreenParameters): AllocateGreenReturnType {
  const check = (what: string, v: number) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new BaseError(`allocateGreen: ${what} must be a finite number ≥ 0 (got ${v})`);
  };
  check('slotHours', slotHours);
  check('pvKw', pvKw);
  check('baseLoadKw', baseLoadKw);
  // Sorted ids make the float sums independent of the caller's key order.
  const ids = Object.keys(evKwBySession).sort();
  let evTotalKw = 0;
  for (const id of ids) {
    check(`evKwBySession.${id}`, evKwBySession[id]);
    evTotalKw += evKwBySession[id];
  }
  const mix = normalizeMix(gridMix);
  const pvToBaseKw = Math.min(pvKw, baseLoadKw);
  const pvLeftKw = pvKw - pvToBaseKw;
  const evFromPvKw = Math.min(pvLeftKw, evTotalKw);
  const pvExportKw = pvLeftKw - evFromPvKw;
  const evFromGridKw = evTotalKw - evFromPvKw;
  const pvFraction = evTotalKw > 0 ? evFromPvKw / evTotalKw : 0;
  const bySession: Record<string, SessionGreenAllocation> = {};
  for (const id of ids) {
    const kw = evKwBySession[id];
    const energyKWh = kw * slotHours;
    const onSitePvKWh = energyKWh * pvFraction;
    const gridKWh = energyKWh - onSitePvKWh;
    const bySourceKWh: SourceKWh = {};
    let co2G = onSitePvKWh * ONSITE_PV_G_PER_KWH;
    let greenKWh = onSitePvKWh;
    for (const s of SOURCES) {
      const e = gridKWh * mix[s] + (s === 'solar' ? onSitePvKWh : 0);
      if (e > 0) bySourceKWh[s] = e;
      co2G += gridKWh * mix[s] * EMISSION_FACTORS_G_PER_KWH[s];
      if (GREEN_SOURCES.includes(s)) greenKWh += gridKWh * mix[s];
    }
    bySession[id] = { energyKWh, greenKWh, onSitePvKWh, bySourceKWh, co2G };
  }
  return { bySession, evFromPvKw, evFromGridKw, pvToBaseKw, pvExportKw };
}
