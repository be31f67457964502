import { inverseRegularizedIncompleteBeta, regularizedIncompleteBeta } from "../betaFunctions.ts";
import { z } from "zod";
import { type DistributionCore, type Family, finiteNumber, moveFields } from "./family.ts";
import { checkBelow, checkPositive } from "./rules.ts";

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
