import { z } from "zod";
import { paramSchema } from "../../random/paramSchema.ts";
import { defineModelKind } from "../modelKind.ts";
import { quarterlyFactor } from "../quarterlyFactor.ts";
import { modelCommon } from "../shock.ts";

const schema = z.strictObject({
  kind: z.literal("constantGrowth"),
  /** Revenue in the base quarter (the quarter before `calendar.start`). */
  start: paramSchema,
  /** Annual growth rate (0.3 = 30% a year); each quarter grows by (1 + growth)^(1/4). */
  growth: paramSchema,
  ...modelCommon,
});

/** Constant growth: R_t = R_{t-1} (1 + g)^(1/4). */
export type ConstantGrowthModel = z.output<typeof schema>;

/** R_t = R_{t-1} (1 + g)^(1/4). */
export const constantGrowth = defineModelKind(schema, {
  params: [
    { name: "start", domain: "level" },
    { name: "growth", domain: "growth" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const start = columns[0];
    const growth = columns[1];
    for (let i = 0; i < paths; i++) {
      const factor = quarterlyFactor(growth[i]);
      let revenue = start[i];
      for (let t = 0; t < quarters; t++) {
        revenue *= factor;
        out[offset + t * paths + i] = revenue;
      }
    }
  },
});
