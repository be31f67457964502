import { z } from "zod";
import type { InputIssue } from "../../core/issues.ts";
import { paramSchema } from "../../random/paramSchema.ts";
import { factorIdSchema } from "../factor.ts";
import type { GroupKindDef } from "./groupKind.ts";
import { type Params, withParamChecks } from "./groupKind.ts";
import { exp, log } from "../../core/elementary.ts";

const groupParams = [
  { name: "marketPotential", domain: "positive" },
  { name: "innovation", domain: "positive" },
  { name: "imitation", domain: "nonNegative" },
] as const satisfies Params;
const memberParams = [
  { name: "adopters", domain: "nonNegative", optional: 0 },
  { name: "revenuePerAdopter", domain: "any", optional: 1 },
] as const satisfies Params;

/** The competitive-diffusion group and member schemas, over the base model schema given (no cycle). */
export function diffusionSchemasOver<B extends z.ZodType>(baseModel: B) {
  const group = z.strictObject({
    kind: z.literal("competitiveDiffusion"),
    /** Eventual adopters of the category (m), all members together. */
    marketPotential: paramSchema,
    /** Bass coefficient of innovation p > 0 of the category, per year. */
    innovation: paramSchema,
    /** Bass coefficient of imitation q >= 0 of the category, per year. */
    imitation: paramSchema,
    /**
     * Switching: `switching[FROM][TO]` is the probability that an adopter of provider FROM moves to provider
     * TO in a quarter (each row sums to at most 1; absent pairs 0).
     */
    switching: z.record(factorIdSchema, z.record(factorIdSchema, z.number().finite().min(0).max(1))).optional(),
    description: z.string().optional(),
  });
  const member = z.strictObject({
    kind: z.literal("competitiveDiffusion"),
    /** The competition group (scenario `competition`) the provider competes in. */
    group: factorIdSchema,
    /** Adopters in the base quarter (default 0). */
    adopters: paramSchema.optional(),
    /** Quarterly revenue per adopter (default 1: revenue is adopters). */
    revenuePerAdopter: paramSchema.optional(),
    /** The attraction with which new adopters choose the provider, a base model (its shock moves it). */
    attraction: baseModel,
  });
  return { group: withParamChecks(group, groupParams), member: withParamChecks(member, memberParams) };
}

type Schemas = ReturnType<typeof diffusionSchemasOver<z.ZodType>>;
/** A competitive-diffusion group as the schema outputs it. */
export type DiffusionGroup = z.output<Schemas["group"]>;
/** A competitive-diffusion member model as the schema outputs it. */
export type DiffusionMember = z.output<Schemas["member"]>;

/** Bass share of the potential adopted after x years: (1 - e^{-(p+q)x}) / (1 + (q/p) e^{-(p+q)x}). */
function bassShare(p: number, q: number, x: number): number {
  const decay = exp(-(p + q) * x);
  return (1 - decay) / (1 + (q / p) * decay);
}

/** The Bass clock x at which the adopted share is f (0 <= f < 1): the inverse of `bassShare`. */
function bassClock(p: number, q: number, f: number): number {
  return -log((1 - f) / (1 + (q / p) * f)) / (p + q);
}

function switchingMatrix(group: DiffusionGroup, ids: readonly string[]): { data: Float64Array; issues: InputIssue[] } {
  const n = ids.length;
  const data = new Float64Array(n * n);
  const issues: InputIssue[] = [];
  const rows = group.switching ?? {};
  for (const from of Object.keys(rows)) {
    const r = ids.indexOf(from);
    if (r < 0) {
      issues.push({ code: "unknown_reference", path: ["switching", from], message: `unknown member ${JSON.stringify(from)}; the group's members are ${ids.join(", ")}` });
      continue;
    }
    let sum = 0;
    for (const to of Object.keys(rows[from])) {
      const c = ids.indexOf(to);
      if (c < 0 || c === r) {
        const why = c < 0 ? `unknown member ${JSON.stringify(to)}; the group's members are ${ids.join(", ")}` : "expected another member (an adopter cannot switch to its own provider)";
        issues.push({ code: c < 0 ? "unknown_reference" : "invalid_value", path: ["switching", from, to], message: why });
        continue;
      }
      data[r * n + c] = rows[from][to];
      sum += rows[from][to];
    }
    if (sum > 1) issues.push({ code: "out_of_range", path: ["switching", from], message: `expected switching probabilities that sum to at most 1, got ${sum}` });
  }
  return { data, issues };
}

