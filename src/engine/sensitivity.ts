import { createStream } from "../random/stream.ts";
import { InputError, describeValue, type InputIssue } from "../core/issues.ts";
import { checkOptions, complete } from "../core/options.ts";
import { sobolDesign, sobolEstimate } from "../stats/sobol.ts";
import { spearman } from "../stats/spearman.ts";
import { tornadoDesign, tornadoFromOutputs } from "../stats/tornado.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import type { CompiledScenario } from "./compile.ts";
import { prepare, runSettings } from "./prepare.ts";
import { CHUNK_SIZE, ChunkSimulator, fillColumns } from "./kernel.ts";
import { chunkOutput, outputRefOf, resolveOutput, type OutputRef, type ResolvedOutput } from "../samples/outputRef.ts";
import { chunkPlan, DEFAULT_STORE_BUDGET_BYTES, overBudget } from "./run.ts";
import { finish, finishYielding } from "../core/steps.ts";

/** Options of {@link sensitivity}; defaults ({@link SENSITIVITY_DEFAULTS}) are filled by `complete`. Errors name these fields. */
export interface SensitivityOptions extends Partial<Pick<ScenarioDefaults, "paths" | "seed">> {
  /** The output analysed: `metric:provider:period[:segment]`, e.g. `share:tencent:2020`. */
  output: string | OutputRef;
  /** Base sample size n of the Saltelli design (n (k + 2) engine evaluations). @defaultValue 2048 */
  sobolN?: number;
  /** Bootstrap resamples of the Sobol intervals. @defaultValue 500 */
  bootstrap?: number;
  /** Level of the Sobol intervals. @defaultValue 0.95 */
  confidence?: number;
  /** Tornado settings of each input. @defaultValue 0.1 and 0.9 */
  lowProbability?: number;
  highProbability?: number;
  /** Most bytes the Spearman run holds (each input's draws and the output, per path). @defaultValue DEFAULT_STORE_BUDGET_BYTES */
  storeBudgetBytes?: number;
}

/** Defaults of {@link SensitivityOptions}. */
export const SENSITIVITY_DEFAULTS: { readonly sobolN: number; readonly bootstrap: number; readonly confidence: number; readonly lowProbability: number; readonly highProbability: number } =
  { sobolN: 2048, bootstrap: 500, confidence: 0.95, lowProbability: 0.1, highProbability: 0.9 };

/** One uncertain input's sensitivity measures. */
export interface SensitivityInput {
  /** The slot key, e.g. `providers.tencent.model.g0`. */
  parameter: string;
  /** The input's median (the tornado's base setting). */
  median: number;
  /** Output at the input's low and high settings, others at their medians; and the input values there. */
  tornado: { low: number; high: number; lowInput: number; highInput: number; swing: number };
  /** Spearman rank correlation of input and output over a normal seeded run (shocks and correlations on). */
  spearman: number;
  /** First-order Sobol index (Saltelli 2010) and total index (Jansen 1999), with bootstrap percentile intervals. */
  sobolFirst: number;
  sobolTotal: number;
  sobolFirstCi: [number, number];
  sobolTotalCi: [number, number];
}

/** A sensitivity analysis of one output: plain data for tables, tornado charts and Sobol bars. */
export interface SensitivityResult {
  output: string;
  /** Inputs are sorted by this, largest first. */
  ranking: "sobolTotal";
  scenario: string;
  seed: number;
  /** Paths of the normal run behind the Spearman correlations. */
  paths: number;
  /** Output with every input at its median (shocks off). */
  base: number;
  tornado: { lowProbability: number; highProbability: number };
  sobol: { n: number; evaluations: number; variance: number; bootstrap: number; confidence: number };
  /** How per-quarter shocks and stated correlations enter each measure. */
  treatment: { shocks: string; correlations: string };
  inputs: SensitivityInput[];
}

