import { z } from "zod";
import { curveImpl } from "../../curves/curves.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { columnsInOrder, curveLevels } from "../curveLevels.ts";
import { defineModelKind } from "../modelKind.ts";
import { modelCommon } from "../shock.ts";

const schema = z.strictObject({
  kind: z.literal("richards"),
  carryingCapacity: paramSchema,
  rate: paramSchema,
  midpointYears: paramSchema,
  /** Shape nu > 0; nu = 1 is the logistic. */
  shape: paramSchema,
  ...modelCommon,
});

/** Richards (generalised logistic) revenue: K / (1 + exp(-r (t - t0)))^(1/nu). */
export type RichardsModel = z.output<typeof schema>;

/** K / (1 + exp(-r (t - t0)))^(1/nu) at t = quarters after the base / 4 (years), by curves/richards.ts. */
export const richards = defineModelKind(schema, {
  params: [
    { name: "carryingCapacity", domain: "positive" },
    { name: "rate", domain: "positive" },
    { name: "midpointYears", domain: "any" },
    { name: "shape", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    curveLevels(curveImpl("richards"), quarters, paths, out, offset, columnsInOrder(columns));
  },
});
