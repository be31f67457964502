import type { z } from "zod";
import type { InputIssue } from "../../core/issues.ts";
import type { RandomStream } from "../../random/stream.ts";
import { reportIssues } from "../../random/reportIssues.ts";
import { modelParamIssues, type ParamDef } from "../modelKind.ts";

/** One member of a competition group as its kind's simulation sees it (one chunk of paths). */
export interface MemberRun {
  /** The provider's id. */
  id: string;
  /** Member parameter columns (one value per path), in the order of the kind's `memberParams`. */
  columns: readonly Float64Array[];
  /**
   * The member's weight model levels ([quarter][path], quarters 1..T): its `attraction` or `capability`
   * base model, with that model's shock applied and multiplied by the provider's entry ramp.
   */
  weight: Float64Array;
  /** Output: the member's revenue (or the measure its model names), [quarter][path]. */
  out: Float64Array;
}

/** A competition group's joint simulation input for one chunk: what `GroupKindDef.simulate` reads and writes. */
export interface GroupRun {
  quarters: number;
  paths: number;
  /** Group parameter columns, in the order of the kind's `groupParams`. */
  columns: readonly Float64Array[];
  /** Group sub-model levels ([quarter][path]), in the order of the kind's `groupModels`. */
  models: readonly Float64Array[];
  members: readonly MemberRun[];
  /** The group's own random stream for this chunk (`chunk:C/competition:KEY`); drawn in path order. */
  stream: RandomStream;
}

/** A member's id and model as the scenario gives it, for a kind's compile-time plan. */
export interface MemberSpec<M> {
  id: string;
  model: M;
}

/**
 * How one kind of competition group behaves: its parameters (per-path slots, as model parameters are), its
 * sub-models, what it plans once at compile time (data that is not drawn per path), and its joint simulation
 * of all members over quarters 1..T of one chunk.
 */
export interface GroupKindDef<G, M, D> {
  /** Group parameters (slot keys `competition.ID.NAME`). */
  readonly groupParams: Params;
  /** Member parameters (slot keys under the provider's model key). */
  readonly memberParams: Params;
  /** Fields of the group that hold base models (evaluated, with their shocks, before the joint simulation). */
  readonly groupModels: ReadonlyArray<keyof G & string>;
  /** The member field that holds its weight model (a base model). */
  readonly memberModel: keyof M & string;
  /** Compile-time data of one group instance (its members in provider order), with issues relative to the group. */
  plan(group: G, members: ReadonlyArray<MemberSpec<M>>): { data: D; issues: InputIssue[] };
  /** Writes every member's output for quarters 1..T and every path of the chunk. */
  simulate(run: GroupRun, data: D): void;
}

/** The parameters of a group or member: field names with their domains and the defaults of optional ones. */
export type Params = ReadonlyArray<ParamDef<Record<string, unknown>>>;

/** A strict zod object with a kind's parameter domain checks attached (as `defineModelKind` does for models). */
export function withParamChecks<S extends z.ZodType>(schema: S, params: Params) {
  return schema.superRefine((value, ctx) => reportIssues(ctx, modelParamIssues(value as Record<string, unknown>, params, []), value));
}
