import { prepare, validScenario } from "../engine/prepare.ts";
import { watchedRun } from "./watched.ts";
import { batchStandardError, statisticOf, statisticSamples, type Target } from "./statistic.ts";
import { InputError, describeValue } from "../core/issues.ts";
import { checkOptions } from "../core/options.ts";
import { finish, finishYielding } from "../core/steps.ts";
import { variant, variantBase } from "./sweep.ts";

export interface SolveOptions {
  /** Field path of the parameter solved for. */
  path: string;
  target: Target;
  /** The bracket [lo, hi] searched. */
  range: readonly [number, number];
  /** `set` (default): the field takes the value. `shift`: the value is added to the field's location. */
  mode?: "set" | "shift";
  paths?: number;
  seed?: number;
  /** Stop when the bracket is narrower than this (default 1e-4 of the range). */
  tolerance?: number;
  /** Most scenario runs (default 60). */
  maxEvaluations?: number;
  /** Most bytes of watched values held at once. @defaultValue DEFAULT_STORE_BUDGET_BYTES */
  storeBudgetBytes?: number;
}

/** One scenario run of the search: the parameter value and the statistic it gave. */
export interface SolveEvaluation {
  x: number;
  statistic: number;
}

export type SolveResult =
  | {
      status: "solved";
      path: string;
      mode: "set" | "shift";
      target: string;
      /** The parameter value found, and the statistic it gives on the common random numbers. */
      value: number;
      achieved: number;
      /** The final bracket: the target lies between the statistics at its ends. */
      bracket: [number, number];
      /** Monte Carlo standard error of the statistic at `value` (batch means; NaN below 40 paths), and of `value` itself: that over |slope| (null when unknown). */
      statisticSe: number;
      valueSe: number | null;
      seed: number;
      paths: number;
      evaluations: SolveEvaluation[];
    }
  | {
      /**
       * A statistic other than a probability that the search did not bring to the target: it goes from
       * `atLow` to `atHigh` across the target within `bracket` (a jump, or a range too wide to resolve in
       * `maxEvaluations` runs). No value is claimed.
       */
      status: "unresolved";
      path: string;
      mode: "set" | "shift";
      target: string;
      bracket: [number, number];
      atLow: number;
      atHigh: number;
      /** Monte Carlo standard error of the statistic at the end nearer the target. */
      statisticSe: number;
      seed: number;
      paths: number;
      evaluations: SolveEvaluation[];
    }
  | {
      status: "not-bracketed";
      path: string;
      mode: "set" | "shift";
      target: string;
      range: [number, number];
      /** The statistic at both ends of the range: both on the same side of the target. */
      atLow: number;
      atHigh: number;
      seed: number;
      paths: number;
      evaluations: SolveEvaluation[];
    };

/**
 * Finds the value of one parameter at which a statistic of the result meets a target, by the Illinois
 * method (regula falsi that halves the weight of an end kept twice, so it converges superlinearly) with a
 * bisection step whenever a step fails to halve the bracket. Every run uses the same seed and path count, so
 * the statistic is a deterministic function of the parameter (common random numbers): for a probability it
 * is a step function, and the search returns the step's location within the tolerance.
 *
 * When the statistic at both ends of `range` lies on the same side of the target, no value in the range is
 * shown to reach it and the result has status `not-bracketed` (the CLI exits 2 and says so). A mean or a
 * quantile is searched past the tolerance until it is within 3 Monte Carlo standard errors of the target
 * (and 1e-9 of it); one that does not get there (a jump across the target, or a range too wide to resolve)
 * has status `unresolved` (exit 2 too).
 *
 * Each evaluation prepares (validates and compiles) its variant once and simulates it without summarising
 * (only the watched output or event is read, per path). `scenario` may be a prepared run: its
 * scenario is varied, its settings used.
 *
 * @throws InputError when the scenario, path or target (path `target`, or `outputs` for an output the
 *   scenario does not have) is invalid.
 */
export function solve(scenario: unknown, options: SolveOptions): SolveResult {
  return finish(solveSteps(scenario, options));
}

/** {@link solve}, giving the event loop a turn between chunks (every `sliceMs` of them): signals end it at once. The same result. */
export async function solveYielding(scenario: unknown, options: SolveOptions, sliceMs = 50): Promise<SolveResult> {
  return finishYielding(solveSteps(scenario, options), sliceMs);
}

