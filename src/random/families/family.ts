import type { InputIssue } from "../../core/issues.ts";
import type { DistributionKind, DistributionSpec } from "../spec.ts";

/** The spec type of one distribution kind. */
export type SpecOf<K extends DistributionKind> = Extract<DistributionSpec, { dist: K }>;

/** A spec with every default filled in (see each family's `complete`). */
export type CompleteSpecOf<K extends DistributionKind> = Required<SpecOf<K>>;

/** What a field must hold: a number, an array of numbers, or one of some strings. */
export type FieldType =
  | { readonly type: "number"; readonly optional: boolean }
  | { readonly type: "numbers"; readonly optional: boolean }
  | { readonly type: "choice"; readonly optional: boolean; readonly options: readonly string[] };

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
  add(field: ReadonlyArray<string | number>, message: string): void {
    this.issues.push({ path: [...this.base, ...field], message });
  }
}

/** Everything the shared code needs to know about one kind; one entry per kind in the family table. */
export interface Family<K extends DistributionKind> {
  /** Fields besides `dist`, with their types (shape checks, unknown-field detection). */
  readonly fields: { readonly [field: string]: FieldType };
  /** The spec with its defaults filled in: the one place where this kind's defaults live. */
  complete(spec: SpecOf<K>): CompleteSpecOf<K>;
  /**
   * Reports semantic problems of a completed spec. Fields may still hold wrong types or non-finite numbers
   * (already reported by the shape check): rules skip them.
   */
  check(spec: CompleteSpecOf<K>, issues: IssueCollector): void;
  /** Builds the distribution of a completed spec that has no issues. */
  build(spec: CompleteSpecOf<K>): DistributionCore;
}
