import { BaseError } from '../errors';
import { SOURCES, type SourceMix } from './sources';

/** Thrown for a mix that cannot be used (negative or non-finite shares, or nothing positive). */
export class SourceMixError extends BaseError {
  override name = 'SourceMixError';
}

/** Sum of a mix's shares (missing sources count 0). */
export function mixTotal(mix: SourceMix): number {
  let total = 0;
  for (const s of SOURCES) total += mix[s] ?? 0;
  return total;
}

/**
 * Scales a mix so its shares sum to 1, with every source present (0 where missing).
 * Throws SourceMixError when a share is negative or not finite, or all shares are 0.
 * @example normalizeMix({ wind: 2, gas: 2 }) // { solar: 0, wind: 0.5, …, gas: 0.5, … }
 */
export function normalizeMix(mix: SourceMix): Required<SourceMix> {
  for (const s of SOURCES) {
    const v = mix[s];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new SourceMixError(`source mix share "${s}" must be a finite number ≥ 0 (got ${v})`);
  }
  const total = mixTotal(mix);
  if (!(total > 0)) throw new SourceMixError('source mix has no positive share');
  const out = {} as Required<SourceMix>;
  for (const s of SOURCES) out[s] = (mix[s] ?? 0) / total;
  return out;
}