/**
 * Competitive diffusion of N players (in the spirit of Guseo and Mortarino's unbalanced competition models,
 * UCRCD, and the R package DIMORA): adopters of the category arrive by one Bass diffusion and choose a
 * provider by attraction; adopters may switch providers.
 *
 * With m = marketPotential, p, q per year, N_0 = sum_k adopters_k and x_0 the Bass clock at which
 * m F(x_0) = N_0 (F(x) = (1 - e^{-(p+q)x}) / (1 + (q/p) e^{-(p+q)x})):
 *
 * - category adopters N(t) = m F(x_0 + t / 4) (N(t) = N_0 when N_0 >= m); new adopters n_t = N(t) - N(t - 1);
 * - provider k first gets n_t A_k(t) / sum_j A_j(t) (A_k: its attraction with shock and entry ramp; a quarter
 *   whose attractions are all 0 gives its new adopters to no provider);
 * - then switching, with S[k][j] the quarterly probability of a move from k to j, applied to the adopters
 *   exposed for the quarter, B_k = N_k(t - 1) + a_k / 2 (the quarter's arrivals a_k come evenly through it):
 *   N_k(t) = N_k(t - 1) + a_k - B_k sum_j S[k][j] + sum_j B_j S[j][k];
 * - revenue R_k(t) = revenuePerAdopter_k N_k(t).
 *
 * With one player (or equal attractions and no switching) each provider's adopters are the plain Bass curve
 * times its share. Cost O(K^2 T) per path.
 */
export const competitiveDiffusion: GroupKindDef<DiffusionGroup, DiffusionMember, Float64Array> = {
  groupParams: groupParams,
  memberParams: memberParams,
  groupModels: [],
  memberModel: "attraction",
  plan: (group, members) => switchingMatrix(group, members.map((m) => m.id)),
  simulate(run, switching) {
    const { quarters, paths, members } = run;
    const [potential, innovation, imitation] = run.columns;
    const n = members.length;
    const adopters = new Float64Array(n);
    const before = new Float64Array(n);
    const moves = switching.some((s) => s > 0);
    for (let i = 0; i < paths; i++) {
      const m = potential[i];
      const p = innovation[i];
      const q = imitation[i];
      let start = 0;
      for (let k = 0; k < n; k++) {
        adopters[k] = members[k].columns[0][i];
        start += adopters[k];
      }
      const saturated = start >= m;
      const x0 = saturated ? 0 : bassClock(p, q, start / m);
      let previous = start;
      for (let t = 0; t < quarters; t++) {
        const at = t * paths + i;
        const category = saturated ? start : m * bassShare(p, q, x0 + (t + 1) / 4);
        const arrivals = category - previous > 0 ? category - previous : 0;
        previous = category;
        let weights = 0;
        for (let k = 0; k < n; k++) {
          const a = members[k].weight[at];
          weights += a > 0 ? a : 0;
        }
        for (let k = 0; k < n; k++) {
          const a = members[k].weight[at];
          const gained = weights > 0 ? (arrivals * (a > 0 ? a : 0)) / weights : 0;
          // Arrivals come evenly through the quarter: on average half of them are exposed to its switching.
          before[k] = adopters[k] + gained / 2;
          adopters[k] += gained;
        }
        if (moves) {
          for (let r = 0; r < n; r++) {
            for (let c = 0; c < n; c++) {
              const moved = before[r] * switching[r * n + c];
              adopters[r] -= moved;
              adopters[c] += moved;
            }
          }
        }
        for (let k = 0; k < n; k++) members[k].out[at] = adopters[k] * members[k].columns[1][i];
      }
    }
  },
};
