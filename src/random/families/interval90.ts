import { z } from "zod";
import { type Family, finiteNumber, moveFields } from "./family.ts";
import { lognormalCore } from "./lognormal.ts";
import { normalCore } from "./normal.ts";
import { checkBelow, checkPositive } from "./rules.ts";
import { log } from "../../core/elementary.ts";

/** The standard normal's 95th percentile, qnorm(0.95): the half-width of a 90% interval in sd units. */
export const Z_95 = 1.6448536269514722;

/** Default family joining the two percentiles of a 90% interval. */
export const INTERVAL90_DEFAULT_FAMILY = "normal";

const schema = z.strictObject({
  dist: z.literal("interval90"),
  low: finiteNumber,
  high: finiteNumber,
  family: z.enum(["normal", "lognormal"]).optional(),
});

/**
 * "From a 90% interval": the 5th and 95th percentiles, with the family that joins them
 * (`normal` by default; `lognormal` for positive quantities with a long right tail).
 */
export type Interval90Spec = z.output<typeof schema>;

/**
 * "From a 90% interval": `low` and `high` are the 5th and 95th percentiles. Normal: mean (low + high) / 2,
 * sd (high - low) / (2 z95). Lognormal: the same on ln low and ln high (so low must be > 0). Shifting moves
 * both ends of a normal interval; a lognormal one has no additive location.
 */
export const interval90Family: Family<typeof schema> = {
  schema,
  complete: (spec) => ({
    dist: "interval90",
    low: spec.low,
    high: spec.high,
    family: spec.family ?? INTERVAL90_DEFAULT_FAMILY,
  }),
  check(spec, issues) {
    checkBelow(spec, "low", "high", issues);
    if (spec.family === "lognormal") checkPositive(spec, "low", issues);
  },
  build({ low, high, family }) {
    if (family === "lognormal") {
      const logLow = log(low);
      const logHigh = log(high);
      return lognormalCore(0.5 * (logLow + logHigh), (logHigh - logLow) / (2 * Z_95));
    }
    return normalCore(0.5 * (low + high), (high - low) / (2 * Z_95));
  },
  shift: (spec, delta) => (spec.family === "lognormal" ? "a lognormal interval90" : moveFields(spec, delta, ["low", "high"])),
};
