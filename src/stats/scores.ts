/**
 * Forecast scores: point accuracy (MAPE, sMAPE, MASE), quantile accuracy (pinball loss), whole-distribution
 * accuracy (CRPS) and interval coverage. Pure functions over arrays of numbers; none mutates its input.
 *
 * Conventions: `actual` is the observed value y, `forecast` a point forecast f, `samples` draws of a
 * forecast distribution. Percentages are returned in percent (12.5 means 12.5%).
 * Programmer errors (empty or mismatched arrays, a probability outside (0, 1)) throw RangeError.
 */
import { normalCdf } from "../random/normal.ts";
import { exp, log } from "../core/elementary.ts";

const ONE_OVER_SQRT_PI = 0.5641895835477563;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

function checkPair(name: string, actual: ArrayLike<number>, forecast: ArrayLike<number>): void {
  if (actual.length === 0) throw new RangeError(`${name} requires at least 1 data point`);
  if (actual.length !== forecast.length) {
    throw new RangeError(`${name} requires actual and forecast of equal length, got ${actual.length} and ${forecast.length}`);
  }
}

/**
 * Mean absolute percentage error, in percent: MAPE = 100 / n * sum_i |y_i - f_i| / |y_i|.
 * Undefined when an actual is 0 (throws RangeError).
 *
 * @example mape([100, 200], [110, 180]) // 10
 */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPair("mape", actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) throw new RangeError(`mape requires non-zero actuals, got 0 at ${i}`);
    sum += Math.abs(actual[i] - forecast[i]) / Math.abs(actual[i]);
  }
  return (100 * sum) / actual.length;
}

/**
 * Symmetric mean absolute percentage error, in percent (0 to 200):
 * sMAPE = 100 / n * sum_i 2 |y_i - f_i| / (|y_i| + |f_i|), a term being 0 when y_i = f_i = 0
 * (Makridakis 1993; the M3/M4 competitions' form).
 *
 * @example smape([100, 200], [110, 180]) // 100 * (20 / 210 + 40 / 380) / 2 = 10.025...
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPair("smape", actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
    if (denominator > 0) sum += (2 * Math.abs(actual[i] - forecast[i])) / denominator;
  }
  return (100 * sum) / actual.length;
}

/**
 * The drift of a random walk with drift fitted to a history with gaps (NaN = missing):
 * drift = (y_last - y_first) / (i_last - i_first), over the first and last observed indices
 * (Hyndman & Athanasopoulos, FPP3 5.2: the average change per step). NaN with fewer than 2 observations.
 *
 * @example naiveDrift([1, NaN, 5, 7]) // 2
 */
export function naiveDrift(history: ArrayLike<number>): number {
  let first = -1;
  let last = -1;
  for (let i = 0; i < history.length; i++) {
    if (Number.isNaN(history[i])) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first >= 0 && last > first ? (history[last] - history[first]) / (last - first) : NaN;
}

/**
 * The scale of MASE: the in-sample mean absolute error of the one-step random walk with drift on the
 * training history, scale = 1 / m * sum_t |y_t - (y_{t-1} + drift)| over the m consecutive pairs that are both
 * observed (a NaN is a gap: pairs across it are skipped, never filled), with `drift` from {@link naiveDrift}.
 * Non-seasonal (lag 1): the series sharecast scores are short quarterly revenues, too short to estimate
 * a seasonal naive. With `{ drift: false }`, the plain random walk of Hyndman & Koehler (2006).
 * NaN when no pair is observed.
 *
 * @example naiveScale([10, 12, 15, 17]) // drift 7/3; errors |2 - 7/3|, |3 - 7/3|, |2 - 7/3| -> 4/9
 */
export function naiveScale(history: ArrayLike<number>, options: { drift?: boolean } = {}): number {
  const drift = options.drift === false ? 0 : naiveDrift(history);
  let sum = 0;
  let m = 0;
  for (let t = 1; t < history.length; t++) {
    const step = history[t] - history[t - 1];
    if (Number.isNaN(step)) continue;
    sum += Math.abs(step - drift);
    m += 1;
  }
  return m > 0 ? sum / m : NaN;
}

/**
 * Mean absolute scaled error: MASE = (1 / n * sum_i |y_i - f_i|) / scale, with `scale` from
 * {@link naiveScale} on the training history (Hyndman & Koehler 2006). Below 1: better out of sample than the
 * naive one-step forecast was in sample.
 *
 * @example mase([10, 20], [12, 17], 2.5) // 1
 */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): number {
  checkPair("mase", actual, forecast);
  if (!(scale > 0)) throw new RangeError(`mase requires a positive scale, got ${scale}`);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i]);
  return sum / actual.length / scale;
}

