import { describeValue, formatIssue, type InputIssue } from "../core/issues.ts";
import type { Distribution } from "./distribution.ts";
import { betaFamily } from "./families/beta.ts";
import { discreteFamily } from "./families/discrete.ts";
import { type CompleteSpecOf, type Family, type FieldType, IssueCollector, type SpecOf } from "./families/family.ts";
import { interval90Family } from "./families/interval90.ts";
import { lognormalFamily } from "./families/lognormal.ts";
import { normalFamily } from "./families/normal.ts";
import { pertFamily } from "./families/pert.ts";
import { triangularFamily } from "./families/triangular.ts";
import { uniformFamily } from "./families/uniform.ts";
import type { RandomStream } from "./stream.ts";
import type { DistributionKind, DistributionSpec } from "./spec.ts";

/** Every distribution kind's behaviour; the compiler reports a kind without an entry. */
const FAMILIES: { readonly [K in DistributionKind]: Family<K> } = {
  normal: normalFamily,
  lognormal: lognormalFamily,
  uniform: uniformFamily,
  triangular: triangularFamily,
  pert: pertFamily,
  beta: betaFamily,
  discrete: discreteFamily,
  interval90: interval90Family,
};

/** The distribution kinds, in the order of the spec union. */
export const DISTRIBUTION_KINDS = Object.keys(FAMILIES) as readonly DistributionKind[];

function isKind(value: unknown): value is DistributionKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(FAMILIES, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// A family seen through its erased kind, for shared code that never branches on kinds.
function familyOf(kind: DistributionKind): Family<DistributionKind> {
  return FAMILIES[kind] as unknown as Family<DistributionKind>;
}

function optionList(options: readonly string[]): string {
  return options.map((option) => JSON.stringify(option)).join(", ");
}

// Type and finiteness of one field; element paths for arrays.
function checkField(value: unknown, field: string, type: FieldType, issues: IssueCollector): void {
  if (value === undefined && type.optional) return;
  if (type.type === "number") {
    if (typeof value !== "number") issues.add([field], `expected a number, got ${describeValue(value)}`);
    else if (!Number.isFinite(value)) issues.add([field], `expected a finite number, got ${value}`);
  } else if (type.type === "numbers") {
    if (!Array.isArray(value)) {
      issues.add([field], `expected an array of numbers, got ${describeValue(value)}`);
      return;
    }
    value.forEach((item: unknown, index) => {
      if (typeof item !== "number") issues.add([field, index], `expected a number, got ${describeValue(item)}`);
      else if (!Number.isFinite(item)) issues.add([field, index], `expected a finite number, got ${item}`);
    });
  } else if (typeof value !== "string" || !type.options.includes(value)) {
    issues.add([field], `expected one of ${optionList(type.options)}, got ${describeValue(value)}`);
  }
}

/**
 * Every problem with a distribution spec given by a user: shape (not an object, unknown `dist`, a missing or
 * mistyped field, an unknown field, a non-finite number) and meaning (sd <= 0, min >= max, mode outside
 * [min, max], empty values, bad weights, low >= high, a lognormal interval with low <= 0, alpha or beta
 * <= 0, shape <= 0...). Each issue's path is `path` plus the field (and index), and its message follows
 * the project grammar `expected ..., got ...`. An empty list means `makeDistribution` accepts the spec.
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
    issues.add([], `expected a distribution object with a "dist" field, got ${describeValue(spec)}`);
    return issues.issues;
  }
  const kind = spec.dist;
  if (!isKind(kind)) {
    issues.add(["dist"], `expected one of ${optionList(DISTRIBUTION_KINDS)}, got ${describeValue(kind)}`);
    return issues.issues;
  }
  const family = familyOf(kind);
  for (const field of Object.keys(spec)) {
    if (field !== "dist" && !Object.prototype.hasOwnProperty.call(family.fields, field)) {
      issues.add([field], `unexpected field; ${kind} takes ${Object.keys(family.fields).join(", ")}`);
    }
  }
  for (const [field, type] of Object.entries(family.fields)) checkField(spec[field], field, type, issues);
  family.check(family.complete(spec as unknown as SpecOf<DistributionKind>), issues);
  return issues.issues;
}

/**
 * True when `value` has the shape of a `DistributionSpec`: an object whose `dist` is a known kind and whose
 * fields have the right types (numbers, arrays of numbers, a known family name). It says nothing about
 * meaning (a negative sd passes): use `distributionIssues` for that. Never throws.
 *
 * @example isDistributionSpec({ dist: "normal", mean: 0, sd: 1 }) // true
 * @example isDistributionSpec(3) // false
 */
export function isDistributionSpec(value: unknown): value is DistributionSpec {
  if (!isRecord(value) || !isKind(value.dist)) return false;
  const family = familyOf(value.dist);
  for (const [field, type] of Object.entries(family.fields)) {
    const item = value[field];
    if (item === undefined) {
      if (!type.optional) return false;
    } else if (type.type === "number") {
      if (typeof item !== "number") return false;
    } else if (type.type === "numbers") {
      if (!Array.isArray(item) || !item.every((entry) => typeof entry === "number")) return false;
    } else if (typeof item !== "string" || !type.options.includes(item)) {
      return false;
    }
  }
  return true;
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
    spec: freezeSpec(complete),
    quantile,
    cdf: core.cdf,
    mean: core.mean,
    variance: core.variance,
    support: core.support,
    sample: (stream: RandomStream) => quantile(stream.uniform()),
  };
}
