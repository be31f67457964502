/**
 * A predictive distribution as the scores need it: quantiles, the CDF at the actual (PIT) and the CRPS,
 * for an ensemble of samples, a normal or a lognormal. Every method of a backtest is scored through it.
 */
import { normalCdf, normalQuantile } from "../random/normal.ts";
import { quantilesSorted } from "../stats/quantile.ts";
import { crpsLognormal, crpsNormal, crpsSorted, pitFromSamples } from "../stats/scores.ts";
import type { LognormalForecast, NormalForecast } from "./baselines.ts";
import { exp, log } from "../core/elementary.ts";

/** What a backtest asks of a forecast distribution. */
export interface Predictive {
  /** Quantile at each level (R type 7 for samples). */
  quantiles(levels: readonly number[]): number[];
  /** F(y): the PIT of the actual y (mid-rank for samples). */
  cdf(actual: number): number;
  crps(actual: number): number;
}

/** An ensemble: `sorted` ascending (not copied; do not mutate). */
export function samplePredictive(sorted: Float64Array): Predictive {
  return {
    quantiles: (levels) => quantilesSorted(sorted, levels),
    cdf: (y) => pitFromSamples(sorted, y),
    crps: (y) => crpsSorted(sorted, y),
  };
}

/** N(mean, sd^2). */
export function normalPredictive(f: NormalForecast): Predictive {
  return {
    quantiles: (levels) => levels.map((p) => f.mean + f.sd * normalQuantile(p)),
    cdf: (y) => (f.sd > 0 ? normalCdf((y - f.mean) / f.sd) : y >= f.mean ? 1 : 0),
    crps: (y) => crpsNormal(f.mean, f.sd, y),
  };
}

/** log Y ~ N(mu, sigma^2). */
export function lognormalPredictive(f: LognormalForecast): Predictive {
  return {
    quantiles: (levels) => levels.map((p) => exp(f.mu + f.sigma * normalQuantile(p))),
    cdf: (y) => (y > 0 ? normalCdf((log(y) - f.mu) / f.sigma) : 0),
    crps: (y) => crpsLognormal(f.mu, f.sigma, y),
  };
}
