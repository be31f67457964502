import type { z } from "zod";
import { betaFamily } from "./families/beta.ts";
import { discreteFamily } from "./families/discrete.ts";
import type { Family, FamilySchema } from "./families/family.ts";
import { interval90Family } from "./families/interval90.ts";
import { lognormalFamily } from "./families/lognormal.ts";
import { normalFamily } from "./families/normal.ts";
import { pertFamily } from "./families/pert.ts";
import { triangularFamily } from "./families/triangular.ts";
import { uniformFamily } from "./families/uniform.ts";

/** An entry of the table is keyed by its own `dist` tag (the compiler rejects `normal: uniformFamily`). */
type Keyed<T> = { readonly [K in keyof T]: T[K] extends Family<infer S extends FamilySchema> ? (z.output<S> extends { dist: K } ? T[K] : never) : never };

function table<const T extends Keyed<T>>(families: T): T {
  return families;
}

/**
 * Every distribution family, by its `dist` tag: the one list of families. The spec types
 * (`DistributionSpec`, random/spec.ts), the scenario's distribution schema (random/paramSchema.ts), validation
 * and sampling (random/distributions.ts) and shifting (explore/fieldPath.ts) all read it. Adding a family is
 * its file under random/families/ and one entry here. The order is the order of messages that list the kinds.
 */
export const FAMILIES = table({
  normal: normalFamily,
  lognormal: lognormalFamily,
  uniform: uniformFamily,
  triangular: triangularFamily,
  pert: pertFamily,
  beta: betaFamily,
  discrete: discreteFamily,
  interval90: interval90Family,
});
