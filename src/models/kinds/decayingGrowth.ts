import { z } from "zod";
import { paramSchema } from "../../random/paramSchema.ts";
import { defineModelKind } from "../modelKind.ts";
import { quarterlyFactor } from "../quarterlyFactor.ts";
import { modelCommon } from "../shock.ts";

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
    { name: "start", domain: "any" },
    { name: "g0", domain: "any" },
    { name: "gInf", domain: "any" },
    { name: "halfLifeYears", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const start = columns[0];
    const g0 = columns[1];
    const gInf = columns[2];
    const halfLife = columns[3];
    const { decay, gap, weight, revenue } = state(paths);
    for (let i = 0; i < paths; i++) {
      decay[i] = Math.exp(-Math.LN2 / (4 * halfLife[i]));
      gap[i] = g0[i] - gInf[i];
      weight[i] = 1;
      revenue[i] = start[i];
    }
    // Quarter by quarter over every path (each path's steps as path by path, so the same numbers): the
    // writes run through `out` in order.
    for (let t = 0; t < quarters; t++) {
      const row = offset + t * paths;
      for (let i = 0; i < paths; i++) {
        const w = weight[i] * decay[i];
        weight[i] = w;
        const r = revenue[i] * quarterlyFactor(gInf[i] + gap[i] * w);
        revenue[i] = r;
        out[row + i] = r;
      }
    }
  },
});

/** Per-path state of a simulation, reused (grown as needed): the decay per quarter, g0 - gInf, the weight and revenue so far. */
interface PathState {
  decay: Float64Array;
  gap: Float64Array;
  weight: Float64Array;
  revenue: Float64Array;
}

let scratch: PathState = { decay: new Float64Array(0), gap: new Float64Array(0), weight: new Float64Array(0), revenue: new Float64Array(0) };

function state(paths: number): PathState {
  if (scratch.decay.length < paths) {
    scratch = { decay: new Float64Array(paths), gap: new Float64Array(paths), weight: new Float64Array(paths), revenue: new Float64Array(paths) };
  }
  return scratch;
}