/** Slots that hold a shock's sigma. */
function shockSlots(compiled: CompiledScenario): Set<number> {
  const out = new Set<number>();
  for (const series of [...compiled.series, ...compiled.marketSeries]) {
    for (const component of series.components) if (component.shockSlot >= 0) out.add(component.shockSlot);
  }
  return out;
}

/** The uncertain inputs of a sensitivity analysis: slots with a distribution, except shock sigmas. */
export function sensitivityInputs(compiled: CompiledScenario): number[] {
  const shocks = shockSlots(compiled);
  const out: number[] = [];
  compiled.slots.forEach((slot, j) => {
    if (slot.distribution && !shocks.has(j)) out.push(j);
  });
  return out;
}

/**
 * Evaluates the engine on given input values, shocks off: row r sets slot `inputs[i]` to
 * `values[r * k + i]`, every other slot to its constant (shock sigmas to 0). Rows are run in batches of one
 * chunk through the kernel; the result is the output of each row.
 *
 * Complexity: rows / CHUNK_SIZE kernel chunks.
 * @example evaluateRows(compiled, output, [3], Float64Array.of(0.5, 0.6)) // output with slot 3 at 0.5, then 0.6
 */
export function evaluateRows(compiled: CompiledScenario, output: ResolvedOutput, inputs: readonly number[], values: Float64Array): Float64Array {
  return finish(rowSteps(compiled, output, inputs, values));
}

/** The work of {@link evaluateRows}, one chunk of rows per step. */
function* rowSteps(compiled: CompiledScenario, output: ResolvedOutput, inputs: readonly number[], values: Float64Array): Generator<void, Float64Array, void> {
  const k = inputs.length;
  const rows = k > 0 ? values.length / k : 0;
  const role = compiled.slots.map((_, j) => inputs.indexOf(j));
  const shocks = shockSlots(compiled);
  const simulator = new ChunkSimulator(compiled);
  const out = new Float64Array(rows);
  for (let first = 0, batch = 0; first < rows; first += CHUNK_SIZE, batch++) {
    yield;
    const n = Math.min(CHUNK_SIZE, rows - first);
    const chunk = simulator.run(batch, n, (columns, paths) => {
      compiled.slots.forEach((slot, j) => {
        const column = columns[j];
        const i = role[j];
        if (i >= 0) for (let p = 0; p < paths; p++) column[p] = values[(first + p) * k + i];
        else column.fill(shocks.has(j) ? 0 : slot.constant, 0, paths);
      });
    });
    out.set(chunkOutput(chunk, output), first);
  }
  return out;
}

/**
 * Sensitivity of one output of a scenario to each of its uncertain inputs (every parameter given as a
 * distribution, except the sigmas of per-quarter shocks):
 * - tornado: the output with the input at its 10th and 90th percentile and every other input at its median;
 * - Spearman rank correlation of the input and the output over a normal seeded run of `paths` paths;
 * - first-order and total Sobol indices from a Saltelli design of n (k + 2) engine evaluations, with
 *   bootstrap percentile intervals (`stats/sobol.ts`).
 * Tornado and Sobol make the output a deterministic function of the inputs: per-quarter shocks are switched
 * off (factor 1, the shock's mean) and inputs are drawn independently (stated correlations are ignored: Sobol
 * indices are defined for independent inputs). The Spearman run is the scenario as it runs, shocks and
 * correlations included. Inputs are ranked by total Sobol index, largest first.
 *
 * Streams: the normal run uses the engine's streams; the Saltelli design `sensitivity/sobol` and the bootstrap
 * `sensitivity/bootstrap`, both from the root seed. Same seed, same numbers.
 *
 * `input` may be a prepared run (prepared with the paths and seed wanted, or given them here).
 *
 * @throws InputError for an invalid scenario or output (path `output`), or a scenario without uncertain inputs.
 * @example sensitivity(scenario, { output: "share:tencent:2020" }).inputs[0]
 * // { parameter: "providers.tencent.model.g0", tornado: { low: ..., high: ... }, spearman: 0.8, sobolTotal: 0.6, ... }
 */
