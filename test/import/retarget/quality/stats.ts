/**
 * Summary statistics for the quality report: mean, median, 95th percentile and extremes of a
 * sample. Percentiles are nearest-rank (the value at ceil(q·n) in sorted order), so a p95 is
 * always one of the measured values, never an interpolation between two.
 */

export interface Summary {
  /** How many values were measured. */
  count: number;
  mean: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The nearest-rank q-quantile (0 < q ≤ 1) of already sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** Summary of `values`; NaN everywhere when there are none. */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0)
    return {
      count: 0,
      mean: Number.NaN,
      median: Number.NaN,
      p95: Number.NaN,
      min: Number.NaN,
      max: Number.NaN,
    };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    count: n,
    mean: sum / n,
    median: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    min: sorted[0],
    max: sorted[n - 1],
  };
}
