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
  const low = typeof param === "number" ? param : makeDistribution(param).support[0];
  const ok = domain === "positive" ? low > 0 : low >= 0;
  if (ok) return [];
  if (typeof param === "number") {
    return [{ path, message: `expected ${domain === "positive" ? "a positive number" : "a number >= 0"}, got ${param}` }];
  }
  const where = domain === "positive" ? "positive numbers" : "numbers >= 0";
  return [{ path, message: `expected a distribution on ${where}, got ${param.dist} whose support starts at ${low}` }];
}

/** Problems with every parameter of a model, by the model's own parameter table. */
export function modelParamIssues<M>(model: M, defs: ReadonlyArray<ParamDef<M>>, path: Path): InputIssue[] {
  const out: InputIssue[] = [];
  for (const def of defs) out.push(...paramIssues((model as Record<string, Param | undefined>)[def.name], def.domain, [...path, def.name]));
  return out;
}
