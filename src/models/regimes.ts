import { z } from "zod";
import type { InputIssue } from "../core/issues.ts";
import { reportIssues } from "../random/reportIssues.ts";
import { factorIdSchema } from "./factor.ts";
import { modelCommon } from "./shock.ts";

/** How far a row of probabilities may sum away from 1. */
const SUM_TOLERANCE = 1e-9;

type Path = Array<string | number>;

function probabilityRowIssues(row: readonly number[], path: Path, what: string): InputIssue[] {
  const out: InputIssue[] = [];
  row.forEach((p, j) => {
    if (!(p >= 0 && p <= 1)) out.push({ code: "out_of_range", path: [...path, j], message: `expected a probability from 0 to 1, got ${p}` });
  });
  const sum = row.reduce((a, b) => a + b, 0);
  if (out.length === 0 && Math.abs(sum - 1) > SUM_TOLERANCE) out.push({ code: "invalid_value", path, message: `expected ${what} that sum to 1, got a sum of ${sum}` });
  return out;
}

function regimeIssues(model: { states: ReadonlyArray<{ id: string; model: { shock?: unknown } }>; transition: number[][]; start?: number[] }): InputIssue[] {
  const out: InputIssue[] = [];
  const n = model.states.length;
  const seen = new Map<string, number>();
  model.states.forEach((state, k) => {
    const first = seen.get(state.id);
    if (first !== undefined) out.push({ code: "duplicate", path: ["states", k, "id"], message: `expected a unique state id, got ${JSON.stringify(state.id)} again (first at states[${first}])` });
    else seen.set(state.id, k);
    if (state.model.shock !== undefined) out.push({ code: "conflict", path: ["states", k, "model", "shock"], message: "expected no shock on a state's model (give the shock to the regimes model, which applies it in every state), got one" });
  });
  if (model.transition.length !== n) out.push({ code: "invalid_value", path: ["transition"], message: `expected ${n} rows (one per state), got ${model.transition.length}` });
  model.transition.forEach((row, r) => {
    if (row.length !== n) out.push({ code: "invalid_value", path: ["transition", r], message: `expected ${n} probabilities (one per state), got ${row.length}` });
    else out.push(...probabilityRowIssues(row, ["transition", r], "transition probabilities"));
  });
  if (model.start) {
    if (model.start.length !== n) out.push({ code: "invalid_value", path: ["start"], message: `expected ${n} probabilities (one per state), got ${model.start.length}` });
    else out.push(...probabilityRowIssues(model.start, ["start"], "starting probabilities"));
  }
  return out;
}

/**
 * The Markov-switching growth model: each path is in one of `states` each quarter, drawn from `start` in the
 * first simulated quarter (default: the first state) and from row s of `transition` after a quarter in state
 * s. In quarter 1 the level is that of the starting state's model; after that revenue grows as the current
 * state's model grows: R_t = R_{t-1} L_s(t) / L_s(t-1) (a factor 1 where L_s(t-1) = 0). A stall is two states,
 * the second absorbing: `transition: [[1 - p, p], [0, 1]]`. Built over the base model schema given (no cycle).
 */
export function regimesSchemaOver<B extends z.ZodType>(baseModel: B) {
  return z
    .strictObject({
      kind: z.literal("regimes"),
      states: z.array(z.strictObject({ id: factorIdSchema, model: baseModel, description: z.string().optional() })).min(2),
      /** transition[r][s]: probability of state s in a quarter after a quarter in state r; rows sum to 1. */
      transition: z.array(z.array(z.number().finite())),
      /** Probability of each state in the first simulated quarter (default: all in the first state). */
      start: z.array(z.number().finite()).optional(),
      ...modelCommon,
    })
    .superRefine((model, ctx) => reportIssues(ctx, regimeIssues(model as never), model));
}
