import { z } from "zod";
import { paramSchema } from "../../random/paramSchema.ts";
import { defineModelKind } from "../modelKind.ts";
import { quarterlyFactor } from "../quarterlyFactor.ts";
import { modelCommon } from "../shock.ts";
import { exp } from "../../core/elementary.ts";

const schema = z.strictObject({
  kind: z.literal("decayingGrowth"),
  start: paramSchema,
  /** Annual growth at the base quarter (t = 0); quarter t grows at gInf + (g0 - gInf) 2^(-t / (4 halfLifeYears)). */
  g0: paramSchema,
  /** Long-run annual growth that growth fades toward. */
  gInf: paramSchema,
  /** Years for the gap between growth and gInf to halve. */
  halfLifeYears: paramSchema,
  ...modelCommon,
});

/** Decaying growth: growth that fades from g0 toward gInf with a half-life. */
export type DecayingGrowthModel = z.output<typeof schema>;

/**
 * Growth that fades from g0 toward gInf: g_t = gInf + (g0 - gInf) 2^(-t / (4 halfLifeYears)),
 * R_t = R_{t-1} (1 + g_t)^(1/4), t = 1, 2, ... quarters after the base.
 */
export const decayingGrowth = defineModelKind(schema, {
  params: [
    { name: "start", domain: "level" },
    { name: "g0", domain: "growth" },
    { name: "gInf", domain: "growth" },
    { name: "halfLifeYears", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const start = columns[0];
    const g0 = columns[1];
    const gInf = columns[2];
    const halfLife = columns[3];
    for (let i = 0; i < paths; i++) {
      const decay = exp(-Math.LN2 / (4 * halfLife[i]));
      const longRun = gInf[i];
      const gap = g0[i] - longRun;
      let weight = 1;
      let revenue = start[i];
      for (let t = 0; t < quarters; t++) {
        weight *= decay;
        revenue *= quarterlyFactor(longRun + gap * weight);
        out[offset + t * paths + i] = revenue;
      }
    }
  },
});
