import { z } from "zod";
import { paramIssues } from "../random/paramDomain.ts";
import { paramSchema } from "../random/paramSchema.ts";
import { reportIssues } from "../random/reportIssues.ts";

/** Process noise on a model's revenue: a quarterly lognormal shock. */
export const shockSchema = z
  .strictObject({
    /** Standard deviation of the quarterly log shock; the factor is exp(sigma * eps - sigma^2 / 2), mean 1. */
    sigma: paramSchema,
    /** `permanent` (default): shocks compound, a random walk in log revenue. `transient`: each quarter alone. */
    persistence: z.enum(["permanent", "transient"]).optional(),
  })
  .superRefine((shock, ctx) => reportIssues(ctx, paramIssues(shock.sigma, "nonNegative", ["sigma"]), shock));

/** The fields every model kind has besides its parameters (spread into each kind's schema). */
export const modelCommon = { shock: shockSchema.optional() };
