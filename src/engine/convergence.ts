import { Result, type ConvergenceMeta } from "../samples/result.ts";
import { InputError, describeValue } from "../core/issues.ts";
import { checkOptions, complete } from "../core/options.ts";
import { meanStandardError, quantileStandardErrors, sdStandardError, summaryStandardErrors, type StandardErrors } from "../stats/standardErrors.ts";
import type { SummaryRow } from "../samples/summaries.ts";
import { CHUNK_SIZE, ChunkSimulator } from "./kernel.ts";
import { chunkOutput, parseOutputRef, resolveOutput, type OutputRef } from "../samples/outputRef.ts";
import { prepare, resettle, runSettings } from "./prepare.ts";
import { finish, finishYielding } from "../core/steps.ts";
import { chunkPlan, DEFAULT_STORE_BUDGET_BYTES, inMemoryPaths, requireInMemory, simulationSteps, type RunOptions } from "./run.ts";

/** A summary row with the Monte Carlo standard error of each of its statistics. */
export type SummaryRowWithSe = SummaryRow & { se: StandardErrors };

/**
 * The same result with a nested `se` object on every row: the Monte Carlo standard errors of `mean`, `sd` and
 * each quantile (see `stats/standardErrors.ts` for the estimators). Needs the result's samples.
 *
 * @throws RangeError when the result kept no samples.
 * @example withStandardErrors(runScenario(s, { paths: 10000 })).rows[0].se // { mean: ..., sd: ..., p05: ..., ... }
 */
export function withStandardErrors(result: Result): Result {
  if (!result.samples) throw new RangeError("withStandardErrors requires a result with samples");
  const errors = summaryStandardErrors(result.samples, result.meta.quantiles);
  const rows: SummaryRowWithSe[] = result.rows.map((row, r) => ({ ...row, se: errors[r] }));
  return new Result({ ...result.toJSON(), rows }, result.samples);
}

/** Options of {@link runToTarget}; defaults ({@link TARGET_DEFAULTS}) are filled by `complete`. Errors name these fields. */
export interface TargetOptions extends RunOptions {
  /** Largest acceptable standard error of every watched statistic, in the output's units (share: a fraction). */
  targetSe: number;
  /** Outputs watched: `metric:provider:period[:segment]` or parsed references. */
  outputs: ReadonlyArray<string | OutputRef>;
  /** Statistics watched: `mean`, `sd` or a quantile name such as `p50`. @defaultValue ["mean"] */
  statistics?: readonly string[];
  /**
   * Path cap. The result keeps every path (for its standard errors), so a cap given must fit the store budget
   * (`storeBudgetBytes`). @defaultValue 1_000_000, or the most paths that fit the store budget when fewer
   */
  maxPaths?: number;
  /** Chunks before the first check. @defaultValue 4 */
  minChunks?: number;
  /** Called after each check. */
  onCheck?: (check: { paths: number; largestSe: number }) => void;
}

export const TARGET_DEFAULTS: { readonly statistics: readonly string[]; readonly maxPaths: number; readonly minChunks: number } = { statistics: ["mean"], maxPaths: 1_000_000, minChunks: 4 };

/** Probability of a quantile statistic name (`p05` -> 0.05), or undefined for mean and sd. */
function statisticProbability(name: string, path: ReadonlyArray<string | number>): number | undefined {
  if (name === "mean" || name === "sd") return undefined;
  const match = /^p(\d+(?:\.\d+)?)$/.exec(name);
  const p = match ? Number(match[1]) / 100 : Number.NaN;
  if (!(p > 0 && p < 1)) throw new InputError([{ code: "invalid_format", path, message: `expected mean, sd or a quantile such as p50, got ${JSON.stringify(name)}` }]);
  return p;
}

/** Largest standard error among the statistics of one output's values. */
function largestStandardError(values: Float64Array, statistics: readonly string[], probabilities: number[]): number {
  let largest = 0;
  if (statistics.includes("mean")) largest = Math.max(largest, meanStandardError(values));
  if (statistics.includes("sd")) largest = Math.max(largest, sdStandardError(values));
  if (probabilities.length > 0) for (const se of quantileStandardErrors(values, probabilities)) largest = Math.max(largest, se);
  return largest;
}

/**
 * Runs a scenario until the Monte Carlo standard errors of the watched statistics of the watched outputs are
 * all at most `targetSe`, or the path cap is reached. Chunks are added in order 0, 1, 2, ...; the first check
 * is after `minChunks` chunks, and each next check after the number of chunks the current errors predict
 * (n (se / target)^2, plus 10%), at least one more and at most twice as many. Every decision depends only on the
 * simulated values, so the same scenario and seed stop at the same path count with the same numbers, and the
 * result equals `runScenario` with that many paths (it is computed that way), with standard errors on every row
 * and the stopping record in `meta.convergence`.
 *
 * `input` may be a prepared run (prepared with any path count: the run sets its own).
 *
 * @throws InputError for an invalid scenario, output, statistic, target or cap (paths name the option
 *   fields: `targetSe`, `maxPaths`, `outputs[n]`, `statistics`).
 * @example runToTarget(scenario, { targetSe: 0.001, outputs: ["share:tencent:2020"] }).meta.convergence
 * // { targetSe: 0.001, outputs: ["share:tencent:2020"], statistics: ["mean"], maxPaths: 1000000, reached: true, checks: [...] }
 */
