import { z } from "zod";
import { type Family, finiteNumber, moveFields } from "./family.ts";
import { checkBelow } from "./rules.ts";

const schema = z.strictObject({ dist: z.literal("uniform"), min: finiteNumber, max: finiteNumber });

/** Uniform on [min, max]. */
export type UniformSpec = z.output<typeof schema>;

/** The uniform family on [min, max], min < max: quantile min + p (max - min), variance (max - min)^2 / 12. */
export const uniformFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({ dist: "uniform", min: spec.min, max: spec.max }),
  check(spec, issues) {
    checkBelow(spec, "min", "max", issues);
  },
  build({ min, max }) {
    const width = max - min;
    return {
      quantile: (p) => Math.min(max, min + p * width),
      cdf: (x) => (x <= min ? 0 : x >= max ? 1 : Number.isNaN(x) ? NaN : (x - min) / width),
      mean: min + 0.5 * width,
      variance: (width * width) / 12,
      support: [min, max],
    };
  },
  shift: (spec, delta) => moveFields(spec, delta, ["min", "max"]),
};
