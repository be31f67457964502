import { z } from "zod";
import type { InputIssue, IssueCode } from "../../core/issues.ts";

/** A finite number field of a distribution spec (zod rejects NaN and infinities). */
export const finiteNumber = z.number().finite();

/** The zod schema of one family's spec: a strict object tagged by a literal `dist`. */
export type FamilySchema = z.ZodType<{ dist: string }> & { readonly shape: z.ZodRawShape };

/** The spec a family's schema describes. */
export type FamilySpec<S extends FamilySchema> = z.output<S>;

/** Closed-form behaviour of a built distribution; the factory adds `spec` and `sample`. */
export interface DistributionCore {
  /** Inverse CDF for p strictly inside (0, 1); the factory handles p = 0, 1 and values outside. */
  quantile(p: number): number;
  cdf(x: number): number;
  readonly mean: number;
  readonly variance: number;
  readonly support: readonly [number, number];
}

/** Collects issues under one spec's path. */
export class IssueCollector {
  readonly issues: InputIssue[] = [];
  constructor(private readonly base: ReadonlyArray<string | number>) {}
  /** Adds an issue of kind `code` at `field` (relative to the spec). */
  add(code: IssueCode, field: ReadonlyArray<string | number>, message: string): void {
    this.issues.push({ code, path: [...this.base, ...field], message });
  }
}

/**
 * Everything about one distribution family, in its own file: the shape of its spec (the zod schema, from
 * which the spec type is inferred), its defaults, its rules, its sampler and how it moves along the line.
 * The family table (random/familyTable.ts) lists one entry per family; shared code never branches on `dist`.
 */
export interface Family<S extends FamilySchema> {
  /** The spec's shape: field types, optional fields and unknown fields (scenario validation and `distributionIssues`). */
  readonly schema: S;
  /** The spec with its defaults filled in: the one place where this family's defaults live. */
  complete(spec: FamilySpec<S>): Required<FamilySpec<S>>;
  /**
   * Reports semantic problems of a completed spec. Fields may still hold wrong types or non-finite numbers
   * (already reported by the shape check): rules skip them.
   */
  check(spec: Required<FamilySpec<S>>, issues: IssueCollector): void;
  /** Builds the distribution of a completed spec that has no issues. */
  build(spec: Required<FamilySpec<S>>): DistributionCore;
  /**
   * The spec moved by `delta` along the real line (every location bound moved, the spread kept); fields that
   * are not numbers are left as they are. A family without an additive location returns what it is instead,
   * as a noun phrase for messages (`"lognormal"`).
   */
  shift(spec: FamilySpec<S>, delta: number): FamilySpec<S> | string;
}

/** A copy of `spec` with each named field that holds a number moved by `delta`. */
export function moveFields<T extends object>(spec: T, delta: number, fields: ReadonlyArray<keyof T & string>): T {
  const out: Record<string, unknown> = { ...(spec as Record<string, unknown>) };
  for (const field of fields) if (typeof out[field] === "number") out[field] = (out[field] as number) + delta;
  return out as T;
}
