import { z } from "zod";
import { paramSchema } from "../../random/paramSchema.ts";
import { factorIdSchema } from "../factor.ts";
import type { GroupKindDef } from "./groupKind.ts";
import { type Params, withParamChecks } from "./groupKind.ts";

const groupParams = [{ name: "churn", domain: "probability", optional: 0 }] as const satisfies Params;
const memberParams = [{ name: "start", domain: "nonNegative" }] as const satisfies Params;

/** The attraction (share of new demand) group and member schemas, over the base model schema given (no cycle). */
export function attractionSchemasOver<B extends z.ZodType>(baseModel: B) {
  const group = z.strictObject({
    kind: z.literal("attraction"),
    /** New demand per quarter (revenue that comes to the market in quarter t), a base model. */
    newDemand: baseModel,
    /** Fraction of every member's revenue that chooses again each quarter (0..1, default 0). */
    churn: paramSchema.optional(),
    description: z.string().optional(),
  });
  const member = z.strictObject({
    kind: z.literal("attraction"),
    /** The competition group (scenario `competition`) the provider competes in. */
    group: factorIdSchema,
    /** Revenue in the base quarter (an entrant: 0). */
    start: paramSchema,
    /** The provider's attraction each quarter, a base model (its shock moves the attraction). */
    attraction: baseModel,
  });
  return {
    group: withParamChecks(group, groupParams),
    member: withParamChecks(member, memberParams),
  };
}

type Schemas = ReturnType<typeof attractionSchemasOver<z.ZodType>>;
/** An attraction group as the schema outputs it. */
export type AttractionGroup = z.output<Schemas["group"]>;
/** An attraction member model as the schema outputs it. */
export type AttractionMember = z.output<Schemas["member"]>;

/**
 * Share of new demand (attraction). Members k = 1..K of one group and segment; with attraction A_k(t) >= 0
 * (the member's `attraction` model, times its shock and entry ramp), new demand N(t) = max(0, newDemand(t)),
 * churn c:
 *
 *   R_k(0) = start_k,
 *   R_k(t) = (1 - c) R_k(t - 1) + (N(t) + c sum_j R_j(t - 1)) A_k(t) / sum_j A_j(t).
 *
 * The group's revenue grows by N(t) exactly (sum_k R_k(t) = sum_k R_k(t - 1) + N(t)): what one member wins
 * of the new and re-choosing demand the others lose. c = 1 splits the whole market by attraction each
 * quarter (a multinomial-logit share of the total). A quarter whose attractions are all 0 keeps every
 * member's revenue (its new demand goes to no member). Cost O(K T) per path.
 */
export const attraction: GroupKindDef<AttractionGroup, AttractionMember, null> = {
  groupParams: groupParams,
  memberParams: memberParams,
  groupModels: ["newDemand"],
  memberModel: "attraction",
  plan: () => ({ data: null, issues: [] }),
  simulate(run) {
    const { quarters, paths, members } = run;
    const [churn] = run.columns;
    const [demand] = run.models;
    const n = members.length;
    const revenue = new Float64Array(n);
    for (let i = 0; i < paths; i++) {
      for (let k = 0; k < n; k++) revenue[k] = members[k].columns[0][i];
      const c = churn[i];
      for (let t = 0; t < quarters; t++) {
        const at = t * paths + i;
        let weights = 0;
        let held = 0;
        for (let k = 0; k < n; k++) {
          const a = members[k].weight[at];
          weights += a > 0 ? a : 0;
          held += revenue[k];
        }
        if (weights > 0) {
          const newDemand = demand[at] > 0 ? demand[at] : 0;
          const pool = newDemand + c * held;
          for (let k = 0; k < n; k++) {
            const a = members[k].weight[at];
            revenue[k] = (1 - c) * revenue[k] + (pool * (a > 0 ? a : 0)) / weights;
          }
        }
        for (let k = 0; k < n; k++) members[k].out[at] = revenue[k];
      }
    }
  },
};
