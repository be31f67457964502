/**
 * Naive baselines for backtests, each a normal predictive distribution so that every score applies:
 * - `naive-drift`: random walk with drift (Hyndman & Athanasopoulos, FPP3 5.2 and 5.5): point
 *   y_L + k d, with y_L the last observed value, k the quarters from it to the target, d = (y_L - y_F) / (L - F);
 *   sd_k = sigma sqrt(k (1 + k / T)), sigma^2 = sum (Delta y_t - d)^2 / (m - 1) over the m observed one-step
 *   changes, T the number of observations.
 * - `naive-last`: random walk: point y_L, sd_k = sigma sqrt(k), sigma^2 = sum (Delta y_t)^2 / m.
 * Gaps (NaN) are skipped: changes across a gap are not used, and k counts from the last observed quarter.
 */
import { normalQuantile } from "../random/normal.ts";
import { naiveDrift } from "../stats/scores.ts";
import { log } from "../core/elementary.ts";

/** The two naive baselines. */
export type BaselineName = "naive-drift" | "naive-last";

/** A normal predictive distribution N(mean, sd^2) for one target. */
export interface NormalForecast {
  mean: number;
  sd: number;
}

/** Quantile tau of a normal forecast. */
export function normalForecastQuantile(forecast: NormalForecast, tau: number): number {
  return forecast.mean + forecast.sd * normalQuantile(tau);
}

/**
 * A naive baseline's forecast of `steps` quarters after the end of `history` (quarterly values, NaN for gaps,
 * the last element being the origin quarter), or null when the history has fewer than 3 observed values or
 * fewer than 2 observed one-step changes.
 *
 * @example naiveForecast("naive-drift", [10, 12, 15, 17], 1) // mean 17 + 7/3, sd from the changes 2, 3, 2
 */
export function naiveForecast(name: BaselineName, history: ArrayLike<number>, steps: number): NormalForecast | null {
  let last = -1;
  let observed = 0;
  for (let i = 0; i < history.length; i++) {
    if (Number.isNaN(history[i])) continue;
    last = i;
    observed += 1;
  }
  const drift = name === "naive-drift" ? naiveDrift(history) : 0;
  let sum = 0;
  let m = 0;
  for (let t = 1; t < history.length; t++) {
    const change = history[t] - history[t - 1];
    if (Number.isNaN(change)) continue;
    sum += (change - drift) * (change - drift);
    m += 1;
  }
  if (observed < 3 || m < 2 || Number.isNaN(drift)) return null;
  const k = history.length - 1 - last + steps;
  if (name === "naive-drift") {
    const sigma = Math.sqrt(sum / (m - 1));
    return { mean: history[last] + k * drift, sd: sigma * Math.sqrt(k * (1 + k / observed)) };
  }
  return { mean: history[last], sd: Math.sqrt(sum / m) * Math.sqrt(k) };
}

/** A lognormal predictive distribution: log Y ~ N(mu, sigma^2). */
export interface LognormalForecast {
  mu: number;
  sigma: number;
}

/**
 * `naive-growth`, the last growth carried: a random walk in logs whose drift is the last observed
 * quarter-on-quarter log growth r = log(y_L / y_{L-1}): log Y_{L+k} ~ N(log y_L + k r, k s^2), with s the
 * sample sd (n - 1) of the observed one-step log changes. Null when the last two quarters are not both
 * observed, a value is not positive, or fewer than 2 changes are observed. `history` ends with the last
 * observed quarter's neighbourhood as in {@link naiveForecast}; `steps` counts from its last element.
 *
 * @example growthForecast([100, 110, 121], 1) // mu = log(121) + log(1.1), sigma = 0 -> null (no spread)
 */
export function growthForecast(history: ArrayLike<number>, steps: number): LognormalForecast | null {
  const changes: number[] = [];
  let last = -1;
  for (let i = 0; i < history.length; i++) {
    if (Number.isNaN(history[i])) continue;
    if (!(history[i] > 0)) return null;
    last = i;
    if (i > 0 && !Number.isNaN(history[i - 1])) changes.push(log(history[i] / history[i - 1]));
  }
  if (last < 1 || Number.isNaN(history[last - 1]) || changes.length < 2) return null;
  const r = log(history[last] / history[last - 1]);
  const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
  const s = Math.sqrt(changes.reduce((a, b) => a + (b - mean) ** 2, 0) / (changes.length - 1));
  if (!(s > 0)) return null;
  const k = history.length - 1 - last + steps;
  return { mu: log(history[last]) + k * r, sigma: s * Math.sqrt(k) };
}