export function sensitivity(input: unknown, options: SensitivityOptions): SensitivityResult {
  return finish(sensitivitySteps(input, options));
}

/**
 * {@link sensitivity}, giving the event loop a turn between chunks (every `sliceMs` milliseconds of them), so
 * that signals end a long analysis at once. The same result.
 */
export async function sensitivityYielding(input: unknown, options: SensitivityOptions, sliceMs = 50): Promise<SensitivityResult> {
  return finishYielding(sensitivitySteps(input, options), sliceMs);
}

/** What is wrong with the analysis' own settings, each named (the Sobol and tornado code would throw a RangeError). */
function settingIssues(settings: Record<keyof typeof SENSITIVITY_DEFAULTS, unknown>): InputIssue[] {
  const { sobolN, bootstrap, confidence, lowProbability, highProbability } = settings;
  const issues: InputIssue[] = [];
  const wrong = (path: string, expected: string, value: unknown) => issues.push({ code: "invalid_value", path: [path], message: `expected ${expected}, got ${describeValue(value)}` });
  if (!(Number.isSafeInteger(sobolN) && (sobolN as number) >= 2)) wrong("sobolN", "a whole number >= 2", sobolN);
  if (!(Number.isSafeInteger(bootstrap) && (bootstrap as number) >= 0)) wrong("bootstrap", "a whole number >= 0", bootstrap);
  const fraction = (x: unknown): x is number => typeof x === "number" && x > 0 && x < 1;
  if (!fraction(confidence)) wrong("confidence", "a number strictly between 0 and 1", confidence);
  if (!fraction(lowProbability)) wrong("lowProbability", "a number strictly between 0 and 1", lowProbability);
  if (!fraction(highProbability)) wrong("highProbability", "a number strictly between 0 and 1", highProbability);
  else if (fraction(lowProbability) && lowProbability >= highProbability) wrong("highProbability", `a number above lowProbability (${lowProbability})`, highProbability);
  return issues;
}

