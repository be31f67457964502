import { inverseRegularizedIncompleteBeta } from "../random/betaFunctions.ts";

/**
 * The exact (Clopper-Pearson) confidence interval of a binomial proportion: for `hits` successes in `n` trials
 * at level `confidence` (alpha = 1 - confidence),
 * lower = Beta^-1(alpha / 2; hits, n - hits + 1) (0 when hits = 0),
 * upper = Beta^-1(1 - alpha / 2; hits + 1, n - hits) (1 when hits = n),
 * through the inverse regularised incomplete beta function. Its coverage is at least `confidence` for every
 * true proportion; for 0 hits the upper end is 1 - (alpha / 2)^(1 / n), about 3.69 / n at 95%.
 *
 * Reference: C. J. Clopper and E. S. Pearson, "The use of confidence or fiducial limits illustrated in the
 * case of the binomial", Biometrika 26(4), 1934; R's `binom.test` gives the same interval.
 *
 * Throws RangeError unless n is a positive integer, hits an integer in [0, n] and 0 < confidence < 1.
 *
 * @example clopperPearson(5, 100) // [0.016431..., 0.112836...] (R: binom.test(5, 100)$conf.int)
 * @example clopperPearson(0, 10000) // [0, 0.000368...]
 */
export function clopperPearson(hits: number, n: number, confidence = 0.95): [number, number] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n: expected a positive integer, got ${n}`);
  if (!Number.isInteger(hits) || hits < 0 || hits > n) throw new RangeError(`hits: expected an integer from 0 to ${n}, got ${hits}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence: expected a number between 0 and 1, got ${confidence}`);
  const alpha = 1 - confidence;
  const lower = hits === 0 ? 0 : inverseRegularizedIncompleteBeta(alpha / 2, hits, n - hits + 1);
  const upper = hits === n ? 1 : inverseRegularizedIncompleteBeta(1 - alpha / 2, hits + 1, n - hits);
  return [lower, upper];
}
