import type { Domain, ParamDef } from "../models/modelImpl.ts";
import { distributionIssues, makeDistribution } from "../random/distributions.ts";
import type { Param } from "../random/spec.ts";
import type { InputIssue } from "./issues.ts";

type Path = ReadonlyArray<string | number>;

/**
 * Problems with one scenario number against its domain: a constant outside it, or a distribution whose
 * support leaves it (a normal for a half-life could draw a negative one). Distributions must be valid.
 */
export function paramIssues(param: Param | undefined, domain: Domain, path: Path): InputIssue[] {
  if (param === undefined) return [];
  // An invalid distribution is reported by the distribution schema itself; only its domain is checked here.
  if (typeof param !== "number" && distributionIssues(param, path).length > 0) return [];
  if (domain === "any") return [];
  const [low, high] = typeof param === "number" ? [param, param] : makeDistribution(param).support;
  const rule = DOMAINS[domain];
  if (rule.ok(low, high)) return [];
  if (typeof param === "number") return [{ path, message: `expected ${rule.number}, got ${param}` }];
  return [{ path, message: `expected a distribution on ${rule.support}, got ${param.dist} with support [${low}, ${high}]` }];
}

const DOMAINS: Record<Exclude<Domain, "any">, { ok: (low: number, high: number) => boolean; number: string; support: string }> = {
  positive: { ok: (low) => low > 0, number: "a positive number", support: "positive numbers" },
  nonNegative: { ok: (low) => low >= 0, number: "a number >= 0", support: "numbers >= 0" },
  probability: { ok: (low, high) => low >= 0 && high <= 1, number: "a number from 0 to 1", support: "[0, 1]" },
};

/** Problems with every parameter of a model, by the model's own parameter table. */
export function modelParamIssues<M>(model: M, defs: ReadonlyArray<ParamDef<M>>, path: Path): InputIssue[] {
  const out: InputIssue[] = [];
  for (const def of defs) out.push(...paramIssues((model as Record<string, Param | undefined>)[def.name], def.domain, [...path, def.name]));
  return out;
}