/** The work of {@link sensitivity}, one chunk of simulation per step. */
function* sensitivitySteps(input: unknown, options: SensitivityOptions): Generator<void, SensitivityResult, void> {
  checkOptions(options, ["output"]);
  const settings = complete(SENSITIVITY_DEFAULTS, options);
  const wrong = settingIssues(settings);
  if (wrong.length > 0) throw new InputError(wrong);
  const run = prepare(input, runSettings({ paths: options.paths, seed: options.seed }));
  const { compiled, scenario } = run;
  const ref = outputRefOf(options.output, ["output"]);
  const output = resolveOutput(compiled, ref, ["output"]);
  const inputSlots = sensitivityInputs(compiled);
  if (inputSlots.length === 0) {
    throw new InputError([{ code: "too_small", path: ["scenario"], message: "expected at least one uncertain parameter (a distribution) to analyse, got none" }]);
  }
  const inputs = inputSlots.map((j) => ({ name: compiled.slots[j].key, distribution: compiled.slots[j].distribution! }));
  const { seed, paths } = compiled.settings;
  const budget = options.storeBudgetBytes ?? DEFAULT_STORE_BUDGET_BYTES;
  const held = inputSlots.length + 1;
  const over = overBudget(held, paths, budget);
  if (over) {
    throw new InputError([{ code: "too_big", path: ["paths"], message: `expected at most ${over.most} paths for a sensitivity analysis, whose Spearman run holds ${held} values a path in memory (a store budget of ${over.mib} MiB), got ${paths}` }]);
  }
  // The Saltelli design holds its uniforms and their quantiles, n (k + 2) rows of k each: with thousands of
  // inputs more than a typed array can hold (it had failed with a RangeError).
  const designValues = 2 * (inputSlots.length + 2) * inputSlots.length;
  if (designValues * 8 * settings.sobolN > budget) {
    const most = Math.floor(budget / (8 * designValues));
    const mib = Math.round(budget / 2 ** 20);
    throw new InputError([{ code: "too_big", path: ["sobolN"], message: `expected at most ${most} for a Sobol analysis of ${inputSlots.length} uncertain inputs, whose design holds 2 n (k + 2) k values in memory (a store budget of ${mib} MiB), got ${settings.sobolN}` }]);
  }

  // Tornado: 1 + 2k rows, shocks off.
  const tornadoPoints = tornadoDesign(inputs, { lowProbability: settings.lowProbability, highProbability: settings.highProbability });
  const tornado = tornadoFromOutputs(tornadoPoints, yield* rowSteps(compiled, output, inputSlots, tornadoPoints.values));
  const bars = new Map(tornado.bars.map((bar) => [bar.name, bar]));

  // Spearman over a normal run: the engine's own draws, captured as the kernel fills its columns.
  const inputColumns = inputSlots.map(() => new Float64Array(paths));
  const outputColumn = new Float64Array(paths);
  const simulator = new ChunkSimulator(compiled);
  for (const { chunk, paths: n } of chunkPlan(paths)) {
    yield;
    const values = simulator.run(chunk, n, (columns, m) => {
      fillColumns(compiled, chunk, m, columns);
      inputSlots.forEach((j, i) => inputColumns[i].set(columns[j].subarray(0, m), chunk * CHUNK_SIZE));
    });
    outputColumn.set(chunkOutput(values, output), chunk * CHUNK_SIZE);
  }
  const rank = inputColumns.map((column) => (paths >= 2 ? spearman(column, outputColumn) : Number.NaN));

  // Sobol: Saltelli design through the engine, shocks off.
  const design = sobolDesign(createStream(seed, "sensitivity/sobol"), inputs, { n: settings.sobolN });
  const sobol = sobolEstimate(createStream(seed, "sensitivity/bootstrap"), design, yield* rowSteps(compiled, output, inputSlots, design.values), {
    bootstrap: settings.bootstrap,
    confidence: settings.confidence,
  });

  const rows: SensitivityInput[] = inputs.map((inp, i) => {
    const bar = bars.get(inp.name)!;
    const index = sobol.inputs[i];
    return {
      parameter: inp.name,
      median: inp.distribution.quantile(0.5),
      tornado: { low: bar.low, high: bar.high, lowInput: bar.lowInput, highInput: bar.highInput, swing: bar.swing },
      spearman: rank[i],
      sobolFirst: index.first,
      sobolTotal: index.total,
      sobolFirstCi: index.firstCi,
      sobolTotalCi: index.totalCi,
    };
  });
  const order = rows.map((_, i) => i);
  const key = (i: number) => (Number.isNaN(rows[i].sobolTotal) ? -Infinity : rows[i].sobolTotal);
  order.sort((a, b) => key(b) - key(a) || rows[b].tornado.swing - rows[a].tornado.swing || a - b);
  const correlated = compiled.correlation !== null;
  return {
    output: output.label,
    ranking: "sobolTotal",
    scenario: scenario.name,
    seed,
    paths,
    base: tornado.base,
    tornado: { lowProbability: tornadoPoints.lowProbability, highProbability: tornadoPoints.highProbability },
    sobol: { n: sobol.n, evaluations: sobol.evaluations, variance: sobol.variance, bootstrap: sobol.bootstrap, confidence: sobol.confidence },
    treatment: {
      shocks: "off in tornado and Sobol (each quarter's shock factor held at 1, its mean; shock sigmas are not inputs); on in the Spearman run",
      correlations: correlated
        ? "stated correlations are used in the Spearman run; tornado and Sobol draw inputs independently (Sobol indices assume independence)"
        : "the scenario states none",
    },
    inputs: order.map((i) => rows[i]),
  };
}
