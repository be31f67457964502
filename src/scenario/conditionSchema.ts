import { z } from "zod";
import { isDay } from "../calendar/date.ts";
import { complete } from "../core/options.ts";

/**
 * A scenario's `condition` block (and the file `sharecast run --actuals FILE` reads): actuals published
 * after the base quarter that the simulated paths are made to meet. The name is `condition` because
 * `actuals` already names a factory scenario's backtest series (`defineScenario(build, { actuals })`).
 * Rules that relate it to the scenario (outputs exist, periods are simulated) are in engine/actuals.ts.
 */

const positive = z.number().finite().gt(0);

/** One published figure: the output it measures, its value and the observation noise. */
export const actualSchema = z.strictObject({
  /**
   * `METRIC:PROVIDER:PERIOD[:SEGMENT]` (`share:alibaba:2019Q4`; PROVIDER may be a sum `a+b`), or
   * `market:PERIOD[:SEGMENT]` for the market total (the sum of every provider, `others` included).
   */
  output: z.string().min(1),
  /** The published value, in the output's unit (a share as a fraction: 0.464 for 46.4%). */
  value: positive,
  /**
   * Observation noise: the published value is the true one times exp(N(0, sigma^2)). Falls back to the
   * block's `sigma`; one of the two is required for methods `weight` and `resample`.
   */
  sigma: positive.optional(),
  /** Who published it, and where. */
  source: z.string().optional(),
  /** When it was published (YYYY-MM-DD). */
  published: z.string().refine(isDay, { error: (issue) => `expected a calendar date such as 2020-03-31, got ${JSON.stringify(issue.input)}` }).optional(),
});

/** How paths meet the actuals. */
export const conditionMethods = ["weight", "resample", "pin"] as const;

export const conditionSchema = z.strictObject({
  /**
   * `weight`: each path weighted by its likelihood under the observation model (summaries, events and
   * benchmarks of the weighted sample); `resample`: the same weights, then the paths resampled
   * (systematic resampling, seeded) to an equally weighted sample; `pin`: every path set to the actuals
   * at their quarters and continued from there (quarterly outputs only). @defaultValue "weight"
   */
  method: z.enum(conditionMethods).optional(),
  /** Observation noise of every actual that states none. */
  sigma: positive.optional(),
  /** Who published the actuals (a note carried into the result). */
  source: z.string().optional(),
  actuals: z.array(actualSchema).min(1),
});

export type ActualSpec = z.output<typeof actualSchema>;
export type ConditionSpec = z.output<typeof conditionSchema>;
export type ConditionMethod = (typeof conditionMethods)[number];

/** Defaults of a condition block. */
export const CONDITION_DEFAULTS: { readonly method: ConditionMethod } = { method: "weight" };

/**
 * A condition block with its defaults filled in (the one place they are; an explicit `undefined` keeps the
 * default).
 *
 * @example completeCondition({ actuals: [...] }).method // "weight"
 */
export function completeCondition(spec: ConditionSpec): ConditionSpec & { method: ConditionMethod } {
  return complete(CONDITION_DEFAULTS, spec);
}
