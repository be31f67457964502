import { z } from "zod";
import { bassAdopters } from "../../curves/bass.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { defineModelKind } from "../modelKind.ts";
import { modelCommon } from "../shock.ts";
import { exp } from "../../core/elementary.ts";

const schema = z.strictObject({
  kind: z.literal("replication"),
  /** Pool of cities that could tender a benchmark project (the formula is below). */
  cities: paramSchema,
  /** Fraction of the pool aware of the model (0..1): the awareness drag on eventual adoption. */
  awareness: paramSchema,
  /** Bass coefficient of innovation p > 0 per year, at speed 1. */
  innovation: paramSchema,
  /** Bass coefficient of imitation q >= 0 per year, at speed 1. */
  imitation: paramSchema,
  /** Replication speed: the diffusion's clock runs this many times faster (default 1). */
  speed: paramSchema.optional(),
  /** Expected share of each tender's value won (1 / winners when co-built). */
  winShare: paramSchema,
  /** Contract value ~ lognormal(contractMeanLog, contractSdLog), in the scenario's currency unit. */
  contractMeanLog: paramSchema,
  contractSdLog: paramSchema,
  /** Quarters over which a contract's value is recognised, starting the quarter after its award. */
  lifeQuarters: paramSchema,
  /** Contract value signed before the base quarter, recognised over quarters 1..lifeQuarters (default 0). */
  backlog: paramSchema.optional(),
  ...modelCommon,
});

/** The replication model: benchmark projects copied city by city. */
export type ReplicationModel = z.output<typeof schema>;

/**
 * Replication of benchmark projects city by city (the "WeCity" way of winning government cloud), as
 * expected-value dynamics per path: parameter uncertainty across paths gives the spread.
 *
 * With t_k = k / 4 years after the base quarter (k = 1, 2, ...):
 *
 * - adopting cities follow a Bass diffusion whose clock runs `speed` times faster:
 *   A(t) = cities * awareness * F(speed * t), F(x) = (1 - e^{-(p+q) x}) / (1 + (q/p) e^{-(p+q) x})
 *   (curves/bass.ts `bassAdopters`),
 *   p = `innovation`, q = `imitation` (per year); `awareness` (0..1) is the drag: only that fraction of the
 *   pool ever tenders within the diffusion;
 * - awards in quarter k: n_k = A(t_k) - A(t_{k-1}) tenders, each worth a lognormal contract value with
 *   mean exp(contractMeanLog + contractSdLog^2 / 2), of which the provider wins the expected share
 *   `winShare` (1 / winners when a tender is co-built);
 *   B_k = n_k * winShare * exp(contractMeanLog + contractSdLog^2 / 2);
 * - revenue is recognised evenly over the L = max(1, round(lifeQuarters)) quarters after the award quarter
 *   (the "energy storage" lag, a convolution), plus a `backlog` of contract value signed before the base
 *   quarter, recognised evenly over quarters 1..L:
 *   R_k = (1 / L) * (sum_{j = max(1, k - L)}^{k - 1} B_j + backlog [k <= L]).
 *
 * Revenue is in the contract values' unit per quarter. Cost O(quarters) per path (a running window sum).
 *
 * @example
 * // cities 100, awareness 1, p 0.5, q 0, speed 1, winShare 1, meanLog 0, sdLog 0, L 1, backlog 0:
 * // A(t) = 100 (1 - e^{-0.5 t}); R_1 = 0 (nothing awarded yet), R_2 = B_1 = 100 (1 - e^{-0.125}) = 11.750...
 */
export const replication = defineModelKind(schema, {
  params: [
    { name: "cities", domain: "nonNegative" },
    { name: "awareness", domain: "probability" },
    { name: "innovation", domain: "positive" },
    { name: "imitation", domain: "nonNegative" },
    { name: "speed", domain: "positive", optional: 1 },
    { name: "winShare", domain: "probability" },
    { name: "contractMeanLog", domain: "any" },
    { name: "contractSdLog", domain: "nonNegative" },
    { name: "lifeQuarters", domain: "positive" },
    { name: "backlog", domain: "nonNegative", optional: 0 },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const [cities, awareness, innovation, imitation, speed, winShare, meanLog, sdLog, life, backlog] = columns;
    const awards = new Float64Array(quarters + 1);
    for (let i = 0; i < paths; i++) {
      const p = innovation[i];
      const q = imitation[i];
      const potential = cities[i] * awareness[i];
      const value = winShare[i] * exp(meanLog[i] + 0.5 * sdLog[i] * sdLog[i]);
      const length = Math.max(1, Math.round(life[i]));
      const clock = speed[i] * (p + q) / 4;
      let previous = 0;
      for (let k = 1; k <= quarters; k++) {
        const decay = exp(-clock * k);
        const adopted = bassAdopters(potential, q / p, decay);
        awards[k] = (adopted - previous) * value;
        previous = adopted;
      }
      // Window sum of awards in quarters [k - L, k - 1].
      let window = 0;
      for (let k = 1; k <= quarters; k++) {
        window += awards[k - 1];
        if (k - 1 - length >= 1) window -= awards[k - 1 - length];
        const carried = k <= length ? backlog[i] : 0;
        out[offset + (k - 1) * paths + i] = (window + carried) / length;
      }
    }
  },
});
