import { z } from "zod";
import type { InputIssue } from "../core/issues.ts";
import { paramIssues } from "../random/paramDomain.ts";
import { paramSchema } from "../random/paramSchema.ts";
import { reportIssues } from "../random/reportIssues.ts";
import { factorIdSchema } from "./factor.ts";


/** Largest jump rate per quarter: beyond it a "jump" is no longer a rare event (and counting would be slow). */
export const MAX_JUMP_RATE = 50;

/**
 * Jumps added to the quarterly log shock: a Poisson number of jumps per quarter with mean `rate`, each with a
 * log-size drawn from `size` (a constant or any distribution), e.g. the loss or win of a very large customer.
 */
export const jumpsSchema = z.strictObject({
  /** Expected number of jumps per quarter (Poisson), >= 0. */
  rate: z.number().finite().min(0).max(MAX_JUMP_RATE),
  /** Log-size of one jump: a revenue factor exp(size); drawn afresh for every jump. */
  size: paramSchema,
});

/**
 * Process noise on a model's revenue: a quarterly shock to log growth,
 * x_t = sum_j loading_j f_{j,t} + s e_t - sigma^2 / 2 (+ jumps), where the factors f_j are the scenario's
 * market factors, e_t has mean 0 and sd 1 (normal, or Student-t scaled by sqrt((df - 2) / df)), and
 * s = sqrt(sigma^2 - sum_j loading_j^2 sigma_j^2), so `sigma` is always the total standard deviation of the
 * quarterly log shock (without jumps). See docs/uncertainty.md.
 */
export const shockSchema = z
  .strictObject({
    /** Total standard deviation of the quarterly log shock (factor part and idiosyncratic part together). */
    sigma: paramSchema,
    /** `permanent` (default): shocks compound, a random walk in log revenue. `transient`: each quarter alone. */
    persistence: z.enum(["permanent", "transient"]).optional(),
    /** Loading on each market factor (scenario `factors`), by the factor's id. */
    loadings: z.record(factorIdSchema, z.number().finite()).optional(),
    /** Distribution of the idiosyncratic part: `normal` (default) or Student-t (`t`, with `df` > 2). */
    dist: z.enum(["normal", "t"]).optional(),
    /** Degrees of freedom of a Student-t idiosyncratic shock; above 2, so that sigma is its standard deviation. */
    df: z.number().finite().optional(),
    jumps: jumpsSchema.optional(),
  })
  .superRefine((shock, ctx) => reportIssues(ctx, shockIssues(shock), shock));

/** A shock as a scenario writes it. */
export type ShockSpec = z.output<typeof shockSchema>;

/**
 * The most degrees of freedom a t shock may have. Its draws invert the incomplete beta function at shape df / 2,
 * about 5 us a draw up to here (a t with 1e8 degrees of freedom differs from a normal by 2e-8 at its 97.5th
 * percentile); beyond, draws slow to milliseconds and, near 1e300, overflow.
 */
export const MAX_T_DF = 1e8;

function shockIssues(shock: ShockSpec): InputIssue[] {
  const out = paramIssues(shock.sigma, "nonNegative", ["sigma"]);
  if (shock.dist === "t") {
    if (shock.df === undefined) out.push({ code: "required", path: ["df"], message: "expected the degrees of freedom of the t shock (a number above 2), got nothing (required)" });
    else if (!(shock.df > 2)) out.push({ code: "out_of_range", path: ["df"], message: `expected degrees of freedom above 2 (a t shock has a finite standard deviation only for df > 2), got ${shock.df}` });
    else if (shock.df > MAX_T_DF) out.push({ code: "out_of_range", path: ["df"], message: `expected degrees of freedom at most 1e8 (a t with more is a normal to eight digits; write dist: "normal"), got ${shock.df}` });
  } else if (shock.df !== undefined) {
    out.push({ code: "conflict", path: ["df"], message: `expected no df with a normal shock (set dist: "t" for a Student-t shock), got ${shock.df}` });
  }
  return out;
}

/** True when a shock uses any structure beyond the plain lognormal shock (factors, t, jumps). */
export function isStructuredShock(shock: ShockSpec): boolean {
  return shock.loadings !== undefined || shock.dist === "t" || shock.jumps !== undefined;
}

/** The fields every model kind has besides its parameters (spread into each kind's schema). */
export const modelCommon = { shock: shockSchema.optional() };
