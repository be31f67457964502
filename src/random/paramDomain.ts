import type { InputIssue, IssueCode } from "../core/issues.ts";
import { distributionIssues, makeDistribution } from "./distributions.ts";
import type { Param } from "./spec.ts";
import { thousands } from "../core/thousands.ts";

/**
 * Where a parameter's values may lie; distributions must have their whole support inside it, except for
 * `level` and `growth`, which bound constants only: a revenue level below 0 or an annual growth below -1
 * (more than all of the revenue lost) means nothing, and the engine would take it as 0 or -1 without a
 * word, while a distribution's rare draws beyond (a normal growth's far tail) are taken so by design.
 */
export type Domain = "any" | "positive" | "nonNegative" | "probability" | "cities" | "seats" | "level" | "growth";

/** The most cities a tender model draws per path (each city is simulated: a bound keeps a run finite). */
export const MAX_CITIES = 1_000_000;
/** The most seats one tender awards (each seat is drawn). */
export const MAX_SEATS = 1_000;

type Path = ReadonlyArray<string | number>;

/**
 * Problems with one scenario number against its domain: a constant outside it, or a distribution that can
 * draw outside it (a normal half-life could be negative; a lognormal capacity is always positive). What a
 * distribution can draw is judged at the extreme uniforms a stream yields, 2^-53 and 1 - 2^-53.
 */
export function paramIssues(param: Param | undefined, domain: Domain, path: Path): InputIssue[] {
  if (param === undefined) return [];
  // An invalid distribution is reported by the distribution schema itself; only its domain is checked here.
  if (typeof param !== "number" && distributionIssues(param, path).length > 0) return [];
  if (domain === "any") return [];
  const rule = DOMAINS[domain];
  if (typeof param === "number") return rule.ok(param, param) ? [] : [{ code: rule.code, path, message: `expected ${rule.number}, got ${param}` }];
  if (rule.constantsOnly) return [];
  const [low, high] = drawRange(param);
  if (rule.ok(low, high)) return [];
  return [{ code: "out_of_range", path, message: `expected a distribution whose draws are ${rule.support}, got ${param.dist} drawing from ${Number(low.toPrecision(4))} to ${Number(high.toPrecision(4))}` }];
}

/**
 * What a parameter can actually draw: a constant itself; a distribution its quantiles at the smallest and
 * largest uniforms a stream gives.
 *
 * @throws RangeError for a distribution that is not valid (check `distributionIssues` first).
 */
export function drawRange(param: Param): [number, number] {
  if (typeof param === "number") return [param, param];
  const dist = makeDistribution(param);
  return [dist.quantile(SMALLEST_UNIFORM), dist.quantile(1 - SMALLEST_UNIFORM)];
}

/** The smallest uniform a stream draws (53-bit uniforms in the open interval (0, 1)). */
const SMALLEST_UNIFORM = 2 ** -53;

const DOMAINS: Record<Exclude<Domain, "any">, { ok: (low: number, high: number) => boolean; code: IssueCode; number: string; support: string; constantsOnly?: boolean }> = {
  positive: { ok: (low) => low > 0, code: "not_positive", number: "a positive number", support: "positive" },
  nonNegative: { ok: (low) => low >= 0, code: "out_of_range", number: "a number >= 0", support: ">= 0" },
  probability: { ok: (low, high) => low >= 0 && high <= 1, code: "out_of_range", number: "a number from 0 to 1", support: "in [0, 1]" },
  cities: { ok: (low, high) => low >= 0 && high <= MAX_CITIES, code: "out_of_range", number: `a number of cities from 0 to ${thousands(MAX_CITIES)}`, support: `from 0 to ${thousands(MAX_CITIES)}` },
  level: { ok: (low) => low >= 0, code: "out_of_range", number: "a revenue level >= 0", support: ">= 0", constantsOnly: true },
  growth: { ok: (low) => low >= -1, code: "out_of_range", number: "an annual growth rate >= -1 (-1 loses all of the revenue)", support: ">= -1", constantsOnly: true },
  seats: { ok: (low, high) => low > 0 && high <= MAX_SEATS, code: "out_of_range", number: `a positive number of seats up to ${thousands(MAX_SEATS)}`, support: `positive, up to ${thousands(MAX_SEATS)}` },
};