/** The work of {@link solve}, one chunk of an evaluation's run per step. */
function* solveSteps(scenario: unknown, options: SolveOptions): Generator<void, SolveResult, void> {
  checkOptions(options, ["path", "target", "range"]);
  const ends: readonly unknown[] = Array.isArray(options.range) ? options.range : [];
  if (ends.length !== 2 || !ends.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new InputError([{ code: "invalid_value", path: ["range"], message: `expected [low, high], two finite numbers, got ${describeValue(options.range)}` }]);
  }
  checkOptions(options.target, ["statistic", "value"]);
  const { tolerance: given, maxEvaluations: most } = options as { tolerance?: unknown; maxEvaluations?: unknown };
  const wrong = (path: string[], expected: string, value: unknown): never => {
    throw new InputError([{ code: "invalid_value", path, message: `expected ${expected}, got ${describeValue(value)}` }]);
  };
  if (!(typeof options.target.value === "number" && Number.isFinite(options.target.value))) wrong(["target", "value"], "a finite number", options.target.value);
  if (!(given === undefined || (typeof given === "number" && given > 0 && Number.isFinite(given)))) wrong(["tolerance"], "a positive number", given);
  if (!(most === undefined || (Number.isSafeInteger(most) && (most as number) >= 2))) wrong(["maxEvaluations"], "a whole number >= 2", most);
  const mode = options.mode ?? "set";
  validScenario(scenario);
  const base = variantBase(scenario, { paths: options.paths, seed: options.seed });
  const statistic = options.target.statistic;
  const goal = options.target.value;
  const evaluations: SolveEvaluation[] = [];
  let seed = 0;
  let paths = 0;
  let lastSamples: Float64Array | null = null;
  const evaluate = function* (x: number): Generator<void, number, void> {
    // One run at a time, beside the last and the best statistic's samples (one column each).
    const run = prepare(variant(base.scenario, options.path, x, mode), base.settings);
    // The variant's own events: solving for `events[0].value` moves the threshold the statistic reads.
    const own = run.scenario.events ?? [];
    const result = yield* watchedRun(run, (r) => statisticSamples(r, own, statistic), 3, options.storeBudgetBytes, "solve");
    seed = result.meta.seed;
    paths = result.meta.paths;
    lastSamples = statisticSamples(result, own, statistic);
    const value = statisticOf(statistic, lastSamples);
    evaluations.push({ x, statistic: value });
    return value - goal;
  };
  let [a, b] = options.range;
  const common = { path: options.path, mode, target: options.target.text };
  let fa = yield* evaluate(a);
  const atA = lastSamples!;
  let fb = yield* evaluate(b);
  if (fa === 0 || fb === 0) {
    const x = fa === 0 ? a : b;
    const statisticSe = batchStandardError(statistic, fa === 0 ? atA : lastSamples!);
    return { status: "solved", ...common, value: x, achieved: goal, bracket: [x, x], statisticSe, valueSe: null, seed, paths, evaluations };
  }
  if (Math.sign(fa) === Math.sign(fb)) {
    return { status: "not-bracketed", ...common, range: [a, b], atLow: fa + goal, atHigh: fb + goal, seed, paths, evaluations };
  }
  const tolerance = options.tolerance ?? 1e-4 * Math.abs(b - a);
  const maxEvaluations = options.maxEvaluations ?? 60;
  let side = 0;
  let best = Math.abs(fa) < Math.abs(fb) ? { x: a, f: fa } : { x: b, f: fb };
  let bestSamples: Float64Array | null = null;
  let width = Math.abs(b - a);
  let bisectNext = false;
  // A mean or quantile must also come within its Monte Carlo error of the target (the tolerance is in x).
  // (Too few paths for batch means, fewer than 40, leave the error unknown: the statistic must then meet the target to 1e-9.)
  const resolution = (): number => {
    const se = batchStandardError(statistic, bestSamples ?? lastSamples!);
    return 3 * (Number.isFinite(se) ? se : 0) + 1e-9 * Math.max(1, Math.abs(goal));
  };
  const unresolved = (): boolean => statistic.kind !== "prob" && Math.abs(best.f) > resolution();
  while (evaluations.length < maxEvaluations && (Math.abs(b - a) > tolerance || unresolved())) {
    const c = bisectNext ? (a + b) / 2 : (a * fb - b * fa) / (fb - fa);
    const fc = yield* evaluate(c);
    if (Math.abs(fc) <= Math.abs(best.f)) {
      best = { x: c, f: fc };
      bestSamples = lastSamples;
    }
    if (fc === 0) {
      a = c;
      b = c;
      break;
    }
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
    const next = Math.abs(b - a);
    bisectNext = next > width / 2;
    width = next;
  }
  const samples = bestSamples ?? lastSamples!;
  const statisticSe = batchStandardError(statistic, samples);
  // Slope from the two runs nearest the answer on either side.
  const sorted = [...evaluations].sort((u, v) => Math.abs(u.x - best.x) - Math.abs(v.x - best.x));
  const other = sorted.find((e) => e.x !== best.x && Math.sign(e.statistic - goal) !== Math.sign(best.f));
  const slope = other ? (other.statistic - (best.f + goal)) / (other.x - best.x) : Number.NaN;
  const valueSe = Number.isFinite(slope) && slope !== 0 && Number.isFinite(statisticSe) && statistic.kind !== "prob" ? statisticSe / Math.abs(slope) : null;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (unresolved()) {
    const at = (x: number) => evaluations.find((e) => e.x === x)!.statistic;
    return { status: "unresolved", ...common, bracket: [lo, hi], atLow: at(lo), atHigh: at(hi), statisticSe, seed, paths, evaluations };
  }
  return { status: "solved", ...common, value: best.x, achieved: best.f + goal, bracket: [lo, hi], statisticSe, valueSe, seed, paths, evaluations };
}
