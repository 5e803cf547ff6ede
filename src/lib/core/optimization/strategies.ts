import type { Preference } from '../model/charging-request';
import type { StrategyName } from '../model/strategy-name';

/**
 * Weights of the objective terms (see objective-terms.ts for what each term does). All terms
 * are in "cost per kWh-equivalent" so they compare directly: a weight of 1 on `green` is worth
 * as much as a weight of 1 on `cost` for a kWh moved from a fully brown, most expensive slot to
 * a fully green, cheapest one.
 */
export type ObjectiveWeights = {
  /** Per kWh of requested energy not delivered by departure. Dominates every other term. */
  shortfall: number;
  /** Per unit (0..1) of the minimum delivered fraction, times the mean reachable kWh. */
  fairness: number;
  /** Per kW of the site's peak net import, times slot hours. */
  peak: number;
  /** Piecewise-linear (convex) penalty of net import per slot: load flattening. */
  flatten: number;
  /** Per kWh shifted from the session's least green slot to a greener one; PV kWh used by EVs. */
  green: number;
  /** Per kWh shifted from the session's most expensive slot to a cheaper one (price normalized to 0..1). */
  cost: number;
  /** Tie-break per kWh, growing from 0 at the window's first slot to 1 at its last: earlier wins ties. */
  quick: number;
  /** Per kWh of EV load in the capacity reserved for later arrivals (see objective-terms `headroom`). */
  headroom: number;
  /** Per kWh shifted from the session's highest marginal-CO2 slot to a lower one (rate normalized to 0..1); 0 when absent. */
  marginal?: number;
};

/** Name of one objective term. */
export type ObjectiveTermName = keyof ObjectiveWeights;

/**
 * The presets. Shortfall dominates in every preset (energy by departure first): the other terms
 * together are worth at most a few tens per kWh and fairness can trade at most
 * fairness·meanReachableKWh / shortfall kWh of total energy (≈ 0.1 kWh in `balanced`), while
 * every kWh of shortfall costs ≥ 1000.
 */
export const STRATEGY_WEIGHTS: Readonly<Record<StrategyName, Readonly<ObjectiveWeights>>> = {
  balanced: { shortfall: 1000, fairness: 5, peak: 1, flatten: 1, green: 1, cost: 1, quick: 0.05, headroom: 10 },
  'grid-first': { shortfall: 1000, fairness: 5, peak: 5, flatten: 5, green: 0.5, cost: 0.5, quick: 0.02, headroom: 0 },
  'green-first': { shortfall: 1000, fairness: 5, peak: 0.2, flatten: 0.2, green: 10, cost: 0.5, quick: 0.02, headroom: 0 },
  'user-first': { shortfall: 10000, fairness: 20, peak: 0.1, flatten: 0.1, green: 0.5, cost: 0.5, quick: 1, headroom: 0 },
  // Dispatch on the marginal signal (site.energy.marginalCo2Series): consequential emissions, not claims.
  'lowest-marginal-co2': { shortfall: 1000, fairness: 5, peak: 0.2, flatten: 0.2, green: 0.5, cost: 0.5, quick: 0.02, headroom: 0, marginal: 10 }
};

/**
 * How a driver's preference scales the session's own timing terms (green, cost, quick). Site-wide
 * terms (shortfall, fairness, peak, flatten, PV use) are not scaled: a preference changes when a
 * session charges, never how much it gets relative to others.
 */
export const PREFERENCE_SCALES: Readonly<Record<Preference, Readonly<{ green: number; cost: number; quick: number }>>> = {
  balanced: { green: 1, cost: 1, quick: 1 },
  green: { green: 3, cost: 0.5, quick: 0.5 },
  cheap: { green: 0.5, cost: 3, quick: 0.5 },
  fast: { green: 0.25, cost: 0.25, quick: 100 }
};

/** The weights of a strategy, with optional overrides. */
export function strategyWeights({
  strategy = 'balanced',
  overrides = {}
}: { strategy?: StrategyName; overrides?: Partial<ObjectiveWeights> } = {}): ObjectiveWeights {
  return { ...(STRATEGY_WEIGHTS[strategy] ?? STRATEGY_WEIGHTS.balanced), ...overrides };
}
