import { z } from "zod";
import { BETA_SHAPE_REASON, MAX_BETA_SHAPE, scaledBetaCore } from "./beta.ts";
import { type Family, finiteNumber, moveFields } from "./family.ts";
import { checkAtMost, checkBelow, checkBetween, checkPositive } from "./rules.ts";

/** Default PERT shape: the classic weight 4 on the mode. */
export const PERT_DEFAULT_SHAPE = 4;

const schema = z.strictObject({ dist: z.literal("pert"), min: finiteNumber, mode: finiteNumber, max: finiteNumber, shape: finiteNumber.optional() });

/** PERT: a beta on [min, max] with mode `mode`; `shape` (default 4) weights the mode. */
export type PertSpec = z.output<typeof schema>;

/**
 * The PERT family: a beta on [min, max] with alpha = 1 + shape (mode - min) / (max - min) and
 * beta = 1 + shape (max - mode) / (max - min), so its mean is (min + shape * mode + max) / (shape + 2).
 * Requires min < max, mode in [min, max], shape > 0 (default 4).
 */
export const pertFamily: Family<typeof schema> = {
  schema,
  complete: (spec) => ({
    dist: "pert",
    min: spec.min,
    mode: spec.mode,
    max: spec.max,
    shape: spec.shape ?? PERT_DEFAULT_SHAPE,
  }),
  check(spec, issues) {
    checkBelow(spec, "min", "max", issues);
    checkBetween(spec, "mode", "min", "max", issues);
    checkPositive(spec, "shape", issues);
    checkAtMost(spec, "shape", MAX_BETA_SHAPE, BETA_SHAPE_REASON, issues);
  },
  build({ min, mode, max, shape }) {
    const width = max - min;
    return scaledBetaCore(1 + (shape * (mode - min)) / width, 1 + (shape * (max - mode)) / width, min, max);
  },
  shift: (spec, delta) => moveFields(spec, delta, ["min", "mode", "max"]),
};
