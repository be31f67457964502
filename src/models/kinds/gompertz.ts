import { z } from "zod";
import { curveImpl } from "../../curves/curves.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { columnsInOrder, curveLevels } from "../curveLevels.ts";
import { defineModelKind } from "../modelKind.ts";
import { modelCommon } from "../shock.ts";

const schema = z.strictObject({
  kind: z.literal("gompertz"),
  carryingCapacity: paramSchema,
  /** Displacement b > 0: revenue at t = 0 is K exp(-b). */
  displacement: paramSchema,
  rate: paramSchema,
  ...modelCommon,
});

/** Gompertz revenue: K exp(-b exp(-r t)). */
export type GompertzModel = z.output<typeof schema>;

/** K exp(-b exp(-r t)) at t = quarters after the base / 4 (years), by curves/gompertz.ts. */
export const gompertz = defineModelKind(schema, {
  params: [
    { name: "carryingCapacity", domain: "positive" },
    { name: "displacement", domain: "positive" },
    { name: "rate", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    curveLevels(curveImpl("gompertz"), quarters, paths, out, offset, columnsInOrder(columns));
  },
});
