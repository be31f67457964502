import { inverseRegularizedIncompleteBeta, regularizedIncompleteBeta } from "../betaFunctions.ts";
import { z } from "zod";
import { type DistributionCore, type Family, finiteNumber, moveFields } from "./family.ts";
import { checkAtMost, checkBelow, checkPositive } from "./rules.ts";

/**
 * Beta(alpha, beta) rescaled to [min, max]: cdf I_z(alpha, beta) with z = (x - min) / (max - min), quantile
 * by the inverse incomplete beta. Mean min + (max - min) alpha / (alpha + beta), variance
 * (max - min)^2 alpha beta / ((alpha + beta)^2 (alpha + beta + 1)).
 */
export function scaledBetaCore(alpha: number, beta: number, min: number, max: number): DistributionCore {
  const width = max - min;
  const sum = alpha + beta;
  return {
    quantile: (p) => Math.min(max, min + width * inverseRegularizedIncompleteBeta(p, alpha, beta)),
    cdf: (x) => (x <= min ? 0 : x >= max ? 1 : regularizedIncompleteBeta((x - min) / width, alpha, beta)),
    mean: min + (width * alpha) / sum,
    variance: (width * width * alpha * beta) / (sum * sum * (sum + 1)),
    support: [min, max],
  };
}

/**
 * The largest alpha or beta (and PERT shape) a scenario may give. Drawing is by inverting the incomplete beta
 * function, which grows slower and less exact with the shapes. At 1e8 a draw takes about 0.12 ms and its
 * quantiles agree with the limit laws to 2e-7 (tests/random/betaFunctions.test.ts); Beta(1e8, 1e8) is a
 * constant to four digits (sd 3.5e-5 around 0.5). Beyond, the error grows (1e-5 at 1e9), draws take
 * milliseconds (2.4 ms at 1e20) and, near 1e300, return nothing like the distribution.
 */
export const MAX_BETA_SHAPE = 1e8;
/** Why a shape above {@link MAX_BETA_SHAPE} is refused, in the message. */
export const BETA_SHAPE_REASON = "a beta that concentrated is a constant to four digits; write the value itself";

/** Default bounds of a beta spec: the unit interval. */
export const BETA_DEFAULT_MIN = 0;
export const BETA_DEFAULT_MAX = 1;

const schema = z.strictObject({
  dist: z.literal("beta"),
  alpha: finiteNumber,
  beta: finiteNumber,
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
});

/** Beta(alpha, beta), optionally rescaled to [min, max] (default [0, 1]). */
export type BetaSpec = z.output<typeof schema>;

/**
 * The beta family: `alpha`, `beta` > 0, optional `min` < `max` (default [0, 1]). Shifting moves both bounds,
 * an absent one from its default.
 */
export const betaFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({
    dist: "beta",
    alpha: spec.alpha,
    beta: spec.beta,
    min: spec.min ?? BETA_DEFAULT_MIN,
    max: spec.max ?? BETA_DEFAULT_MAX,
  }),
  check(spec, issues) {
    checkPositive(spec, "alpha", issues);
    checkPositive(spec, "beta", issues);
    checkAtMost(spec, "alpha", MAX_BETA_SHAPE, BETA_SHAPE_REASON, issues);
    checkAtMost(spec, "beta", MAX_BETA_SHAPE, BETA_SHAPE_REASON, issues);
    checkBelow(spec, "min", "max", issues);
  },
  build: (spec) => scaledBetaCore(spec.alpha, spec.beta, spec.min, spec.max),
  shift(spec, delta) {
    const out = moveFields(spec, delta, ["min", "max"]);
    if (spec.min === undefined) out.min = BETA_DEFAULT_MIN + delta;
    if (spec.max === undefined) out.max = BETA_DEFAULT_MAX + delta;
    return out;
  },
};
