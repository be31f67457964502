import { z } from "zod";
import { type Family, finiteNumber, moveFields } from "./family.ts";
import { checkBelow, checkBetween } from "./rules.ts";

const schema = z.strictObject({ dist: z.literal("triangular"), min: finiteNumber, mode: finiteNumber, max: finiteNumber });

/** Triangular on [min, max] with its peak at `mode`. */
export type TriangularSpec = z.output<typeof schema>;

/**
 * The triangular family on [min, max] with peak at `mode`. Closed-form inverse: with F(mode) =
 * (mode - min) / (max - min), x = min + sqrt(p (max - min)(mode - min)) below it and
 * max - sqrt((1 - p)(max - min)(max - mode)) above. Mean (min + mode + max) / 3, variance
 * (min^2 + mode^2 + max^2 - min mode - min max - mode max) / 18.
 */
export const triangularFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({ dist: "triangular", min: spec.min, mode: spec.mode, max: spec.max }),
  check(spec, issues) {
    checkBelow(spec, "min", "max", issues);
    checkBetween(spec, "mode", "min", "max", issues);
  },
  build({ min, mode, max }) {
    const width = max - min;
    const left = mode - min;
    const right = max - mode;
    const modeCdf = left / width;
    return {
      // Each branch is clamped at the mode, so rounding cannot break monotonicity where they meet.
      quantile: (p) =>
        p <= modeCdf ? Math.min(mode, min + Math.sqrt(p * width * left)) : Math.max(mode, max - Math.sqrt((1 - p) * width * right)),
      // Products of ratios in [0, 1], never a square of a tiny distance (it would round through the
      // subnormals); the left branch stays <= F(mode) and the right one is held >= it, so F is monotone.
      cdf(x) {
        if (x <= min) return 0;
        if (x >= max) return 1;
        if (x < mode) return ((x - min) / width) * ((x - min) / left);
        if (x >= mode) return Math.max(modeCdf, 1 - ((max - x) / width) * ((max - x) / right));
        return NaN;
      },
      mean: (min + mode + max) / 3,
      variance: (left * left + right * right + left * right) / 18,
      support: [min, max],
    };
  },
  shift: (spec, delta) => moveFields(spec, delta, ["min", "mode", "max"]),
};
