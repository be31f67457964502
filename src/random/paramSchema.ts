import { z } from "zod";
import { distributionIssues } from "./distributions.ts";
import { finiteNumber } from "./families/family.ts";
import { FAMILIES } from "./familyTable.ts";
import { reportIssues } from "./reportIssues.ts";
import type { DistributionSpec, Param } from "./spec.ts";

type UnionOptions = Parameters<typeof z.discriminatedUnion>[1];

/**
 * A distribution as a scenario writes it: the family schemas of the family table, tagged by `dist` (shape),
 * then each family's rules (`distributionIssues`: sd > 0, min < max, ...).
 */
export const distributionSchema: z.ZodType<DistributionSpec, DistributionSpec> = z
  .discriminatedUnion("dist", Object.values(FAMILIES).map((family) => family.schema) as unknown as UnionOptions)
  .superRefine((spec, ctx) => reportIssues(ctx, distributionIssues(spec, []), spec)) as unknown as z.ZodType<DistributionSpec, DistributionSpec>;

/** A scenario number: a finite constant, or a distribution sampled once per path. */
export const paramSchema: z.ZodType<Param, Param> = z.union([finiteNumber, distributionSchema]);
