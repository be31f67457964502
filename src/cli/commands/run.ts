import { join, resolve } from "node:path";
import { z } from "zod";
import { TARGET_DEFAULTS } from "../../engine/convergence.ts";
import { InputError } from "../../core/issues.ts";
import { DEFAULT_PATHS, DEFAULT_QUANTILES, DEFAULT_SEED } from "../../scenario/defaults.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { OUT_FILES, emitResult } from "../emit.ts";
import { withActualsFile } from "../actualsFile.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { option, optionWithDefault, switchOption, type OptionsOf } from "../optionTable.ts";
import { choice, flag, issueCode, list, MAX_PATHS, nonNegativeInt, positiveInt, positiveNumber, quantiles, SCENARIO_FILE, pathText, type ValueSchema } from "../options.ts";
import { progressBar } from "../progress.ts";
import { runConvergence, wantsConvergence } from "../runConvergence.ts";
import { wideOption } from "../terminalWidth.ts";
import { workersOption } from "../workersOption.ts";
import { partialName } from "../workers/partial.ts";
import { runScenarioParallel } from "../workers/runScenarioParallel.ts";
import { WorkerPool } from "../workers/pool.ts";
import { expectedWorkers } from "../workers/workerCount.ts";
import { runShard } from "../workers/runShard.ts";
import { SamplesFileWriter } from "../samplesFileFormats.ts";

/** `--shard i/N`: shard i (0-based) of N. */
function shard(): ValueSchema<{ index: number; count: number }> {
  const pattern = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;
  return z
    .string()
    .refine(
      (value) => {
        const match = pattern.exec(value);
        return match !== null && Number.isSafeInteger(Number(match[2])) && Number(match[2]) >= 1 && Number(match[1]) < Number(match[2]);
      },
      { error: (issue) => `expected i/N with 0 <= i < N, e.g. 0/4, got ${JSON.stringify(issue.input)}`, ...issueCode("invalid_format") },
    )
    .transform((value) => {
      const match = pattern.exec(value)!;
      return { index: Number(match[1]), count: Number(match[2]) };
    });
}

const options = {
  paths: option("--paths <n>", `number of Monte Carlo paths (default: the scenario's, else ${DEFAULT_PATHS})`, positiveInt(MAX_PATHS)),
  seed: option("--seed <s>", `root random seed (default: the scenario's, else ${DEFAULT_SEED})`, nonNegativeInt()),
  format: optionWithDefault("--format <format>", "output on stdout: table, json or csv", choice(["table", "json", "csv"]), "table"),
  wide: wideOption,
  out: option("--out <dir>", "also write result.json and summary.csv into this directory", pathText()),
  samples: option("--samples <file>", "write every path's values (CSV; Parquet or Arrow IPC for .parquet or .arrow): path, period, periodKind, year, quarter, segment, provider, revenue, share", pathText()),
  quantiles: option("--quantiles <list>", `quantiles to report, e.g. 0.05,0.5,0.95 (default ${DEFAULT_QUANTILES.join(",")})`, quantiles()),
  progress: switchOption("--no-progress", "never show a progress bar", flag()),
  workers: workersOption,
  shard: option("--shard <i/N>", "run only shard i of N (0-based) and write its partial result into --out for `sharecast merge`", shard()),
  plan: option("--plan <file>", "with --shard: run round 2 under this plan (written by `sharecast merge` from round 1)", pathText()),
  se: switchOption("--se", "add Monte Carlo standard errors to every row of the JSON (a nested se object: mean, sd, quantiles)", flag().optional()),
  targetSe: option("--target-se <value>", "add chunks until the watched standard errors are at most this (implies --se)", positiveNumber()),
  output: option("--output <list>", "outputs watched by --target-se: METRIC:PROVIDER:PERIOD[,...], e.g. share:tencent:2020", list()),
  targetStat: option("--target-stat <list>", `statistics watched by --target-se: mean, sd, p50, ... (default ${TARGET_DEFAULTS.statistics.join(",")})`, list()),
  actuals: option("--actuals <file>", "condition the run on actuals published after its base quarter (a condition block, docs/actuals.md)", pathText()),
  maxPaths: option("--max-paths <n>", `path cap of --target-se (default ${TARGET_DEFAULTS.maxPaths})`, positiveInt(MAX_PATHS)),
};

