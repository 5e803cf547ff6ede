import type { Profile } from '../profile';
import type { SourceMix } from '../energy/sources';

/**
 * How an EVSE is wired. Single-phase to a line (`L1`..`L3`, line-to-neutral), balanced
 * three-phase (`3P`), or line-to-line (`AB`, `BC`, `CA`, 208 V in US sites such as Caltech's).
 */
export type PhaseConnection = 'L1' | 'L2' | 'L3' | '3P' | 'AB' | 'BC' | 'CA';

/** Kinds of grid node, from the connection point down. Informational; the tree is what counts. */
export type GridNodeKind = 'connection' | 'transformer' | 'feeder' | 'pod';

/**
 * A three-phase transformer modelled the ACN way (phasor magnitudes per phase on its primary
 * and secondary side), used when EVSEs below it are connected line-to-line.
 */
export type TransformerSpec = {
  /** Secondary (EVSE) side phase-current limit, A, applied to each of phases a, b, c. */
  secondaryLimitA: number;
  /** Primary side phase-current limit, A (referred to the primary); omitted = not limited. */
  primaryLimitA?: number;
  /** Primary/secondary voltage ratio (e.g. 480/208 → 2.3077). Default 1. */
  turnsRatio?: number;
};

/** A node of the site's grid tree: connection point, transformer, feeder or pod. */
export type GridNode = {
  id: string;
  /** Parent node id; exactly one node (the root / connection point) has `null`. */
  parentId: string | null;
  name?: string;
  kind?: GridNodeKind;
  /** Maximum import through this node, kW (constant or per slot, periodic). */
  limitKw: Profile;
  /** Non-EV base load attached directly at this node, kW (constant or per slot, periodic). */
  baseLoadKw?: Profile;
  /** Optional per-phase current limit through this node, A (line-to-neutral sites). */
  phaseLimitA?: number;
  /** Optional ACN-style three-phase transformer constraints (line-to-line sites). */
  transformer?: TransformerSpec;
};

/** One EVSE (charge point outlet) as the operator's backend describes it. */
export type Evse = {
  id: string;
  /** Grid node the EVSE hangs off. */
  nodeId: string;
  name?: string;
  /** Maximum power, kW. */
  maxKw: number;
  /** Minimum power while charging, kW (IEC 61851 6 A minimum); 0 = may pause freely. */
  minKw: number;
  phase: PhaseConnection;
  /** Connector standards (OCPI `standard`, e.g. IEC_62196_T2); informational for filters. */
  connectors?: string[];
};

/** On-site PV injecting at a node. */
export type PvPlant = {
  id: string;
  nodeId: string;
  /** Generation, kW (constant or per slot, periodic). */
  kw: Profile;
};

/**
 * Grid mix at absolute times (an imported generation mix): `mixes[i]` covers
 * [startMs + i·slotMinutes·60000, startMs + (i+1)·slotMinutes·60000), in UTC, so DST days and
 * multi-day files keep their real times.
 */
export type GridMixSeries = {
  /** UTC epoch ms at which `mixes[0]` starts. */
  startMs: number;
  /** Length of one entry, minutes. */
  slotMinutes: number;
  mixes: readonly SourceMix[];
};

/**
 * A marginal operating emissions rate at absolute times (e.g. WattTime co2_moer resampled to the
 * slot grid): `gPerKWh[i]` covers [startMs + i·slotMinutes, …); null = no value. Only the optimizer's
 * "lowest-marginal-co2" preset and "CO2 avoided" read it; claims use the average mix.
 */
export type MarginalCo2Series = {
  startMs: number;
  slotMinutes: number;
  gPerKWh: readonly (number | null)[];
  /** Provider and region, e.g. `WattTime CAISO_NORTH`. */
  label?: string;
};

/** Energy-side data of a site: grid mix, PV, prices, all per slot (periodic arrays allowed). */
export type SiteEnergy = {
  /** Source-of-origin mix of grid electricity per slot (periodic); one mix = constant. */
  gridMix: readonly SourceMix[];
  /** Optional mix at absolute times; where it covers a slot it wins over `gridMix` (see siteSlotEnergy). */
  gridMixSeries?: GridMixSeries;
  /** Optional marginal emissions rate at absolute times (live backend / carbon signals). */
  marginalCo2Series?: MarginalCo2Series;
  /** Energy price, currency units per kWh, per slot (periodic). */
  pricePerKWh?: Profile;
  /** ISO 4217 currency code for prices (default EUR). */
  currency?: string;
};

/** A charging site: its grid tree, EVSEs, PV, and electrical constants. */
export type Site = {
  id: string;
  name: string;
  /** Free text shown to operators (optional). */
  description?: string;
  /** Where the site's figures come from (citation), for example sites built from public data. */
  source?: string;
  /** IANA time zone, for display and for resampling imported data. */
  timezone: string;
  /** Line-to-neutral voltage, V (default 230). */
  voltageV?: number;
  /** Line-to-line voltage for AB/BC/CA EVSEs, V (default 208 for US sites). */
  lineVoltageV?: number;
  nodes: GridNode[];
  evses: Evse[];
  pv?: PvPlant[];
  energy?: SiteEnergy;
};
