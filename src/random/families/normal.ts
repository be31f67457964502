import { z } from "zod";
import { normalCdf, normalQuantile } from "../normal.ts";
import { type DistributionCore, type Family, finiteNumber, moveFields } from "./family.ts";
import { checkPositive } from "./rules.ts";

const schema = z.strictObject({ dist: z.literal("normal"), mean: finiteNumber, sd: finiteNumber });

/** Normal(mean, sd). */
export type NormalSpec = z.output<typeof schema>;

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

/** The normal family: `mean` any finite number, `sd` > 0; shifting moves the mean. */
export const normalFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({ dist: "normal", mean: spec.mean, sd: spec.sd }),
  check(spec, issues) {
    checkPositive(spec, "sd", issues);
  },
  build: (spec) => normalCore(spec.mean, spec.sd),
  shift: (spec, delta) => moveFields(spec, delta, ["mean"]),
};
