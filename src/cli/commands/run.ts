import type { Command } from "commander";
import { join } from "node:path";
import { InputError } from "../../core/issues.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";
import { progressBar } from "../progress.ts";
import { emitResult } from "../emit.ts";
import { partialName } from "../workers/partial.ts";
import { runScenarioParallel } from "../workers/runScenarioParallel.ts";
import { runShard } from "../workers/runShard.ts";
import { SamplesFile } from "../workers/samplesFile.ts";
import { MAX_PATHS_DEFAULT, parseList, parseTargetSe, runConvergence, wantsConvergence, type BaseFlags, type ConvergenceFlags } from "./runTarget.ts";

/** Parses `--quantiles 0.05,0.5,0.95`. */
export function parseQuantiles(text: string): number[] {
  const parts = text.split(",").map((s) => s.trim());
  const values = parts.map(Number);
  values.forEach((v, k) => {
    if (parts[k] === "" || !(v > 0 && v < 1)) {
      throw new InputError([{ path: ["--quantiles", k], message: `expected a probability strictly between 0 and 1, got ${JSON.stringify(parts[k])}` }]);
    }
  });
  return values;
}

/** Parses `--shard i/N`: shard i (0-based) of N. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || !Number.isSafeInteger(count) || count < 1 || !(index < count)) {
    throw new InputError([{ path: ["--shard"], message: `expected i/N with 0 <= i < N, e.g. 0/4, got ${JSON.stringify(text)}` }]);
  }
  return { index, count };
}


interface RunFlags extends BaseFlags, ConvergenceFlags {
  workers?: number;
  shard?: { index: number; count: number };
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("Simulate a scenario and print its summary (the default scenario when none is named).")
    .argument("[scenario]", "scenario file: .ts, .js, .yaml, .yml or .json", DEFAULT_SCENARIO)
    .option("--paths <n>", "number of Monte Carlo paths (default: the scenario's, else 10000)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root random seed (default: the scenario's, else 42)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "output on stdout: table, json or csv", ["table", "json", "csv"], "table"))
    .option("--out <dir>", "also write result.json and summary.csv into this directory")
    .option("--samples <file.csv>", "write every path's values: path,period,segment,provider,revenue,share")
    .option("--quantiles <list>", "quantiles to report, e.g. 0.05,0.5,0.95 (default 0.05,0.25,0.5,0.75,0.95)", parseQuantiles)
    .option("--no-progress", "never show a progress bar")
    .option("--workers <n>", "worker threads (default: the number of cores); never changes a number", positiveInt("--workers", 1024))
    .option("--shard <i/N>", "run only shard i of N (0-based) and write its partial result into --out for `sharecast merge`", parseShard)
    .option("--se", "add Monte Carlo standard errors to every row of the JSON (a nested se object: mean, sd, quantiles)")
    .option("--target-se <value>", "add chunks until the watched standard errors are at most this (implies --se)", parseTargetSe)
    .option("--output <list>", "outputs watched by --target-se: METRIC:PROVIDER:PERIOD[,...], e.g. share:tencent:2020", parseList)
    .option("--target-stat <list>", "statistics watched by --target-se: mean, sd, p50, ... (default mean)", parseList)
    .option("--max-paths <n>", `path cap of --target-se (default ${MAX_PATHS_DEFAULT})`, positiveInt("--max-paths", 100_000_000))
    .action(async (file: string, flags: RunFlags) => {
      const scenario = await loadScenarioFile(file);
      if (flags.shard) return shardCommand(scenario, flags, flags.shard);
      if (wantsConvergence(flags)) return runConvergence(scenario, flags);
      const bar = flags.progress ? progressBar() : null;
      const options = {
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
        ...(flags.quantiles !== undefined && { quantiles: flags.quantiles }),
        ...(flags.workers !== undefined && { workers: flags.workers }),
        ...(bar && { onProgress: bar.update }),
      };
      const samples = flags.samples ? new SamplesFile(flags.samples) : null;
      let result;
      try {
        result = await runScenarioParallel(scenario, { ...options, ...(samples && { onChunk: samples.write.bind(samples) }) });
        samples?.commit();
      } catch (error) {
        samples?.abort();
        throw error;
      } finally {
        bar?.stop();
      }
      await emitResult(result, flags);
    });
}

/** `run --shard i/N --out DIR`: writes DIR/partial-i-of-N.bin and a note on stderr. */
async function shardCommand(scenario: unknown, flags: RunFlags, shard: { index: number; count: number }): Promise<void> {
  const conflicts = [flags.samples !== undefined && "--samples", wantsConvergence(flags) && "--se/--target-se"].filter(Boolean);
  if (conflicts.length > 0) throw new InputError([{ path: ["--shard"], message: `expected no ${conflicts.join(" or ")} with --shard (merge the partials first), got them` }]);
  if (!flags.out) throw new InputError([{ path: ["--out"], message: "expected a directory for the partial result of --shard, got none" }]);
  const file = join(flags.out, partialName(shard.index, shard.count));
  const bar = flags.progress ? progressBar() : null;
  let header;
  try {
    header = await runShard(scenario, {
      ...(flags.paths !== undefined && { paths: flags.paths }),
      ...(flags.seed !== undefined && { seed: flags.seed }),
      ...(flags.quantiles !== undefined && { quantiles: flags.quantiles }),
      ...(flags.workers !== undefined && { workers: flags.workers }),
      ...(bar && { onProgress: bar.update }),
    }, shard, file);
  } finally {
    bar?.stop();
  }
  const { first, count } = header.chunks;
  process.stderr.write(`sharecast: wrote ${file} (shard ${shard.index}/${shard.count}: ${count} chunks from ${first} of a ${header.paths}-path run)\n`);
}
