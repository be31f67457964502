/**
 * A prepared run: a scenario validated, compiled (fitted models fitted, correlations planned) and settled
 * (paths, seed, quantiles) once, then handed to any runner: `runScenario`, the worker threads, shards,
 * sensitivity, attribution, `runToTarget`, sweep, solve, compare and backtests. This module is the one
 * place that validates and compiles a scenario for a run.
 */
import { InputError, type InputIssue } from "../core/issues.ts";
import { checkOptions, complete } from "../core/options.ts";
import type { FitData } from "../models/fitted.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import { completeSettings } from "./settings.ts";
import { scenarioHash } from "../scenario/hash.ts";
import type { Scenario } from "../scenario/schema.ts";
import { validateScenario } from "../scenario/validate.ts";
import { compileScenario, type CompiledScenario } from "./compile.ts";

/** Settings a run may override, each over the scenario's `simulation` block (then the defaults). */
export type RunSettings = Partial<ScenarioDefaults>;

/** What a worker thread needs to rebuild a prepared run without validating or refitting: plain data. */
export interface PreparedTransfer {
  /** The validated scenario. */
  scenario: Scenario;
  settings: ScenarioDefaults;
  /** The fits of its `fitted` models, by key. */
  fits: Map<string, FitData>;
}

/** A scenario validated and compiled once, with its settings and hash: what every runner takes. */
export class PreparedRun {
  /** The validated scenario. */
  readonly scenario: Scenario;
  /** Its compiled form (slots, series, fits, correlation plan) and settings. */
  readonly compiled: CompiledScenario;
  /** `scenarioHash(scenario)`: what results and partials carry to replay it. */
  readonly hash: string;

  /** Use {@link prepare}; this wraps a compiled scenario as it is. */
  constructor(compiled: CompiledScenario, hash = scenarioHash(compiled.scenario)) {
    this.scenario = compiled.scenario;
    this.compiled = compiled;
    this.hash = hash;
  }

  /** Paths, seed and quantiles of the run. */
  get settings(): ScenarioDefaults {
    return this.compiled.settings;
  }

  /** The plain data a worker thread rebuilds this run from ({@link fromTransfer}). */
  transfer(): PreparedTransfer {
    return { scenario: this.scenario, settings: this.settings, fits: this.compiled.fits };
  }
}

/** The run settings among a runner's options (paths, seed, quantiles); other fields are left out. */
export function runSettings(options: RunSettings): RunSettings {
  checkOptions(options);
  if (options === undefined) return {};
  return { paths: options.paths, seed: options.seed, quantiles: options.quantiles };
}

/**
 * Validates and compiles a scenario with `settings` (each over the scenario's `simulation` block). Given a
 * prepared run, it returns it with `settings` applied over its own ({@link resettle}), compiling nothing
 * unless the seed changes.
 *
 * @throws InputError listing every problem: the scenario's (validation), then what only compiling finds
 *   (a fit that fails, correlations naming unknown or constant parameters, an invalid correlation matrix).
 * @example prepare(defaultScenario, { paths: 1000 }).settings // { paths: 1000, seed: 42, quantiles: [0.05, 0.25, 0.5, 0.75, 0.95] }
 */
export function prepare(input: unknown, settings: RunSettings = {}): PreparedRun {
  if (input instanceof PreparedRun) return resettle(input, settings);
  return prepareScenario(validateScenario(input), settings);
}

/**
 * Compiles a scenario that {@link validScenario} (or `validateScenario`) returned, with `settings`.
 *
 * @throws InputError for what only compiling finds (see {@link prepare}).
 */
export function prepareScenario(scenario: Scenario, settings: RunSettings = {}): PreparedRun {
  return new PreparedRun(compileScenario(scenario, settings));
}

/**
 * The validated scenario of an input: a prepared run's own, or the input validated (without compiling),
 * for runners that read the scenario before they choose settings.
 *
 * @throws InputError when the scenario is invalid.
 */
export function validScenario(input: unknown): Scenario {
  return input instanceof PreparedRun ? input.scenario : validateScenario(input);
}

/**
 * A prepared run with other settings (those given, over the run's own). Paths and quantiles change the
 * settings only; a new seed compiles the scenario again (bootstrap fits are drawn from the seed).
 */
export function resettle(run: PreparedRun, settings: RunSettings): PreparedRun {
  const wanted = complete(run.settings, settings);
  if (wanted.seed !== run.settings.seed) return new PreparedRun(compileScenario(run.scenario, wanted), run.hash);
  const next = completeSettings(run.scenario, wanted);
  if (next.paths === run.settings.paths && JSON.stringify(next.quantiles) === JSON.stringify(run.settings.quantiles)) return run;
  return new PreparedRun({ ...run.compiled, settings: next }, run.hash);
}

/** Rebuilds a prepared run in a worker thread from {@link PreparedRun.transfer}: compiles, without validating or refitting. */
export function fromTransfer(data: PreparedTransfer): PreparedRun {
  return new PreparedRun(compileScenario(data.scenario, data.settings, data.fits));
}

/**
 * Every problem {@link prepare} would throw for, as a list: the scenario's issues, or when it is valid, the
 * issues compiling finds. An empty list means the scenario runs.
 */
export function preparedIssues(input: unknown, settings: RunSettings = {}): InputIssue[] {
  try {
    prepare(input, settings);
    return [];
  } catch (error) {
    if (error instanceof InputError) return [...error.issues];
    throw error;
  }
}
