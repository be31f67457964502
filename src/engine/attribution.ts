import { InputError, type InputIssue } from "../core/issues.ts";
import { finish, finishYielding } from "../core/steps.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import { quantiles } from "../stats/quantile.ts";
import type { CompiledScenario, ParamSlot } from "./compile.ts";
import { prepare } from "./prepare.ts";
import { CHUNK_SIZE, ChunkSimulator } from "./kernel.ts";
import { chunkOutput, outputRefOf, resolveOutput, type OutputRef, type ResolvedOutput } from "../samples/outputRef.ts";
import { checkOptions } from "../core/options.ts";
import { chunkPlan } from "./run.ts";

/** Options of {@link attribute}: one seed and path count for both scenarios (default: A's settings). Errors name these fields. */
export interface AttributionOptions extends Partial<Pick<ScenarioDefaults, "paths" | "seed">> {
  /** The output compared: `metric:provider:period[:segment]`. */
  output: string | OutputRef;
}

/** Mean and median of the output across paths, or a difference of them. */
export interface OutputStatistics {
  mean: number;
  median: number;
}

/** The effect of switching one input from A's value to B's, all else as in A. */
export interface AttributionPart extends OutputStatistics {
  /** A slot key (`providers.tencent.model.g0`), `providers.ID.entry`, or `correlations`. */
  parameter: string;
  /** The input in A and in B, as written (a number or a distribution's JSON). */
  from: string;
  to: string;
}

/** Why an output moved from scenario A to scenario B. */
export interface AttributionResult {
  output: string;
  seed: number;
  paths: number;
  a: OutputStatistics & { scenario: string };
  b: OutputStatistics & { scenario: string };
  /** b - a. Equals the sum of the parts plus the interaction (by construction, up to rounding). */
  total: OutputStatistics;
  /** One-at-a-time effects, largest |mean| first. */
  parts: AttributionPart[];
  /** total - sum of parts: what the inputs do together beyond their separate effects. */
  interaction: OutputStatistics;
}

/** A switchable difference between the two compiled scenarios. */
interface Difference {
  parameter: string;
  from: string;
  to: string;
  apply(hybrid: CompiledScenario): void;
}

function describeSlot(slot: ParamSlot): string {
  return slot.distribution ? JSON.stringify(slot.distribution.spec) : String(slot.constant);
}

function describeRamp(ramp: Float64Array | null, compiled: CompiledScenario, k: number): string {
  const entry = compiled.scenario.providers[k]?.entry;
  return ramp && entry ? JSON.stringify(entry) : "present throughout";
}

function sameRamp(a: Float64Array | null, b: Float64Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((v, t) => v === b[t]);
}

function structureIssues(a: CompiledScenario, b: CompiledScenario): InputIssue[] {
  const issues: InputIssue[] = [];
  const differ = (what: string, x: unknown, y: unknown) => {
    const sx = JSON.stringify(x);
    const sy = JSON.stringify(y);
    if (sx !== sy) issues.push({ code: "conflict", path: ["B"], message: `expected the same ${what} as A (${sx}), got ${sy}; attribution switches parameters, not structure` });
  };
  differ("calendar", a.scenario.calendar, b.scenario.calendar);
  differ("segments", a.segments, b.segments);
  differ("providers", a.providers, b.providers);
  differ("market kind", a.exogenous, b.exogenous);
  differ("parameters (model kinds)", a.slots.map((s) => s.key), b.slots.map((s) => s.key));
  const persistence = (c: CompiledScenario) => c.series.concat(c.marketSeries).map((s) => s.components.map((m) => m.permanentShock));
  if (issues.length === 0) differ("shock persistence", persistence(a), persistence(b));
  // Factors, loadings, tails, jumps and regimes are structure too (not slots): they must agree.
  const regime = (m: CompiledScenario["series"][number]["components"][number]) =>
    m.levels.kind === "regime" ? { transition: [...m.levels.regime.cumulativeTransition], start: [...m.levels.regime.cumulativeStart] } : null;
  const structure = (c: CompiledScenario) => ({ factors: c.factors, shocks: c.series.concat(c.marketSeries).map((s) => s.components.map((m) => ({ shock: m.shock, regime: regime(m) }))) });
  if (issues.length === 0) differ("shock structure (factors, loadings, tails, jumps, regimes)", structure(a), structure(b));
  return issues;
}

function differences(a: CompiledScenario, b: CompiledScenario): Difference[] {
  const out: Difference[] = [];
  a.slots.forEach((slot, j) => {
    const other = b.slots[j];
    const from = describeSlot(slot);
    const to = describeSlot(other);
    if (from !== to) out.push({ parameter: slot.key, from, to, apply: (h) => void (h.slots[j] = other) });
  });
  a.ramps.forEach((ramp, k) => {
    const other = b.ramps[k];
    if (!sameRamp(ramp, other)) {
      out.push({
        parameter: `providers.${a.providers[k]}.entry`,
        from: describeRamp(ramp, a, k),
        to: describeRamp(other, b, k),
        apply: (h) => void (h.ramps[k] = other),
      });
    }
  });
  const plan = (c: CompiledScenario) => (c.correlation ? JSON.stringify({ slots: c.correlation.slots, spearman: c.correlation.plan.spearman }) : "none");
  if (plan(a) !== plan(b)) out.push({ parameter: "correlations", from: plan(a), to: plan(b), apply: (h) => void (h.correlation = b.correlation) });
  return out;
}

