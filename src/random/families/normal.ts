import { normalCdf, normalQuantile } from "../normal.ts";
import type { DistributionCore, Family } from "./family.ts";
import { checkPositive } from "./rules.ts";

/** Normal(mean, sd): quantile mean + sd * probit(p) (AS 241), cdf by Cody's algorithm. */
export function normalCore(mean: number, sd: number): DistributionCore {
  return {
    quantile: (p) => mean + sd * normalQuantile(p),
    cdf: (x) => normalCdf((x - mean) / sd),
    mean,
    variance: sd * sd,
    support: [-Infinity, Infinity],
  };
}

/** The normal family: `mean` any finite number, `sd` > 0. */
export const normalFamily: Family<"normal"> = {
  fields: { mean: { type: "number", optional: false }, sd: { type: "number", optional: false } },
  complete: (spec) => ({ dist: "normal", mean: spec.mean, sd: spec.sd }),
  check(spec, issues) {
    checkPositive(spec, "sd", issues);
  },
  build: (spec) => normalCore(spec.mean, spec.sd),
};
