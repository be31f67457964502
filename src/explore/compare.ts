import { PreparedRun, prepareScenario, resettle, validScenario, type RunSettings } from "../engine/prepare.ts";
import { DEFAULT_STORE_BUDGET_BYTES, requireInMemory, simulationSteps } from "../engine/run.ts";
import type { StoreShape } from "../samples/layout.ts";
import { InputError } from "../core/issues.ts";
import { DEFAULT_PATHS, DEFAULT_SEED } from "../scenario/defaults.ts";
import { eventIndicator, givenOutputs, outputValues, type OutputSpec } from "./outputs.ts";
import { checkOptions } from "../core/options.ts";
import { finish, finishYielding } from "../core/steps.ts";
import { pairedDifference, valueSummary, type ValueSummary } from "./pairedStats.ts";

export interface CompareOptions {
  /** Outputs compared; default: every (provider, complete year) share both scenarios have, total segment. */
  outputs?: readonly (string | OutputSpec)[];
  /** Paths and seed of both runs (default `DEFAULT_PATHS` and `DEFAULT_SEED`, or the scenarios' own when both agree). */
  paths?: number;
  seed?: number;
  /** Most bytes of simulated values of each run: each must fit, as paired differences read every path. @defaultValue DEFAULT_STORE_BUDGET_BYTES */
  storeBudgetBytes?: number;
}

/** One output (or event) in both scenarios and their difference B - A. */
export interface CompareRow {
  output: string;
  a: ValueSummary;
  b: ValueSummary;
  /** Mean of the per-path differences b_i - a_i (same seed and path count: paths are paired). */
  difference: number;
  /** Standard error of the difference from per-path differences; 95% interval difference +/- 1.96 se. */
  differenceSe: number;
  /** 5% and 95% quantiles of the per-path differences. */
  differenceP05: number;
  differenceP95: number;
  /** What the standard error would be for independent runs. */
  independentSe: number;
}

export interface CompareResult {
  a: string;
  b: string;
  seed: number;
  paths: number;
  rows: CompareRow[];
}

/** Outputs both scenarios have: each common provider's share in each common complete year. */
function commonOutputs(sa: StoreShape, sb: StoreShape): OutputSpec[] {
  const years = sa.periods.filter((p) => !p.includes("Q") && sb.periods.includes(p));
  const providers = sa.providers.filter((p) => sb.providers.includes(p));
  return years.flatMap((period) => providers.map((id) => ({ metric: "share" as const, providers: [id], period, segment: "total", label: `share:${id}:${period}` })));
}

/**
 * Runs two scenarios with the same seed and path count and compares them output by output. Path i of both
 * runs draws each parameter with the same name (`providers.tencent.model.g0`) from the same stream, so
 * differences are paired: their standard error comes from per-path differences. Events present in both
 * (by id) are compared as probabilities.
 *
 * Each scenario is validated and compiled once (either may be given as a prepared run; its scenario is used).
 *
 * @throws InputError when either scenario is invalid, an output (path `outputs`) is missing from either or
 *   none is given and none is common (no common provider share in a complete year, no common event), or
 *   the runs do not fit the store budget (path `paths`: the most that fit is in the message).
 */
export function compareScenarios(a: unknown, b: unknown, options: CompareOptions = {}): CompareResult {
  return finish(compareSteps(a, b, options));
}

/** {@link compareScenarios}, giving the event loop a turn between chunks (every `sliceMs` of them): signals end it at once. The same result. */
export async function compareScenariosYielding(a: unknown, b: unknown, options: CompareOptions = {}, sliceMs = 50): Promise<CompareResult> {
  return finishYielding(compareSteps(a, b, options), sliceMs);
}

/** The work of {@link compareScenarios}, one chunk of either run per step. */
function* compareSteps(a: unknown, b: unknown, options: CompareOptions): Generator<void, CompareResult, void> {
  checkOptions(options);
  const wanted = givenOutputs(options.outputs);
  const sa = validScenario(a);
  const sb = validScenario(b);
  const own = sa.simulation?.paths === sb.simulation?.paths && sa.simulation?.seed === sb.simulation?.seed;
  const paths = options.paths ?? (own ? sa.simulation?.paths : undefined) ?? DEFAULT_PATHS;
  const seed = options.seed ?? (own ? sa.simulation?.seed : undefined) ?? DEFAULT_SEED;
  const settings: RunSettings = { paths, seed };
  const budget = options.storeBudgetBytes ?? DEFAULT_STORE_BUDGET_BYTES;
  const prepared = [a instanceof PreparedRun ? resettle(a, settings) : prepareScenario(sa, settings), b instanceof PreparedRun ? resettle(b, settings) : prepareScenario(sb, settings)];
  for (const run of prepared) requireInMemory(run.compiled, paths, budget, ["paths"], "a comparison");
  const outputs = wanted ?? commonOutputs(prepared[0].compiled, prepared[1].compiled);
  const eventsA = sa.events ?? [];
  const eventsB = sb.events ?? [];
  const events = eventsA.filter((e) => eventsB.some((f) => f.id === e.id));
  // Nothing in common had printed an empty table (exit 0).
  if (outputs.length === 0 && events.length === 0) {
    throw new InputError([{ code: "required", path: ["outputs"], message: `expected outputs to compare, got none: ${sa.name} and ${sb.name} have no provider's share in a complete year in common, nor an event (name the outputs)` }]);
  }
  const ra = yield* simulationSteps(prepared[0], { storeBudgetBytes: budget });
  const rb = yield* simulationSteps(prepared[1], { storeBudgetBytes: budget });
  const rows: CompareRow[] = [];
  const add = (output: string, xa: Float64Array, xb: Float64Array) => {
    const d = pairedDifference(xa, xb);
    rows.push({ output, a: valueSummary(xa), b: valueSummary(xb), difference: d.mean, differenceSe: d.se, differenceP05: d.p05, differenceP95: d.p95, independentSe: d.independentSe });
  };
  for (const o of outputs) add(o.label, outputValues(ra, o), outputValues(rb, o));
  for (const e of events) add(`prob(${e.id})`, eventIndicator(ra, eventsA, e.id), eventIndicator(rb, eventsB, e.id));
  return { a: ra.meta.scenario, b: rb.meta.scenario, seed, paths, rows };
}
