/**
 * Statistics of a weighted sample (paths with importance weights, as a run conditioned on actuals has).
 *
 * Quantiles: the weighted form of R's type 7 by A. Akinshin, "Weighted quantile estimators" (2023,
 * arXiv:2304.07265). With the values sorted x_1 <= ... <= x_n, weights normalised to sum 1 with cumulative
 * sums t_0 = 0, t_i = w_1 + ... + w_i, and Kish's effective size n* = 1 / sum(w_i^2):
 * h = (n* - 1) p + 1, F the uniform distribution function on [(h - 1) / n*, h / n*], and
 * Q(p) = sum_i (F(t_i) - F(t_{i-1})) x_i. With equal weights this is type 7 exactly; a path of weight 0
 * adds nothing.
 */

/** Mean, standard deviation and quantiles of a weighted sample. */
export interface WeightedSummary {
  mean: number;
  sd: number;
  quantiles: number[];
}

function checkWeights(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  if (values.length !== weights.length) throw new RangeError(`weights: expected ${values.length} weights, got ${weights.length}`);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`weights[${i}]: expected a finite non-negative weight, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError("weighted statistics require at least one positive weight");
  return total;
}

/**
 * Weighted quantiles (type 7 weighted, see the module comment) of `values` with `weights`, for each p.
 * Neither input is mutated. O(n log n) for the sort, O(n) per quantile.
 *
 * @throws RangeError when lengths differ, a weight is negative or not finite, no weight is positive, or p is
 *   outside [0, 1].
 * @example weightedQuantiles([1, 2, 3], [1, 1, 2], [0.5]) // [2.5]  (n* = 8/3, window [0.3125, 0.6875])
 */
export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const total = checkWeights(values, weights);
  for (const p of probabilities) if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a number in [0, 1], got ${p}`);
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // The order among equal values does not change the result (a tie's weights are added together).
  order.sort((a, b) => values[a] - values[b]);
  const x = new Float64Array(n);
  const t = new Float64Array(n + 1);
  let squares = 0;
  for (let j = 0; j < n; j++) {
    const w = weights[order[j]] / total;
    x[j] = values[order[j]];
    t[j + 1] = t[j] + w;
    squares += w * w;
  }
  t[n] = 1;
  const size = 1 / squares;
  return probabilities.map((p) => {
    const h = (size - 1) * p + 1;
    const low = (h - 1) / size;
    const high = h / size;
    const cdf = (v: number) => (v <= low ? 0 : v >= high ? 1 : (v - low) / (high - low));
    let q = 0;
    let before = 0;
    for (let j = 0; j < n; j++) {
      if (t[j] >= high) break;
      const after = cdf(t[j + 1]);
      if (after > before) q += (after - before) * x[j];
      before = after;
    }
    return q;
  });
}

/**
 * Weighted mean sum(w x) / sum(w), the standard deviation with reliability weights,
 * sqrt(sum(w (x - mean)^2) / (V1 - V2 / V1)) with V1 = sum(w), V2 = sum(w^2) (the sample sd, n - 1, when
 * the weights are equal; 0 when one weight carries everything), and weighted quantiles.
 *
 * @throws RangeError as {@link weightedQuantiles}.
 * @example weightedSummary([1, 2, 3], [1, 1, 2], [0.5]) // { mean: 2.25, sd: 1.0488088481701516, quantiles: [2.5] }
 */
export function weightedSummary(values: ArrayLike<number>, weights: ArrayLike<number>, probabilities: readonly number[]): WeightedSummary {
  const total = checkWeights(values, weights);
  let sum = 0;
  let squaresOfWeights = 0;
  for (let i = 0; i < values.length; i++) {
    if (weights[i] === 0) continue;
    sum += weights[i] * values[i];
    squaresOfWeights += weights[i] * weights[i];
  }
  const mean = sum / total;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    if (weights[i] === 0) continue;
    const d = values[i] - mean;
    squares += weights[i] * d * d;
  }
  const denominator = total - squaresOfWeights / total;
  const sd = denominator > 0 ? Math.sqrt(squares / denominator) : 0;
  return { mean, sd, quantiles: weightedQuantiles(values, weights, probabilities) };
}

/**
 * Effective sample size of importance weights (Kish): (sum w)^2 / sum(w^2); n for equal weights, 1 when one
 * weight carries everything.
 *
 * @throws RangeError as {@link weightedQuantiles} for invalid weights.
 * @example effectiveSampleSize([1, 1, 2]) // 2.6666666666666665
 */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  const total = checkWeights(weights, weights);
  let squares = 0;
  for (let i = 0; i < weights.length; i++) squares += weights[i] * weights[i];
  return (total * total) / squares;
}
