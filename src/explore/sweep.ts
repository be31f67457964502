import { checkOptions, complete } from "../core/options.ts";
import { prepare, PreparedRun, validScenario, type RunSettings } from "../engine/prepare.ts";
import type { SampledRun } from "../engine/run.ts";
import { ProbeStore } from "../samples/store.ts";
import { watchedRun } from "./watched.ts";
import { getField, parseFieldPath, shiftParam, withField } from "./fieldPath.ts";
import { eventIndicator, givenOutputs, outputValues, type OutputSpec, type Sampled } from "./outputs.ts";
import { InputError, describeValue } from "../core/issues.ts";
import { finish, finishYielding } from "../core/steps.ts";
import { pairedDifference, valueSummary, type ValueSummary } from "./pairedStats.ts";

/** Options of a sweep. */
export interface SweepOptions {
  /** Field path of the varied parameter (`providers.tencent.model.g0` or `providers[1].model.g0`). */
  path: string;
  /** Values taken in turn; the first is the reference of the paired differences. */
  values: readonly unknown[];
  /** `set` (default): the field becomes the value. `shift`: the value is added to the field's location ({@link shiftParam}). */
  mode?: "set" | "shift";
  /** Outputs reported; default: every provider's share in the last complete year, total segment. */
  outputs?: readonly (string | OutputSpec)[];
  /** Paths and seed of every run (default: the scenario's). The same seed gives common random numbers. */
  paths?: number;
  seed?: number;
  /** Most bytes of watched values held at once, over every value's run. @defaultValue DEFAULT_STORE_BUDGET_BYTES */
  storeBudgetBytes?: number;
}

/** One cell of a sweep: an output (or event probability) at one value, and its paired difference with the first value. */
export interface SweepCell extends ValueSummary {
  value: unknown;
  output: string;
  /** Mean of (this run - first run) per path; 0 for the first value. */
  difference: number;
  /** Standard error of that difference from the per-path differences. */
  differenceSe: number;
  /** The standard error independent runs would have given the difference: sqrt(se_first^2 + se^2). */
  independentSe: number;
  /** Mean of (this run - the run of the previous value) per path, the change of one step; 0 for the first value. */
  stepDifference: number;
  /** Standard error of that step's difference from its per-path differences; 0 for the first value. */
  stepDifferenceSe: number;
}

export interface SweepResult {
  scenario: string;
  path: string;
  mode: "set" | "shift";
  seed: number;
  paths: number;
  /** Outputs first (by value, then output), then events as `prob(ID)`. */
  cells: SweepCell[];
}

/** Every provider's share in the last complete year of a result (the default outputs). */
export function defaultOutputs(result: Sampled): OutputSpec[] {
  const store = result.samples!;
  const years = store.periods.filter((p) => !p.includes("Q"));
  const period = years.length > 0 ? years[years.length - 1] : store.periods[store.periods.length - 1];
  return store.providers.map((id) => ({ metric: "share" as const, providers: [id], period, segment: "total", label: `share:${id}:${period}` }));
}

/**
 * The base of a variant and the settings of its runs: a prepared run's scenario and settings (those given
 * over them), or the input as given and the settings given.
 */
export function variantBase(input: unknown, settings: RunSettings): { scenario: unknown; settings: RunSettings } {
  if (input instanceof PreparedRun) return { scenario: input.scenario, settings: complete(input.settings, settings) };
  return { scenario: input, settings };
}

/**
 * The scenario with the field at `path` set to (or shifted by) `value`.
 *
 * @throws InputError (path `path`) for a field under `simulation`: every run of a sweep or solve has the same
 *   paths and seed (common random numbers), set by their own options (runs of 10 and 2,000 paths had failed
 *   with an internal error).
 */
export function variant(scenario: unknown, path: string, value: unknown, mode: "set" | "shift" = "set"): unknown {
  if (parseFieldPath(path)[0] === "simulation") {
    throw new InputError([{ code: "invalid_value", path: ["path"], message: `expected a parameter of the scenario, got ${JSON.stringify(path)}: every run shares the simulation settings (the paths and seed options set them)` }]);
  }
  return withField(scenario, path, mode === "shift" ? shiftParam(getField(scenario, path), value as number) : value);
}

