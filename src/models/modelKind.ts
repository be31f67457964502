import type { z } from "zod";
import type { InputIssue } from "../core/issues.ts";
import { paramIssues, type Domain } from "../random/paramDomain.ts";
import { reportIssues } from "../random/reportIssues.ts";
import type { Param } from "../random/spec.ts";

/** A model parameter: its field in the model's schema, its domain, and the value of an optional one left out. */
export interface ParamDef<M> {
  name: keyof M & string;
  domain: Domain;
  optional?: number;
}

/**
 * How a model projects revenue. `simulate` writes the level for quarters t = 1..T after the base quarter and
 * paths i = 0..L-1 into `out[offset + (t - 1) * L + i]`, reading parameter column j from `columns[j]` (one
 * value per path, in the order of `params`).
 */
export interface ModelBehaviour<M> {
  readonly params: ReadonlyArray<ParamDef<M>>;
  simulate(columns: readonly Float64Array[], quarters: number, paths: number, out: Float64Array, offset: number): void;
}

/** The schema of one model kind: a strict object tagged by a literal `kind`. */
export type ModelSchema = z.ZodType<{ kind: string }, { kind: string }> & { readonly shape: z.ZodRawShape };

/** Everything about one model kind, in its own file: its scenario schema (and so its type) and its behaviour. */
export interface ModelKindDef<S extends ModelSchema> extends ModelBehaviour<z.output<S>> {
  /** The kind's fields as a scenario writes them, with its parameters' domain checks attached. */
  readonly schema: S;
}

/** Problems with every parameter of a model, by the model's own parameter table (paths under `path`). */
export function modelParamIssues<M>(model: M, defs: ReadonlyArray<ParamDef<M>>, path: ReadonlyArray<string | number>): InputIssue[] {
  const out: InputIssue[] = [];
  for (const def of defs) out.push(...paramIssues((model as Record<string, Param | undefined>)[def.name], def.domain, [...path, def.name]));
  return out;
}

/**
 * Declares a model kind from its schema and behaviour; the schema gets the domain checks of `params`
 * (a constant outside a parameter's domain, or a distribution that can draw outside it).
 *
 * @example
 * export const constantGrowth = defineModelKind(z.strictObject({ kind: z.literal("constantGrowth"), ... }), { params, simulate });
 */
export function defineModelKind<S extends ModelSchema>(
  schema: S,
  behaviour: ModelBehaviour<z.output<S>>,
): ModelKindDef<S> {
  const checked = schema.superRefine((model, ctx) => reportIssues(ctx, modelParamIssues(model, behaviour.params, []), model));
  return { schema: checked, params: behaviour.params, simulate: behaviour.simulate };
}
