import { z } from "zod";
import { curveImpl } from "../../curves/curves.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { curveLevels } from "../curveLevels.ts";
import { defineModelKind } from "../modelKind.ts";
import { modelCommon } from "../shock.ts";

const schema = z.strictObject({
  kind: z.literal("bass"),
  /** Eventual number of adopters (m). */
  marketPotential: paramSchema,
  /** Coefficient of innovation p > 0, per year. */
  innovation: paramSchema,
  /** Coefficient of imitation q >= 0, per year. */
  imitation: paramSchema,
  /** Quarterly revenue per adopter (default 1: the curve is revenue itself). */
  revenuePerAdopter: paramSchema.optional(),
  ...modelCommon,
});

/** Bass diffusion revenue: revenue per adopter times cumulative adopters. */
export type BassModel = z.output<typeof schema>;

/**
 * Revenue per adopter times cumulative adopters m (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}) at t = quarters
 * after the base / 4 (years), by curves/bass.ts with m = marketPotential * revenuePerAdopter.
 */
export const bass = defineModelKind(schema, {
  params: [
    { name: "marketPotential", domain: "positive" },
    { name: "innovation", domain: "positive" },
    { name: "imitation", domain: "nonNegative" },
    { name: "revenuePerAdopter", domain: "level", optional: 1 },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const [potential, innovation, imitation, perAdopter] = columns;
    curveLevels(curveImpl("bass"), quarters, paths, out, offset, (i, values) => {
      values[0] = potential[i] * perAdopter[i];
      values[1] = innovation[i];
      values[2] = imitation[i];
    });
  },
});
