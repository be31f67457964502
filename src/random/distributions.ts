import type { z } from "zod";
import { describeValue, formatIssue, zodIssueCode, type InputIssue, type ZodIssueShape } from "../core/issues.ts";
import type { Distribution } from "./distribution.ts";
import { type Family, type FamilySchema, IssueCollector } from "./families/family.ts";
import { FAMILIES } from "./familyTable.ts";
import type { RandomStream } from "./stream.ts";
import type { CompleteSpecOf, DistributionKind, DistributionSpec, SpecOf } from "./spec.ts";

/** The distribution kinds, in the order of the family table. */
export const DISTRIBUTION_KINDS = Object.keys(FAMILIES) as readonly DistributionKind[];

type AnyFamily = Family<FamilySchema>;

function isKind(value: unknown): value is DistributionKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(FAMILIES, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A family seen through its erased kind, for shared code that never branches on kinds.
function familyOf(kind: DistributionKind): AnyFamily {
  return FAMILIES[kind] as unknown as AnyFamily;
}

/** The fields of a family besides `dist`, in the order of its schema. */
function fieldsOf(family: AnyFamily): string[] {
  return Object.keys(family.schema.shape).filter((field) => field !== "dist");
}

function optionList(options: readonly unknown[]): string {
  return options.map((option) => JSON.stringify(option)).join(", ");
}

/** One shape problem found by a family's schema, in the project's grammar. */
function shapeMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "invalid_value") return `expected one of ${optionList(issue.values)}, got ${describeValue(input)}`;
  if (issue.code === "invalid_type" && issue.expected === "array") return `expected an array of numbers, got ${describeValue(input)}`;
  if (typeof input === "number" && !Number.isFinite(input)) return `expected a finite number, got ${input}`;
  if (issue.code === "invalid_type" && issue.expected === "number") return `expected a number, got ${describeValue(input)}`;
  return `${issue.message}, got ${describeValue(input)}`;
}

// Shape of a spec by its family's schema: unknown fields first, then each field's type and finiteness.
function checkShape(spec: Record<string, unknown>, kind: DistributionKind, family: AnyFamily, issues: IssueCollector): void {
  const parsed = family.schema.safeParse(spec, { reportInput: true });
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const key of issue.keys) issues.add("unknown_field", [key], `unexpected field; ${kind} takes ${fieldsOf(family).join(", ")}`);
  }
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") continue;
    const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
    issues.add(zodIssueCode(issue as unknown as ZodIssueShape), path, shapeMessage(issue, (issue as { input?: unknown }).input));
  }
}

/**
 * Every problem with a distribution spec given by a user: shape (not an object, unknown `dist`, a missing or
 * mistyped field, an unknown field, a non-finite number: the family's schema) and meaning (sd <= 0,
 * min >= max, mode outside [min, max], empty values, bad weights, low >= high, a lognormal interval with
 * low <= 0, alpha or beta <= 0, shape <= 0...: the family's rules). Each issue's path is `path` plus the
 * field (and index), and its message follows the project grammar `expected ..., got ...`. An empty list
 * means `makeDistribution` accepts the spec.
 *
 * Never throws.
 *
 * @example
 * distributionIssues({ dist: "uniform", min: 5, max: 3 }, ["growth"])
 * // [{ path: ["growth", "min"], message: "expected a number below max (3), got 5" }]
 */
export function distributionIssues(spec: unknown, path: ReadonlyArray<string | number>): InputIssue[] {
  const issues = new IssueCollector(path);
  if (!isRecord(spec)) {
    issues.add("invalid_type", [], `expected a distribution object with a "dist" field, got ${describeValue(spec)}`);
    return issues.issues;
  }
  const kind = spec.dist;
  if (!isKind(kind)) {
    issues.add("invalid_value", ["dist"], `expected one of ${optionList(DISTRIBUTION_KINDS)}, got ${describeValue(kind)}`);
    return issues.issues;
  }
  const family = familyOf(kind);
  checkShape(spec, kind, family, issues);
  family.check(family.complete(spec as SpecOf<DistributionKind>), issues);
  return issues.issues;
}

/**
 * True when `value` has the shape of a `DistributionSpec`: an object whose `dist` is a known kind and that its
 * family's schema accepts (field types, finite numbers, no unknown fields). It says nothing about meaning
 * (a negative sd passes): use `distributionIssues` for that. Never throws.
 *
 * @example isDistributionSpec({ dist: "normal", mean: 0, sd: 1 }) // true
 * @example isDistributionSpec(3) // false
 */
export function isDistributionSpec(value: unknown): value is DistributionSpec {
  return isRecord(value) && isKind(value.dist) && familyOf(value.dist).schema.safeParse(value).success;
}

/**
 * A distribution moved by `delta` along the real line by its family's rule (every location bound moved, the
 * spread kept), or, for a family without an additive location, what it is as a noun phrase (`"lognormal"`);
 * `undefined` when `spec.dist` is no known family. Fields that are not numbers are left as they are.
 *
 * @example shiftDistribution({ dist: "uniform", min: 0, max: 1 }, 0.5) // { dist: "uniform", min: 0.5, max: 1.5 }
 */
export function shiftDistribution(spec: Readonly<Record<string, unknown>>, delta: number): DistributionSpec | string | undefined {
  if (!isKind(spec.dist)) return undefined;
  return familyOf(spec.dist).shift(spec as SpecOf<DistributionKind>, delta) as DistributionSpec | string;
}

function freezeSpec(spec: CompleteSpecOf<DistributionKind>): DistributionSpec {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(spec)) copy[field] = Array.isArray(value) ? Object.freeze([...value]) : value;
  return Object.freeze(copy) as unknown as DistributionSpec;
}

/**
 * Builds the distribution a spec describes, with its defaults filled in (PERT shape 4, beta on [0, 1],
 * discrete weights equal, interval90 family normal). Quantiles are exact closed forms where they exist
 * (normal by AS 241, lognormal, uniform, triangular, discrete) and the inverse incomplete beta for beta
 * and PERT; `quantile(0)` and `quantile(1)` are the support's ends and `quantile(p)` is NaN outside [0, 1].
 * Quantiles are non-decreasing in p up to rounding (a few ulps). `sample(stream)` is
 * `quantile(stream.uniform())`: one uniform per draw.
 *
 * Throws RangeError when the spec is invalid (a programmer error: validate user input with
 * `distributionIssues` first); the message lists every issue as `path: message`.
 *
 * @example
 * const d = makeDistribution({ dist: "interval90", low: 10, high: 20 });
 * d.mean; // 15
 * d.quantile(0.95); // 20
 * makeDistribution({ dist: "normal", mean: 0, sd: -1 }); // throws RangeError "sd: expected a positive number, got -1"
 */
export function makeDistribution(spec: DistributionSpec): Distribution {
  const issues = distributionIssues(spec, []);
  if (issues.length > 0) throw new RangeError(issues.map(formatIssue).join("; "));
  const family = familyOf(spec.dist);
  const complete = family.complete(spec);
  const core = family.build(complete);
  const [low, high] = core.support;
  const quantile = (p: number): number => {
    if (p > 0 && p < 1) return core.quantile(p);
    return p === 0 ? low : p === 1 ? high : NaN;
  };
  return {
    spec: freezeSpec(complete as CompleteSpecOf<DistributionKind>),
    quantile,
    cdf: core.cdf,
    mean: core.mean,
    variance: core.variance,
    support: core.support,
    sample: (stream: RandomStream) => quantile(stream.uniform()),
  };
}
