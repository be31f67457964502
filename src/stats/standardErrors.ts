import { METRIC_NAMES } from "../samples/layout.ts";
import type { SampleStore } from "../samples/store.ts";
import { normalQuantile } from "../random/normal.ts";
import { quantiles } from "./quantile.ts";
import { quantileName } from "../samples/summaries.ts";
import { cbrt, exp } from "../core/elementary.ts";

/**
 * Monte Carlo standard errors of a summary row's statistics: `mean`, `sd`, and one entry per reported
 * quantile, named as the row's columns (`p05`, `p50`, ...).
 */
export interface StandardErrors {
  mean: number;
  sd: number;
  [quantile: `p${number}`]: number;
}

/** Two-sided level behind the Hall-Sheather bandwidth (as in R's quantreg). */
const HALL_SHEATHER_ALPHA = 0.05;

/**
 * Standard error of the sample mean: s / sqrt(n), s the sample standard deviation (n - 1).
 * Returns 0 for fewer than 2 values.
 *
 * @example meanStandardError(Float64Array.of(1, 2, 3, 4)) // 0.6454972243679028
 */
export function meanStandardError(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const { variance } = moments(values);
  return Math.sqrt(variance / n);
}

/**
 * Standard error of the sample standard deviation by the delta method:
 * SE(s) = sqrt((m4 - s^4) / n) / (2 s), m4 the fourth central sample moment (n in the denominator).
 * Exact for no distribution, consistent for any with a finite fourth moment. Returns 0 when s = 0 or n < 2.
 *
 * @example sdStandardError(Float64Array.of(1, 2, 3, 4)) // 0.2357022603955158
 */
export function sdStandardError(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const { variance, fourth } = moments(values);
  if (!(variance > 0)) return 0;
  return Math.sqrt(Math.max(fourth - variance * variance, 0) / n) / (2 * Math.sqrt(variance));
}

/**
 * Hall-Sheather (1988) bandwidth for the sparsity of quantile p from n values:
 * h = n^(-1/3) z_(1-alpha/2)^(2/3) (1.5 phi(x)^2 / (2 x^2 + 1))^(1/3), x = Phi^-1(p), alpha = 0.05,
 * as R's `quantreg::bandwidth.rq(p, n, hs = TRUE)`.
 *
 * @example hallSheatherBandwidth(0.5, 10000) // 0.04505...
 */
export function hallSheatherBandwidth(p: number, n: number): number {
  const x = normalQuantile(p);
  const z = normalQuantile(1 - HALL_SHEATHER_ALPHA / 2);
  const density = exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  return cbrt(1 / n) * cbrt(z * z) * cbrt((1.5 * density * density) / (2 * x * x + 1));
}

/**
 * Standard errors of sample quantiles (R type 7) from the asymptotic variance p (1 - p) / (n f(q_p)^2):
 *
 *     SE(q_p) = sqrt(p (1 - p) / n) * (Q(p + h) - Q(p - h)) / (2 h)
 *
 * where 1 / f(q_p) (the sparsity) is the slope of the sample quantile function over a window of half-width h,
 * the Hall-Sheather bandwidth (Siddiqui 1960, Bloch and Gastwirth 1968; the "iid" standard errors of R's
 * quantreg). The window is cut at 0 and 1 (then the slope is over the part inside). Needs no kernel and no
 * bandwidth in the data's units; at an atom of the distribution (a flat stretch of Q) it gives 0.
 *
 * Complexity: O(n) per quantile (selection, see `quantiles`). Throws RangeError for an empty input or p
 * outside (0, 1). Returns 0 for p with a window of zero width (n = 1).
 *
 * @example quantileStandardErrors(values, [0.5]) // for 10000 standard normals: about [0.0125] (sqrt(pi / 2 / n))
 */
export function quantileStandardErrors(values: ArrayLike<number>, probabilities: readonly number[], scratch?: Float64Array): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("quantileStandardErrors requires at least 1 data point");
  const windows = probabilities.map((p) => {
    if (!(p > 0 && p < 1)) throw new RangeError(`p: expected a number in (0, 1), got ${p}`);
    const h = hallSheatherBandwidth(p, n);
    return [Math.max(0, p - h), Math.min(1, p + h)];
  });
  const qs = quantiles(values, windows.flat(), scratch);
  return probabilities.map((p, j) => {
    const [lo, hi] = windows[j];
    if (!(hi > lo)) return 0;
    const sparsity = (qs[2 * j + 1] - qs[2 * j]) / (hi - lo);
    return Math.sqrt((p * (1 - p)) / n) * sparsity;
  });
}

/**
 * Standard errors of every statistic of a summary row computed from `values`: mean, sd and the quantiles.
 *
 * @example standardErrorsOf(values, [0.05, 0.5, 0.95]) // { mean: ..., sd: ..., p05: ..., p50: ..., p95: ... }
 */
export function standardErrorsOf(values: ArrayLike<number>, probabilities: readonly number[], scratch?: Float64Array): StandardErrors {
  const out: StandardErrors = { mean: meanStandardError(values), sd: sdStandardError(values) };
  const qs = values.length > 0 ? quantileStandardErrors(values, probabilities, scratch) : probabilities.map(() => 0);
  probabilities.forEach((p, j) => {
    out[quantileName(p) as `p${number}`] = qs[j];
  });
  return out;
}


/**
 * Standard errors for every cell of the store, in the order of `summarise`'s rows (period, segment,
 * provider, metric), so that row r of the summary gets entry r.
 */
export function summaryStandardErrors(store: SampleStore, probabilities: readonly number[]): StandardErrors[] {
  const out: StandardErrors[] = [];
  const scratch = new Float64Array(store.paths);
  store.periods.forEach((_, p) => {
    store.segments.forEach((__, g) => {
      store.providers.forEach((___, k) => {
        for (const metric of METRIC_NAMES) out.push(standardErrorsOf(store.cell(metric, g, k, p), probabilities, scratch));
      });
    });
  });
  return out;
}

/** Sample variance (n - 1) and fourth central moment (n), with a compensated two-pass mean. */
function moments(values: ArrayLike<number>): { variance: number; fourth: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  let mean = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += values[i] - mean;
  mean += correction / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { variance: m2 / (n - 1), fourth: m4 / n };
}
