import { z } from "zod";

/** An id of a factor or a regime state: lower-case letters, digits and '-'. */
export const factorIdSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "expected an id of lower-case letters, digits and '-'" });

/**
 * A market (demand) factor, declared once in a scenario and shared by every model whose shock loads on it:
 * a Gaussian series f_t per path with mean 0 and standard deviation `sigma` in every quarter, optionally
 * AR(1): f_1 = sigma z_1, f_t = ar f_{t-1} + sigma sqrt(1 - ar^2) z_t (stationary from the first quarter).
 */
export const factorSchema = z.strictObject({
  id: factorIdSchema,
  /** Standard deviation of the factor in every quarter (>= 0). */
  sigma: z.number().finite().min(0),
  /** AR(1) coefficient phi in (-1, 1): the correlation of consecutive quarters (default 0, independent). */
  ar: z.number().gt(-1).lt(1).optional(),
  /** The segment whose models may load on it; absent: every model of the scenario may. */
  segment: factorIdSchema.optional(),
  description: z.string().optional(),
});

/** A market factor as a scenario writes it. */
export type FactorSpec = z.output<typeof factorSchema>;
