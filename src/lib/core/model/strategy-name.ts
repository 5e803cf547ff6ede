/** Named strategy presets of the optimizer (weights of the objective terms). */
export type StrategyName = 'balanced' | 'grid-first' | 'green-first' | 'user-first' | 'lowest-marginal-co2';