/**
 * Pinball (quantile) loss of the quantile forecast q at level tau for the actual y:
 * L_tau(q, y) = tau (y - q) when y >= q, (1 - tau) (q - y) otherwise. Its expectation is minimised by the true
 * tau-quantile; twice the mean over all tau in (0, 1) is the CRPS (Gneiting & Raftery 2007, eq. 21/22).
 *
 * @example pinballLoss(10, 8, 0.9) // 0.9 * 2 = 1.8
 */
export function pinballLoss(actual: number, quantile: number, tau: number): number {
  if (!(tau > 0 && tau < 1)) throw new RangeError(`tau: expected a probability in (0, 1), got ${tau}`);
  return actual >= quantile ? tau * (actual - quantile) : (1 - tau) * (quantile - actual);
}

/**
 * Mean pinball loss over several levels: 1 / K * sum_k L_{tau_k}(q_k, y).
 *
 * @example meanPinballLoss(10, [8, 12], [0.1, 0.9]) // (0.2 + 0.2) / 2 = 0.2
 */
export function meanPinballLoss(actual: number, quantiles: ArrayLike<number>, taus: ArrayLike<number>): number {
  checkPair("meanPinballLoss", taus, quantiles);
  let sum = 0;
  for (let k = 0; k < taus.length; k++) sum += pinballLoss(actual, quantiles[k], taus[k]);
  return sum / taus.length;
}

/**
 * CRPS of the empirical distribution of already-sorted samples x_(0) <= ... <= x_(n-1) at y, in the energy form
 * CRPS = E|X - y| - 1/2 E|X - X'|, with the expectations over the empirical distribution:
 *   E|X - y|   = 1/n sum_i |x_(i) - y|,
 *   E|X - X'|  = 2 / n^2 sum_i (2 i - n + 1) x_(i)   (the pairwise sum in O(n) once sorted).
 * This equals the integral form, integral of (F_n(x) - 1{x >= y})^2 dx, exactly (it is the "NRG" or
 * V-statistic estimator; the unbiased "PWM" form divides the pair sum by n (n - 1) instead, a difference of
 * order E|X - X'| / (2 n)). O(n).
 *
 * @example crpsSorted(Float64Array.of(1, 2, 3), 2) // 2/3 - 1/2 * 8/9 = 0.2222...
 */
export function crpsSorted(sorted: ArrayLike<number>, actual: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("crpsSorted requires at least 1 data point");
  let absolute = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i];
    absolute += Math.abs(x - actual);
    pairs += (2 * i - n + 1) * x;
  }
  return absolute / n - pairs / (n * n);
}

/**
 * CRPS of a forecast given by samples (see {@link crpsSorted} for the formula); sorts a copy, so
 * O(n log n), and leaves `samples` unchanged.
 *
 * @example crpsFromSamples(Float64Array.of(3, 1, 2), 2) // 0.2222...
 */
export function crpsFromSamples(samples: ArrayLike<number>, actual: number): number {
  return crpsSorted(Float64Array.from(samples).sort(), actual);
}

/**
 * CRPS of a normal forecast N(mu, sigma^2) at y, in closed form (Gneiting & Raftery 2007, eq. 5):
 * CRPS = sigma [z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)], z = (y - mu) / sigma. With sigma = 0, |y - mu|.
 *
 * @example crpsNormal(0, 1, 0) // 2 phi(0) - 1/sqrt(pi) = 0.2336...
 */
export function crpsNormal(mu: number, sigma: number, actual: number): number {
  if (!(sigma >= 0)) throw new RangeError(`sigma: expected a number >= 0, got ${sigma}`);
  if (sigma === 0) return Math.abs(actual - mu);
  const z = (actual - mu) / sigma;
  const density = ONE_OVER_SQRT_TWO_PI * exp(-0.5 * z * z);
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * density - ONE_OVER_SQRT_PI);
}