export function runToTarget(input: unknown, options: TargetOptions): Result {
  return finish(targetSteps(input, options));
}

/** {@link runToTarget}, giving the event loop a turn between chunks (every `sliceMs` of them): signals end it at once. The same result. */
export async function runToTargetYielding(input: unknown, options: TargetOptions, sliceMs = 50): Promise<Result> {
  return finishYielding(targetSteps(input, options), sliceMs);
}

/** The work of {@link runToTarget}, one chunk per step. */
function* targetSteps(input: unknown, options: TargetOptions): Generator<void, Result, void> {
  checkOptions(options, ["targetSe", "outputs"]);
  if (!Array.isArray(options.outputs)) throw new InputError([{ code: "invalid_type", path: ["outputs"], message: "expected a list of outputs such as share:tencent:2020" }]);
  const { targetSe, outputs, statistics, maxPaths, minChunks, onCheck, onProgress } = complete(TARGET_DEFAULTS, options);
  if (!(typeof targetSe === "number" && targetSe > 0 && Number.isFinite(targetSe))) throw new InputError([{ code: "not_positive", path: ["targetSe"], message: `expected a positive number, got ${describeValue(targetSe)}` }]);
  if (!(Number.isSafeInteger(maxPaths) && maxPaths >= 1)) throw new InputError([{ code: "out_of_range", path: ["maxPaths"], message: `expected a whole number >= 1, got ${describeValue(maxPaths)}` }]);
  if (outputs.length === 0) throw new InputError([{ code: "too_small", path: ["outputs"], message: "expected at least one output to watch, got none" }]);
  const probabilities: number[] = [];
  for (const name of statistics) {
    const p = statisticProbability(name, ["statistics"]);
    if (p !== undefined) probabilities.push(p);
  }
  const prepared = prepare(input, { ...runSettings(options), paths: maxPaths });
  const budget = options.storeBudgetBytes ?? DEFAULT_STORE_BUDGET_BYTES;
  const cap = options.maxPaths === undefined ? Math.max(1, Math.min(maxPaths, inMemoryPaths(prepared.compiled, budget))) : maxPaths;
  requireInMemory(prepared.compiled, cap, budget, ["maxPaths"], "a run to a target standard error");
  const run = cap === maxPaths ? prepared : resettle(prepared, { paths: cap });
  const compiled = run.compiled;
  const watched = outputs.map((o, n) => resolveOutput(compiled, typeof o === "string" ? parseOutputRef(o, ["outputs", n]) : o, ["outputs", n]));
  const buffers = watched.map(() => new Float64Array(cap));
  const simulator = new ChunkSimulator(compiled);
  const plan = chunkPlan(cap);
  const checks: ConvergenceMeta["checks"] = [];
  let done = 0;
  let nextCheck = Math.min(Math.max(1, minChunks), plan.length);
  let reached = false;
  for (let c = 0; c < plan.length; c++) {
    yield;
    const values = simulator.run(plan[c].chunk, plan[c].paths);
    watched.forEach((output, n) => buffers[n].set(chunkOutput(values, output), c * CHUNK_SIZE));
    done += plan[c].paths;
    onProgress?.(done, cap);
    if (c + 1 < nextCheck && c + 1 < plan.length) continue;
    let largest = 0;
    for (const buffer of buffers) largest = Math.max(largest, largestStandardError(buffer.subarray(0, done), statistics, probabilities));
    const check = { paths: done, largestSe: largest };
    checks.push(check);
    onCheck?.(check);
    if (largest <= targetSe) {
      reached = true;
      break;
    }
    const predicted = Math.ceil(((c + 1) * (largest / targetSe) ** 2 * 1.1));
    nextCheck = Math.min(Math.max(predicted, c + 2), 2 * (c + 1), plan.length);
  }
  const convergence: ConvergenceMeta = {
    targetSe,
    outputs: watched.map((o) => o.label),
    statistics: [...statistics],
    maxPaths: cap,
    reached,
    checks,
  };
  const result = withStandardErrors(yield* simulationSteps(resettle(run, { paths: done }), { storeBudgetBytes: budget, onChunk: options.onChunk }));
  return new Result({ ...result.toJSON(), meta: { ...result.meta, convergence } }, result.samples);
}
