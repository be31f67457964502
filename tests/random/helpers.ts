// Shared helpers for the random-module tests: draws, sample moments and Monte Carlo tolerances.
import type { Distribution } from "../../src/random/distribution.ts";
import { createStream } from "../../src/random/stream.ts";

/** One unit in the last place at 1: the double-precision machine epsilon, 2^-52. */
export const EPS = Number.EPSILON;

/** Standard errors allowed by the moment checks: P(|Z| > 4) = 6.3e-5 per check under the null. */
export const Z_LIMIT = 4;

export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** `n` draws of `dist.sample` from the stream `key` under `seed`. */
export function drawSample(dist: Distribution, seed: number, key: string, n: number): Float64Array {
  const stream = createStream(seed, key);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = dist.sample(stream);
  return out;
}

/** Sample mean and unbiased sample variance (two-pass). */
export function sampleMoments(x: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  const mean = sum / x.length;
  let squares = 0;
  for (let i = 0; i < x.length; i++) squares += (x[i] - mean) * (x[i] - mean);
  return { mean, variance: squares / (x.length - 1) };
}

/** Standard error of the sample mean: sigma / sqrt(n). */
export function meanStandardError(variance: number, n: number): number {
  return Math.sqrt(variance / n);
}

/**
 * Standard error of the unbiased sample variance s^2 of n iid draws:
 * Var(s^2) = mu4 / n - sigma^4 (n - 3) / (n (n - 1)), mu4 the fourth central moment
 * (e.g. Kendall & Stuart, The Advanced Theory of Statistics, vol. 1, eq. 10.13).
 */
export function varianceStandardError(variance: number, fourthCentralMoment: number, n: number): number {
  return Math.sqrt(fourthCentralMoment / n - (variance * variance * (n - 3)) / (n * (n - 1)));
}
