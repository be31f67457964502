import type { Family } from "./family.ts";
import { checkBelow } from "./rules.ts";

/** The uniform family on [min, max], min < max: quantile min + p (max - min), variance (max - min)^2 / 12. */
export const uniformFamily: Family<"uniform"> = {
  fields: { min: { type: "number", optional: false }, max: { type: "number", optional: false } },
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
};
