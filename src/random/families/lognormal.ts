import { z } from "zod";
import { normalCdf, normalQuantile } from "../normal.ts";
import { type DistributionCore, type Family, finiteNumber } from "./family.ts";
import { checkPositive } from "./rules.ts";
import { exp, expm1, log } from "../../core/elementary.ts";

const schema = z.strictObject({ dist: z.literal("lognormal"), meanLog: finiteNumber, sdLog: finiteNumber });

/** Lognormal: log X ~ Normal(meanLog, sdLog). */
export type LognormalSpec = z.output<typeof schema>;

/**
 * Lognormal: ln X ~ Normal(meanLog, sdLog). Mean exp(meanLog + sdLog^2 / 2), variance
 * (exp(sdLog^2) - 1) exp(2 meanLog + sdLog^2), quantile exp(meanLog + sdLog * probit(p)).
 */
export function lognormalCore(meanLog: number, sdLog: number): DistributionCore {
  const s2 = sdLog * sdLog;
  return {
    quantile: (p) => exp(meanLog + sdLog * normalQuantile(p)),
    cdf: (x) => (x > 0 ? normalCdf((log(x) - meanLog) / sdLog) : Number.isNaN(x) ? NaN : 0),
    mean: exp(meanLog + 0.5 * s2),
    variance: expm1(s2) * exp(2 * meanLog + s2),
    support: [0, Infinity],
  };
}

/** The lognormal family: `meanLog` any finite number, `sdLog` > 0; no additive location. */
export const lognormalFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({ dist: "lognormal", meanLog: spec.meanLog, sdLog: spec.sdLog }),
  check(spec, issues) {
    checkPositive(spec, "sdLog", issues);
  },
  build: (spec) => lognormalCore(spec.meanLog, spec.sdLog),
  shift: () => "lognormal",
};
