import { quantiles } from "../stats/quantile.ts";

/** Summary of per-path values: mean, sample sd (n - 1), standard error of the mean sd / sqrt(n), quantiles (R type 7). */
export interface ValueSummary {
  mean: number;
  sd: number;
  se: number;
  p05: number;
  p50: number;
  p95: number;
}

/** Mean and sample variance by Welford's algorithm (stable over millions of paths). */
function meanVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const delta = values[i] - mean;
    mean += delta / (i + 1);
    m2 += delta * (values[i] - mean);
  }
  return { mean, variance: values.length > 1 ? m2 / (values.length - 1) : 0 };
}

/** {@link ValueSummary} of per-path values: Welford mean and variance, R type 7 quantiles (compare and sweep tables). */
export function valueSummary(values: Float64Array): ValueSummary {
  const { mean, variance } = meanVariance(values);
  const sd = Math.sqrt(variance);
  const [p05, p50, p95] = quantiles(values, [0.05, 0.5, 0.95]);
  return { mean, sd, se: sd / Math.sqrt(values.length), p05, p50, p95 };
}

/**
 * The paired difference b - a of two runs on the same paths (common random numbers): its mean, the
 * standard error sd(b_i - a_i) / sqrt(n) from the per-path differences, the per-path differences'
 * 5% and 95% quantiles, and for contrast the standard error sqrt(se_a^2 + se_b^2) that independent runs
 * of the same size would give.
 *
 * @throws RangeError when the runs have different path counts.
 */
export function pairedDifference(a: Float64Array, b: Float64Array): { mean: number; se: number; p05: number; p95: number; independentSe: number } {
  if (a.length !== b.length) throw new RangeError(`pairedDifference requires runs of the same paths, got ${a.length} and ${b.length}`);
  const diff = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) diff[i] = b[i] - a[i];
  const d = meanVariance(diff);
  const va = meanVariance(a).variance;
  const vb = meanVariance(b).variance;
  const [p05, p95] = quantiles(diff, [0.05, 0.95]);
  return { mean: d.mean, se: Math.sqrt(d.variance / a.length), p05, p95, independentSe: Math.sqrt((va + vb) / a.length) };
}
