/**
 * Key reduction: drop keys that linear interpolation between the kept ones reproduces within a
 * tolerance (Ramer–Douglas–Peucker on the value axis). The kept curve never strays from the
 * original by more than the tolerance at any original key, and both curves are piecewise
 * linear between keys, so it never strays more anywhere.
 */
export interface ReduceKeysOptions {
  /** Largest allowed error, in the channel's unit. */
  tolerance: number;
}

/** Indices of the keys to keep (always the first and the last). */
export function reduceKeys(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  options: ReduceKeysOptions,
): number[] {
  const n = values.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    let worst = -1;
    let worstError = options.tolerance;
    const ta = times[a];
    const span = times[b] - ta;
    for (let i = a + 1; i < b; i++) {
      const u = span === 0 ? 0 : (times[i] - ta) / span;
      const error = Math.abs(values[i] - (values[a] + (values[b] - values[a]) * u));
      if (error > worstError) {
        worstError = error;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}
