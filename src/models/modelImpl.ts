import type { BaseModel, BaseModelKind } from "../scenario/schema.ts";

/** Where a parameter's values may lie; distributions must have their whole support inside it. */
export type Domain = "any" | "positive" | "nonNegative" | "probability";

/** A model parameter: its name in the scenario and its domain. */
export interface ParamDef<M> {
  name: keyof M & string;
  domain: Domain;
  optional?: number;
}

/**
 * How one model kind projects revenue. `simulate` writes the level for quarters t = 1..T after the base
 * quarter and paths i = 0..L-1 into `out[offset + (t - 1) * L + i]`, reading parameter column j from
 * `columns[j]` (one value per path, in the order of `params`).
 */
export interface ModelImpl<K extends BaseModelKind> {
  readonly params: ReadonlyArray<ParamDef<Extract<BaseModel, { kind: K }>>>;
  simulate(columns: readonly Float64Array[], quarters: number, paths: number, out: Float64Array, offset: number): void;
}

export type ModelTable = { [K in BaseModelKind]: ModelImpl<K> };