/**
 * Reruns a scenario once per value of one parameter, on common random numbers: every run uses the same
 * seed and path count, and each random stream is keyed by chunk and parameter name (`chunk:c/param:KEY`),
 * so the paths of two runs differ only through the varied parameter and the paired differences are not
 * Monte Carlo noise between runs. Each cell carries two paired differences: from the first value
 * (`difference`) and from the previous value (`stepDifference`, what one step of the parameter is worth).
 * Cost: one simulation per value (not summarised: only the watched outputs and events are kept and read),
 * each variant prepared (validated and compiled, its fitted models fitted) once. `scenario` may be a
 * prepared run: its scenario is varied, its settings used.
 *
 * @throws InputError when the path, a value or an output (path `outputs`) is invalid for the scenario.
 * @example sweep(scenario, { path: "providers.tencent.model.g0", values: [0.6, 0.8] }).cells[1].difference
 */
export function sweep(scenario: unknown, options: SweepOptions): SweepResult {
  return finish(sweepSteps(scenario, options));
}

/** {@link sweep}, giving the event loop a turn between chunks (every `sliceMs` of them): signals end it at once. The same result. */
export async function sweepYielding(scenario: unknown, options: SweepOptions, sliceMs = 50): Promise<SweepResult> {
  return finishYielding(sweepSteps(scenario, options), sliceMs);
}

/** The work of {@link sweep}, one chunk of a value's run per step. */
function* sweepSteps(scenario: unknown, options: SweepOptions): Generator<void, SweepResult, void> {
  checkOptions(options, ["path", "values"]);
  if (!Array.isArray(options.values) || options.values.length === 0) {
    throw new InputError([{ code: "too_small", path: ["values"], message: `expected a list of at least one value, got ${describeValue(options.values)}` }]);
  }
  const hole = Array.from(options.values.keys()).find((k) => !Object.hasOwn(options.values, k));
  if (hole !== undefined) throw new InputError([{ code: "required", path: ["values", hole], message: "expected a value, got a hole in the list" }]);
  const mode = options.mode ?? "set";
  const base = variantBase(scenario, { paths: options.paths, seed: options.seed });
  const prepared = options.values.map((value) => prepare(variant(base.scenario, options.path, value, mode), base.settings));
  const shape = { meta: { scenario: prepared[0].compiled.scenario.name }, samples: new ProbeStore(prepared[0].compiled) };
  const outputs = givenOutputs(options.outputs) ?? defaultOutputs(shape);
  const events = validScenario(scenario).events ?? [];
  // Each value's run reads its own events: a sweep of `events[0].value` moves the threshold it evaluates.
  const eventsOf = prepared.map((run) => run.scenario.events ?? []);
  const read = (own: typeof events) => (r: Sampled): void => {
    for (const o of outputs) outputValues(r, o);
    for (const e of events) eventIndicator(r, own, e.id);
  };
  const results: SampledRun[] = [];
  for (const [k, run] of prepared.entries()) results.push(yield* watchedRun(run, read(eventsOf[k]), prepared.length, options.storeBudgetBytes, `a sweep of ${prepared.length} values`));
  const first = results[0];
  const series: Array<{ label: string; values: (r: SampledRun, k: number) => Float64Array }> = [
    ...outputs.map((o) => ({ label: o.label, values: (r: SampledRun) => outputValues(r, o) })),
    ...events.map((e) => ({ label: `prob(${e.id})`, values: (r: SampledRun, k: number) => eventIndicator(r, eventsOf[k], e.id) })),
  ];
  const cells: SweepCell[] = [];
  for (const s of series) {
    const reference = s.values(first, 0);
    let previous = reference;
    results.forEach((result, k) => {
      const values = s.values(result, k);
      const paired = pairedDifference(reference, values);
      const step = k === 0 ? { mean: 0, se: 0 } : pairedDifference(previous, values);
      previous = values;
      cells.push({
        value: options.values[k],
        output: s.label,
        ...valueSummary(values),
        difference: paired.mean,
        differenceSe: paired.se,
        independentSe: paired.independentSe,
        stepDifference: step.mean,
        stepDifferenceSe: step.se,
      });
    });
  }
  return { scenario: first.meta.scenario, path: options.path, mode, seed: first.meta.seed, paths: first.meta.paths, cells };
}
