import type { RandomStream } from "./stream.ts";
import type { DistributionSpec } from "./spec.ts";

/**
 * A validated probability distribution on the real line. Every draw is `quantile(u)` of a uniform `u`
 * from an explicit stream (inverse transform), so one uniform makes one draw: common random numbers,
 * rank correlation and antithetic schemes all work by handing in other uniforms.
 */
export interface Distribution {
  readonly spec: DistributionSpec;
  /** Inverse CDF for p in (0, 1). */
  quantile(p: number): number;
  /** P(X <= x). */
  cdf(x: number): number;
  readonly mean: number;
  readonly variance: number;
  /** Smallest and largest possible values (may be infinite). */
  readonly support: readonly [number, number];
  /** One draw: `quantile(stream.uniform())`. */
  sample(stream: RandomStream): number;
}
