import type { IssueCollector } from "./family.ts";

/** The rule functions every family checks its fields with: one place for the wording of every rule. */

type Fields = Readonly<Record<string, unknown>>;

/** True for a number that is neither NaN nor infinite. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** `field` must be > 0. */
export function checkPositive(spec: Fields, field: string, issues: IssueCollector): void {
  const value = spec[field];
  if (isFiniteNumber(value) && !(value > 0)) issues.add("not_positive", [field], `expected a positive number, got ${value}`);
}

/**
 * `field` must be at most `max`, with `why` saying what a larger value would mean (a shape parameter beyond
 * its bound is slow and inexact to draw from, and no longer needed: the distribution is a constant to many digits).
 */
export function checkAtMost(spec: Fields, field: string, max: number, why: string, issues: IssueCollector): void {
  const value = spec[field];
  if (isFiniteNumber(value) && value > max) issues.add("out_of_range", [field], `expected a number at most ${max.toExponential().replace("e+", "e")} (${why}), got ${value}`);
}

/** `low` must be < `high`, and `high - low` must be finite; reported on `low` (or `high` for the width). */
export function checkBelow(spec: Fields, low: string, high: string, issues: IssueCollector): void {
  const a = spec[low];
  const b = spec[high];
  if (!isFiniteNumber(a) || !isFiniteNumber(b)) return;
  if (!(a < b)) issues.add("conflict", [low], `expected a number below ${high} (${b}), got ${a}`);
  else if (!Number.isFinite(b - a)) {
    issues.add("out_of_range", [high], `expected a number within ${Number.MAX_VALUE} of ${low} (${a}), got ${b}`);
  }
}

/** `field` must lie in [spec[low], spec[high]] (checked only when low < high). */
export function checkBetween(spec: Fields, field: string, low: string, high: string, issues: IssueCollector): void {
  const value = spec[field];
  const a = spec[low];
  const b = spec[high];
  if (!isFiniteNumber(value) || !isFiniteNumber(a) || !isFiniteNumber(b) || !(a < b)) return;
  if (!(value >= a && value <= b)) {
    issues.add("out_of_range", [field], `expected a number between ${low} (${a}) and ${high} (${b}), got ${value}`);
  }
}