type RunFlags = OptionsOf<typeof options>;

/** `sharecast run`: simulate a scenario (every chunk on worker threads), or one shard, or to a target standard error. */
export const runCommand = defineCommand({
  description: "Simulate a scenario and print its summary (the default scenario when none is named).",
  arguments: [{ name: "[scenario]", description: SCENARIO_FILE, fallback: DEFAULT_SCENARIO }],
  options,
  fields: { targetSe: "--target-se", maxPaths: "--max-paths", outputs: "--output", statistics: "--target-stat" },
  async action([file], flags) {
    // A run that will use workers starts them now, so that they load while the scenario is read.
    if (!flags.shard && !wantsConvergence(flags)) WorkerPool.spawnEarly(expectedWorkers(flags.workers, flags.paths) - 1);
    const loaded = await loadScenarioFile(file as string);
    const scenario = flags.actuals === undefined ? loaded : await withActualsFile(loaded, flags.actuals);
    if (flags.shard) return shardCommand(scenario, flags, flags.shard);
    if (flags.plan !== undefined) throw new InputError([{ code: "conflict", path: ["--plan"], message: "expected --shard i/N with --plan (round 2 of a sharded run), got no --shard" }]);
    if (wantsConvergence(flags)) return runConvergence(scenario, flags);
    // --out DIR writes result.json and summary.csv: --samples must not be one of them (it was overwritten).
    const clash = flags.out !== undefined && flags.samples !== undefined ? OUT_FILES.find((name) => resolve(flags.out!, name) === resolve(flags.samples!)) : undefined;
    if (clash) throw new InputError([{ code: "conflict", path: ["--samples"], message: `expected a file other than the ${clash} that --out writes, got ${JSON.stringify(flags.samples)}` }]);
    const bar = flags.progress ? progressBar() : null;
    const samples = flags.samples ? await SamplesFileWriter.open(flags.samples) : null;
    let result;
    try {
      const onChunk = samples ? samples.write.bind(samples) : undefined;
      result = await runScenarioParallel(scenario, defined({ paths: flags.paths, seed: flags.seed, quantiles: flags.quantiles, workers: flags.workers, onProgress: bar?.update, onChunk, reuse: true }));
      await samples?.commit();
    } catch (error) {
      samples?.abort();
      throw error;
    } finally {
      bar?.stop();
    }
    const condition = result.meta.condition;
    if (condition) process.stderr.write(`sharecast: conditioned on ${condition.actuals.length} actuals (method ${condition.method}), effective sample size ${condition.effectiveSampleSize.toFixed(1)} of ${result.meta.paths} paths\n`);
    await emitResult(result, flags);
  },
});

/** `run --shard i/N --out DIR`: writes DIR/partial-i-of-N.bin and a note on stderr. */
async function shardCommand(scenario: unknown, flags: RunFlags, shard: { index: number; count: number }): Promise<void> {
  const conflicts = [flags.samples !== undefined && "--samples", wantsConvergence(flags) && "--se/--target-se"].filter(Boolean);
  if (conflicts.length > 0) throw new InputError([{ code: "conflict", path: ["--shard"], message: `expected no ${conflicts.join(" or ")} with --shard (merge the partials first), got them` }]);
  if (!flags.out) throw new InputError([{ code: "required", path: ["--out"], message: "expected a directory for the partial result of --shard, got none" }]);
  const round = flags.plan === undefined ? 1 : 2;
  const file = join(flags.out, partialName(shard.index, shard.count, round));
  const bar = flags.progress ? progressBar() : null;
  let header;
  try {
    ({ header } = await runShard(scenario, defined({ paths: flags.paths, seed: flags.seed, quantiles: flags.quantiles, workers: flags.workers, onProgress: bar?.update }), shard, file, flags.plan));
  } finally {
    bar?.stop();
  }
  const { first, count } = header.chunks;
  process.stderr.write(`sharecast: wrote ${file} (round ${round} of shard ${shard.index}/${shard.count}: ${count} chunks from ${first} of a ${header.paths}-path run)\n`);
}
