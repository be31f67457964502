/**
 * The observation layer: what a source publishes is the truth seen through that source. Per source,
 *
 *     reported = true x exp(sigma z) x B,   z ~ N(0, 1),
 *     B = rebase.factor with probability rebase.probability (the source redefines its market or starts
 *         counting a provider), else 1,
 *
 * each draw independent of the truth. The noise is median-unbiased (log reported - log true has median 0
 * without a re-basing), so a source is right on the log scale on average: log reported has mean
 * log true + p log b and variance Var(log true) + sigma^2 + p (1 - p) (log b)^2.
 *
 * sigma is estimated from the gaps between sources on the same quantity in the data known at the as-of
 * date ({@link sigmaFromSourceGaps}); a backtest scores a forecast as reported by the source its actuals
 * come from (`ScenarioActual.observation`), and a run's events, benchmarks and `outputs.reportedBy` rows
 * name a source declared in the scenario's `observations` (engine/observedStore.ts), so a forecast is
 * judged like with like.
 */
import { z } from "zod";
import type { RandomStream } from "../random/stream.ts";
import { normalQuantile } from "../random/normal.ts";
import { exp, log } from "../core/elementary.ts";

/**
 * A source's measurement as a scenario declares it (`observations: { canalys: { sigma: 0.4 } }`): the sd of
 * its log noise and an optional re-basing. Outputs (`outputs.reportedBy`), events and benchmarks
 * (`reportedBy`) name the source to be seen through it.
 */
export const observationSchema = z.strictObject({
  /** sd of log(reported / true), >= 0 (e.g. `sigmaFromSourceGaps` over the pairs known at the as-of date). */
  sigma: z.number().finite().min(0),
  /** A redefinition with probability `probability` that multiplies the figure by `factor`. */
  rebase: z.strictObject({ probability: z.number().min(0).max(1), factor: z.number().finite().gt(0) }).optional(),
});

/** A source's measurement as a scenario writes it. */
export type ObservationInput = z.output<typeof observationSchema>;

/** One source's measurement error: lognormal noise and an optional re-basing. */
export interface ObservationSpec {
  /** The source's name (`canalys`, `idc`): outputs "as reported by" name it. */
  source: string;
  /** sd of log(reported / true), >= 0. */
  sigma: number;
  /** A redefinition with probability `probability` in [0, 1] that multiplies the figure by `factor` > 0. */
  rebase?: { probability: number; factor: number };
}

/** One quantity as two sources published it (same provider, period and metric). */
export interface SourcePair {
  a: number;
  b: number;
}

/**
 * sigma of one source's log noise from gaps between two sources on the same quantities. With both sources
 * noisy (independent, the same sigma), log(a / b) has variance 2 sigma^2; with `reference: "b"` (b taken
 * as exact, e.g. a company's own report), sigma^2. Estimator: the root mean square of the log gaps
 * (zero-mean; a systematic gap between definitions counts as noise, which it is to a forecast judged
 * against the other source).
 *
 * @throws RangeError for no pairs or a value that is not positive.
 * @example sigmaFromSourceGaps([{ a: 2, b: 1 }, { a: 1, b: 2 }]) // ln 2 / sqrt 2 = 0.4901
 */
export function sigmaFromSourceGaps(pairs: readonly SourcePair[], reference: "both-noisy" | "b" = "both-noisy"): number {
  if (pairs.length === 0) throw new RangeError("sigmaFromSourceGaps: expected at least one pair, got none");
  let sum = 0;
  for (const { a, b } of pairs) {
    if (!(a > 0 && b > 0)) throw new RangeError(`sigmaFromSourceGaps: expected positive values, got ${a} and ${b}`);
    const gap = log(a / b);
    sum += gap * gap;
  }
  const meanSquare = sum / pairs.length;
  return Math.sqrt(reference === "b" ? meanSquare : meanSquare / 2);
}

/**
 * Checks an observation spec (a programmer's mistake throws when the spec is built into a run).
 *
 * @throws RangeError naming the field: `sigma`, `rebase.probability`, `rebase.factor`.
 */
export function checkObservation(spec: ObservationSpec): void {
  if (!(spec.sigma >= 0 && Number.isFinite(spec.sigma))) throw new RangeError(`observation.sigma: expected a number >= 0, got ${spec.sigma}`);
  if (spec.rebase !== undefined) {
    const { probability, factor } = spec.rebase;
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`observation.rebase.probability: expected a number in [0, 1], got ${probability}`);
    if (!(factor > 0 && Number.isFinite(factor))) throw new RangeError(`observation.rebase.factor: expected a positive number, got ${factor}`);
  }
}

/**
 * The values as the source would report them: each value times exp(sigma z) (and the re-basing factor
 * with its probability), two uniforms per value from `stream` when re-basing is possible, one otherwise.
 * Returns a new array; `values` is not changed. O(n).
 *
 * @throws RangeError for an invalid spec (see {@link checkObservation}).
 * @example observeSamples(createStream(42, "observation:share:alibaba"), samples, { source: "canalys", sigma: 0.05 })
 */
export function observeSamples(stream: RandomStream, values: ArrayLike<number>, spec: ObservationSpec): Float64Array {
  checkObservation(spec);
  const out = new Float64Array(values.length);
  const rebase = spec.rebase;
  for (let i = 0; i < values.length; i++) {
    let factor = exp(spec.sigma * normalQuantile(stream.uniform32()));
    if (rebase !== undefined && stream.uniform32() < rebase.probability) factor *= rebase.factor;
    out[i] = values[i] * factor;
  }
  return out;
}

/**
 * Closed-form mean and variance of log reported given those of log true (see the module comment).
 *
 * @example observedLogMoments(0, 0.01, { source: "x", sigma: 0.1 }) // { mean: 0, variance: 0.02 }
 */
export function observedLogMoments(logMean: number, logVariance: number, spec: ObservationSpec): { mean: number; variance: number } {
  checkObservation(spec);
  const p = spec.rebase?.probability ?? 0;
  const l = spec.rebase === undefined ? 0 : log(spec.rebase.factor);
  return { mean: logMean + p * l, variance: logVariance + spec.sigma * spec.sigma + p * (1 - p) * l * l };
}
