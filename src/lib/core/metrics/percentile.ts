/**
 * Nearest-rank percentile of `values` (p in 0..100): the smallest value with at least p % of the
 * values at or below it. 0 for an empty list.
 * @example percentile({ values: [5, 1, 3], p: 50 }) // 3
 */
export function percentile({ values, p }: { values: readonly number[]; p: number }): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}
