import { z } from "zod";
import { curveImpl } from "../../curves/curves.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { columnsInOrder, curveLevels } from "../curveLevels.ts";
import { defineModelKind } from "../modelKind.ts";
import { modelCommon } from "../shock.ts";

const schema = z.strictObject({
  kind: z.literal("logistic"),
  /** Quarterly revenue approached in the long run (K). */
  carryingCapacity: paramSchema,
  /** Growth rate r per year. */
  rate: paramSchema,
  /** Years after the base quarter at which revenue is half of the capacity (t0). */
  midpointYears: paramSchema,
  ...modelCommon,
});

/** Logistic revenue: K / (1 + exp(-r (t - t0))). */
export type LogisticModel = z.output<typeof schema>;

/** K / (1 + exp(-r (t - t0))) at t = quarters after the base / 4 (years), by curves/logistic.ts. */
export const logistic = defineModelKind(schema, {
  params: [
    { name: "carryingCapacity", domain: "positive" },
    { name: "rate", domain: "positive" },
    { name: "midpointYears", domain: "any" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    curveLevels(curveImpl("logistic"), quarters, paths, out, offset, columnsInOrder(columns));
  },
});