/** Mean and median (R type 7) of the output over `paths` paths of a compiled scenario, a chunk a step. */
function* outputStatistics(compiled: CompiledScenario, output: ResolvedOutput, paths: number): Generator<void, OutputStatistics, void> {
  const simulator = new ChunkSimulator(compiled);
  const values = new Float64Array(paths);
  for (const { chunk, paths: n } of chunkPlan(paths)) {
    yield;
    values.set(chunkOutput(simulator.run(chunk, n), output), chunk * CHUNK_SIZE);
  }
  let sum = 0;
  for (let i = 0; i < paths; i++) sum += values[i];
  return { mean: sum / paths, median: quantiles(values, [0.5])[0] };
}

/**
 * Attributes the change of an output from scenario A to scenario B to the inputs that differ. Each differing
 * input (a parameter slot, a provider's entry, or the correlations) is switched alone from A's value to B's
 * with common random numbers: every slot keeps its own stream (`chunk:c/param:KEY`), so a switched parameter's
 * draws are the same uniforms pushed through B's distribution, and everything else is A's draws. With
 * stat = mean or median of the output:
 *
 *     part_i = stat(A with input i from B) - stat(A),   total = stat(B) - stat(A),   interaction = total - sum part_i
 *
 * so the parts and the interaction add up to the total by construction. One seed and path count serve all
 * runs (default A's). A and B must have the same structure (calendar, segments, providers, model kinds).
 *
 * Runs: 2 + (number of differences) simulations of the output; A and B are prepared once each (either may be
 * given as a prepared run).
 * @throws InputError for invalid scenarios, an unknown output (path `output`), or scenarios of different structure.
 * @example attribute(a, b, { output: "share:tencent:2020" }).parts[0] // { parameter: "providers.tencent.model.g0", mean: 0.021, ... }
 */
export function attribute(inputA: unknown, inputB: unknown, options: AttributionOptions): AttributionResult {
  return finish(attributionSteps(inputA, inputB, options));
}

/**
 * {@link attribute}, giving the event loop a turn between chunks (every `sliceMs` milliseconds of them), so
 * that signals end a long attribution at once. The same result.
 */
export async function attributeYielding(inputA: unknown, inputB: unknown, options: AttributionOptions, sliceMs = 50): Promise<AttributionResult> {
  return finishYielding(attributionSteps(inputA, inputB, options), sliceMs);
}

/** The work of {@link attribute}, one chunk of one simulation per step. */
function* attributionSteps(inputA: unknown, inputB: unknown, options: AttributionOptions): Generator<void, AttributionResult, void> {
  checkOptions(options, ["output"]);
  const runA = prepare(inputA, { paths: options.paths, seed: options.seed });
  const a = runA.compiled;
  const runB = prepare(inputB, { paths: a.settings.paths, seed: a.settings.seed });
  const b = runB.compiled;
  const scenarioA = runA.scenario;
  const scenarioB = runB.scenario;
  const issues = structureIssues(a, b);
  if (issues.length > 0) throw new InputError(issues);
  const ref = outputRefOf(options.output, ["output"]);
  const output = resolveOutput(a, ref, ["output"]);
  const paths = a.settings.paths;
  const statsA = yield* outputStatistics(a, output, paths);
  const statsB = yield* outputStatistics(b, output, paths);
  const parts: AttributionPart[] = [];
  for (const difference of differences(a, b)) {
    const hybrid: CompiledScenario = { ...a, slots: [...a.slots], ramps: [...a.ramps] };
    difference.apply(hybrid);
    const stats = yield* outputStatistics(hybrid, output, paths);
    parts.push({ parameter: difference.parameter, from: difference.from, to: difference.to, mean: stats.mean - statsA.mean, median: stats.median - statsA.median });
  }
  const total = { mean: statsB.mean - statsA.mean, median: statsB.median - statsA.median };
  let sumMean = 0;
  let sumMedian = 0;
  for (const part of parts) {
    sumMean += part.mean;
    sumMedian += part.median;
  }
  parts.sort(byEffect);
  return {
    output: output.label,
    seed: a.settings.seed,
    paths,
    a: { scenario: scenarioA.name, ...statsA },
    b: { scenario: scenarioB.name, ...statsB },
    total,
    parts,
    interaction: { mean: total.mean - sumMean, median: total.median - sumMedian },
  };
}

/**
 * The order of attribution parts: largest |mean| first, then by parameter name in en-US collation. The
 * locale is named: without it the machine's locale orders the names (in lt-LT "y" sorts before "j"), and
 * the same seed would print other bytes elsewhere.
 */
export function byEffect(x: Pick<AttributionPart, "parameter" | "mean">, y: Pick<AttributionPart, "parameter" | "mean">): number {
  return Math.abs(y.mean) - Math.abs(x.mean) || x.parameter.localeCompare(y.parameter, "en-US");
}
