import { pow } from "../../core/elementary.ts";
import type { RandomStream } from "../../random/stream.ts";

/** Largest number of trials inverted at once: (1 - p)^n stays above 2^-500 for p <= 1/2. */
const BLOCK = 500;

function invert(u: number, n: number, p: number): number {
  const ratio = p / (1 - p);
  let k = 0;
  let pmf = pow(1 - p, n);
  let cdf = pmf;
  while (u > cdf && k < n) {
    pmf *= (ratio * (n - k)) / (k + 1);
    k++;
    cdf += pmf;
  }
  return k;
}

/**
 * A Binomial(n, p) draw by inversion of its distribution function (sequential search from 0), one uniform of
 * `stream` per block of at most 500 trials (a sum of binomials with the same p is binomial); for p > 1/2 it
 * draws n - Binomial(n, 1 - p). Expected cost O(n p + n / 500). `n` is rounded to the nearest integer.
 *
 * @example binomial(createStream(42, "demo"), 10, 0) // 0
 */
export function binomial(stream: RandomStream, n: number, p: number): number {
  const trials = Math.round(n);
  if (trials <= 0 || !(p > 0)) return 0;
  if (p >= 1) return trials;
  if (p > 0.5) return trials - binomial(stream, trials, 1 - p);
  let total = 0;
  for (let left = trials; left > 0; left -= BLOCK) total += invert(stream.uniform(), Math.min(left, BLOCK), p);
  return total;
}