/**
 * Whether y lies in the closed interval [lower, upper] (a central interval's hit, counted in coverage).
 *
 * @example covers(1, 3, 3) // true
 */
export function covers(lower: number, upper: number, actual: number): boolean {
  return actual >= lower && actual <= upper;
}

/**
 * Empirical coverage: the fraction of cases with lower_i <= y_i <= upper_i. For a calibrated central
 * interval at level c (quantiles (1 - c) / 2 and (1 + c) / 2), it should be close to c.
 *
 * @example coverage([0, 0, 0], [1, 1, 1], [0.5, 2, 1]) // 2/3
 */
export function coverage(lower: ArrayLike<number>, upper: ArrayLike<number>, actual: ArrayLike<number>): number {
  checkPair("coverage", actual, lower);
  checkPair("coverage", actual, upper);
  let hits = 0;
  for (let i = 0; i < actual.length; i++) if (covers(lower[i], upper[i], actual[i])) hits += 1;
  return hits / actual.length;
}

/**
 * Probability integral transform of an actual under a forecast given by samples: the mid-rank
 * PIT = (#{x_i < y} + 1/2 #{x_i = y}) / n, the empirical F(y) with ties split evenly (deterministic, unlike
 * the randomised PIT; Czado, Gneiting & Held 2009 for the discrete case). Over many calibrated forecasts the
 * values are uniform on [0, 1]. O(n).
 *
 * @example pitFromSamples(Float64Array.of(1, 2, 3, 4), 3) // (2 + 0.5) / 4 = 0.625
 */
export function pitFromSamples(samples: ArrayLike<number>, actual: number): number {
  const n = samples.length;
  if (n === 0) throw new RangeError("pitFromSamples requires at least 1 data point");
  let below = 0;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    if (samples[i] < actual) below += 1;
    else if (samples[i] === actual) ties += 1;
  }
  return (below + 0.5 * ties) / n;
}

/**
 * Counts of PIT values in `bins` equal bins of [0, 1]: bin b holds b / bins <= u < (b + 1) / bins, and
 * u = 1 goes into the last bin. A flat histogram is what calibration looks like; a U shape, bands too narrow.
 *
 * @throws {RangeError} for a value outside [0, 1] or a bin count that is not a positive whole number.
 * @example pitHistogram([0.05, 0.5, 0.55, 1], 2) // [1, 3]
 */
export function pitHistogram(values: ArrayLike<number>, bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins: expected a positive whole number, got ${bins}`);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const u = values[i];
    if (!(u >= 0 && u <= 1)) throw new RangeError(`pitHistogram: expected values in [0, 1], got ${u}`);
    counts[Math.min(bins - 1, Math.floor(u * bins))] += 1;
  }
  return counts;
}

/**
 * CRPS of a lognormal forecast, log X ~ N(mu, sigma^2), at y > 0, in closed form (Baran & Lerch 2015, eq. 5):
 * CRPS = y (2 Phi(z) - 1) - 2 exp(mu + sigma^2 / 2) [Phi(z - sigma) + Phi(sigma / sqrt 2) - 1],
 * z = (log y - mu) / sigma. For y <= 0 it is E|X - y| - E|X - X'| / 2 = E X - y - E|X - X'| / 2.
 *
 * @example crpsLognormal(0, 1, 1) // -2 e^(1/2) (Phi(-1) + Phi(1/sqrt 2) - 1) = 0.2674...
 */
export function crpsLognormal(mu: number, sigma: number, actual: number): number {
  if (!(sigma > 0)) throw new RangeError(`sigma: expected a number > 0, got ${sigma}`);
  const mean = exp(mu + 0.5 * sigma * sigma);
  const halfPairs = 2 * mean * (normalCdf(sigma / Math.SQRT2) - 0.5);
  if (!(actual > 0)) return mean - actual - halfPairs;
  const z = (log(actual) - mu) / sigma;
  return actual * (2 * normalCdf(z) - 1) - 2 * mean * (normalCdf(z - sigma) + normalCdf(sigma / Math.SQRT2) - 1);
}
