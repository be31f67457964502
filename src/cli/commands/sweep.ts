import type { Command } from "commander";
import { withFlags } from "../optionFlags.ts";
import { formatSweep } from "../../explore/format.ts";
import { parseOutputs } from "../../explore/outputs.ts";
import { sweep } from "../../explore/sweep.ts";
import { InputError } from "../../core/issues.ts";
import { loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";

/** Parses `--vary PATH=v1,v2,...` into the path and its numeric values. */
export function parseVary(text: string): { path: string; values: number[] } {
  const at = text.indexOf("=");
  const path = at < 0 ? "" : text.slice(0, at).trim();
  const parts = at < 0 ? [] : text.slice(at + 1).split(",").map((s) => s.trim());
  const values = parts.map(Number);
  if (!path || parts.length === 0 || parts.some((p, k) => p === "" || !Number.isFinite(values[k]))) {
    throw new InputError([{ path: ["--vary"], message: `expected PATH=v1,v2,... with finite numbers, such as providers.tencent.model.g0=0.6,0.8, got ${JSON.stringify(text)}` }]);
  }
  return { path, values };
}

export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description("Rerun a scenario with one parameter varied, on common random numbers, and print target outputs per value.")
    .argument("<scenario>", "scenario file: .ts, .js, .yaml, .yml or .json")
    .requiredOption("--vary <path=values>", "field path and values, e.g. providers.tencent.model.g0=0.6,0.8,1.0 (or providers[1].model.g0=...)", parseVary)
    .option("--shift", "add each value to the field's location (keeps a distribution's spread) instead of setting it")
    .option("--output <list>", "outputs METRIC:PROVIDER:PERIOD[:SEGMENT], comma-separated (default: every share in the last complete year)")
    .option("--paths <n>", "paths per run (default: the scenario's)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root seed of every run (default: the scenario's)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "output: table or json", ["table", "json"], "table"))
    .action(async (file: string, flags: { vary: { path: string; values: number[] }; shift?: boolean; output?: string; paths?: number; seed?: number; format: string }) => {
      const scenario = await loadScenarioFile(file);
      const result = withFlags({ outputs: "--output", target: "--target" }, () => sweep(scenario, {
        path: flags.vary.path,
        values: flags.vary.values,
        mode: flags.shift ? "shift" : "set",
        ...(flags.output !== undefined && { outputs: parseOutputs(flags.output) }),
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
      }));
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatSweep(result));
    });
}
