import { runToTargetYielding, withStandardErrors } from "../engine/convergence.ts";
import { requireInMemory, runPreparedYielding, type RunHooks } from "../engine/run.ts";
import { prepare, runSettings } from "../engine/prepare.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import { machineStoreBudget } from "./workers/storeBudget.ts";
import { storeColumns } from "./samplesColumns.ts";
import { SamplesFileWriter } from "./samplesFileFormats.ts";
import type { Result } from "../samples/result.ts";
import { InputError } from "../core/issues.ts";
import { defined } from "../core/options.ts";
import { emitResult } from "./emit.ts";
import { progressBar } from "./progress.ts";

/** `run` options of standard errors and runs to a target standard error. */
export interface ConvergenceFlags {
  se?: boolean;
  targetSe?: number;
  output?: string[];
  targetStat?: string[];
  maxPaths?: number;
}

/** The options of `run` that every run honours. */
export interface BaseFlags {
  paths?: number;
  seed?: number;
  format: "table" | "json" | "csv";
  out?: string;
  samples?: string;
  quantiles?: number[];
  progress: boolean;
}

/** The run of `run --se`, checked to fit in memory (its standard errors read every path) before it simulates. */
async function seRun(scenario: unknown, settings: Partial<ScenarioDefaults>, hooks: RunHooks & { storeBudgetBytes: number }): Promise<Result> {
  const run = prepare(scenario, runSettings(settings));
  requireInMemory(run.compiled, run.compiled.settings.paths, hooks.storeBudgetBytes, ["--paths"], "standard errors (--se)");
  return runPreparedYielding(run, hooks);
}

/** True when `run` was asked for standard errors or a target standard error. */
export function wantsConvergence(flags: ConvergenceFlags): boolean {
  return flags.se === true || flags.targetSe !== undefined || flags.output !== undefined || flags.targetStat !== undefined || flags.maxPaths !== undefined;
}

/**
 * `run --se` and `run --target-se VALUE --output ...`: the run (in this thread), standard errors on every row
 * of the JSON, and for a target the stopping record in meta.convergence and a line on stderr. Issues of
 * `runToTarget` that name its fields are shown under `run`'s flags (see the run command's field map).
 */
export async function runConvergence(scenario: unknown, flags: BaseFlags & ConvergenceFlags): Promise<void> {
  const target = flags.targetSe !== undefined;
  if (!target && (flags.output || flags.targetStat || flags.maxPaths !== undefined)) {
    throw new InputError([{ code: "conflict", path: flags.output ? ["--output"] : flags.targetStat ? ["--target-stat"] : ["--max-paths"], message: "expected only with --target-se" }]);
  }
  if (target && flags.paths !== undefined) {
    throw new InputError([{ code: "conflict", path: ["--paths"], message: "expected no --paths with --target-se (the run chooses its path count; cap it with --max-paths)" }]);
  }
  if (target && !flags.output) throw new InputError([{ code: "required", path: ["--output"], message: "expected the outputs to watch with --target-se, e.g. --output share:tencent:2020, got nothing" }]);
  const bar = flags.progress ? progressBar() : null;
  const storeBudgetBytes = machineStoreBudget();
  const common = defined({ seed: flags.seed, quantiles: flags.quantiles, onProgress: bar?.update, storeBudgetBytes });
  let result: Result;
  try {
    result = target
      ? await runToTargetYielding(scenario, {
          ...common,
          targetSe: flags.targetSe!,
          outputs: flags.output!,
          ...defined({ statistics: flags.targetStat, maxPaths: flags.maxPaths }),
        })
      : withStandardErrors(await seRun(scenario, defined({ seed: flags.seed, quantiles: flags.quantiles, paths: flags.paths }), { onProgress: bar?.update, storeBudgetBytes }));
  } finally {
    bar?.stop();
  }
  const convergence = result.meta.convergence;
  if (convergence) {
    const last = convergence.checks[convergence.checks.length - 1];
    process.stderr.write(
      convergence.reached
        ? `sharecast: target standard error ${convergence.targetSe} reached after ${result.meta.paths} paths (largest ${last.largestSe.toPrecision(3)})\n`
        : `sharecast: path cap ${convergence.maxPaths} reached before the target standard error ${convergence.targetSe} (largest ${last.largestSe.toPrecision(3)} after ${result.meta.paths} paths)\n`,
    );
  }
  if (flags.samples && result.samples) {
    const samples = await SamplesFileWriter.open(flags.samples);
    try {
      for (const block of storeColumns(result.samples)) samples.writeColumns(block);
      await samples.commit();
    } catch (error) {
      samples.abort();
      throw error;
    }
  }
  await emitResult(result, flags);
}
