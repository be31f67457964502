// A test helper (no source module uses it): the one-sample Kolmogorov-Smirnov statistic for distribution tests.
/**
 * One-sample Kolmogorov-Smirnov statistic D = sup_x |F_n(x) - F(x)| of a sample against a continuous CDF.
 * The sample is copied and sorted (O(n log n)); for the i-th smallest of n values (ties grouped, i counted
 * from 0 at the group's first member and j past its last),
 * D = max(j / n - F(x), F(x) - i / n). For a CDF with jumps this overstates D
 * (it takes F(x) for the left limit F(x-)), so the test stays conservative there.
 *
 * Reference: Kolmogorov (1933); Marsaglia, Tsang & Wang, "Evaluating Kolmogorov's distribution",
 * J. Stat. Software 8(18), 2003 (the statistic's definition).
 *
 * Does not mutate `sample`. Throws RangeError for an empty sample or a value that is NaN.
 *
 * @example ksStatistic(new Float64Array([0.1, 0.5, 0.9]), (x) => x) // 0.2333333333333334
 */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const n = sample.length;
  if (n === 0) throw new RangeError("sample: expected at least one value, got 0");
  const sorted = Float64Array.from(sample).sort();
  if (Number.isNaN(sorted[n - 1])) throw new RangeError("sample: expected numbers, got NaN");
  let d = 0;
  let i = 0;
  while (i < n) {
    const x = sorted[i];
    let j = i + 1;
    while (j < n && sorted[j] === x) j++;
    const f = cdf(x);
    const above = j / n - f;
    const below = f - i / n;
    if (above > d) d = above;
    if (below > d) d = below;
    i = j;
  }
  return d;
}

/**
 * Asymptotic critical value of the one-sample KS statistic: reject "the sample comes from F" at level
 * `alpha` when D > sqrt(-ln(alpha / 2) / 2) / sqrt(n). This is the first term of Kolmogorov's limit
 * distribution, P(sqrt(n) D > t) -> 2 sum_k (-1)^(k-1) exp(-2 k^2 t^2) ~ 2 exp(-2 t^2); the dropped terms
 * change alpha by under 1e-6 for alpha <= 0.05. For finite n the true level is slightly below alpha
 * (M. A. Stephens, JRSS B 32, 1970: sqrt(n) D behaves like K / (1 + 0.12 / sqrt(n))), so the test is
 * conservative; use n >= 100.
 *
 * Throws RangeError unless n is a positive integer and 0 < alpha < 1.
 *
 * @example ksCriticalValue(20000, 0.001) // 0.013784867119002345
 */
export function ksCriticalValue(n: number, alpha: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n: expected a positive integer, got ${n}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha: expected a number in (0, 1), got ${alpha}`);
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}
