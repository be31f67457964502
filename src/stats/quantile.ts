/**
 * Sample quantiles by linear interpolation between order statistics: with the values sorted as
 * x_0 <= ... <= x_{n-1} and h = (n - 1) p, Q(p) = x_floor(h) + (h - floor(h)) (x_floor(h)+1 - x_floor(h)).
 * This is R's type 7 and NumPy's default ("linear").
 */

/** Quantiles of already-sorted values, for each p in `probabilities`. */
export function quantilesSorted(sorted: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantilesSorted requires at least 1 data point");
  return probabilities.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a number in [0, 1], got ${p}`);
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  });
}

/**
 * Quantiles of unsorted values (R type 7); does not mutate its input. O(n log n) on a copy.
 *
 * @example quantiles(Float64Array.of(3, 1, 2, 4), [0.5]) // [2.5]
 */
export function quantiles(values: Float64Array, probabilities: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return quantilesSorted(sorted, probabilities);
}

/** Column name of a quantile: `p` and the percentile, two digits at least (`p05`, `p50`, `p2.5`). */
export function quantileName(p: number): string {
  const percent = Number((p * 100).toFixed(10));
  const text = String(percent);
  return `p${percent < 10 && Number.isInteger(percent) ? `0${text}` : text}`;
}
