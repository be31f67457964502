import type { Command } from "commander";
import { withFlags } from "../optionFlags.ts";
import { compareScenarios } from "../../explore/compare.ts";
import { formatCompare } from "../../explore/format.ts";
import { parseOutputs } from "../../explore/outputs.ts";
import { loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";

export function registerCompare(program: Command): void {
  program
    .command("compare")
    .description("Run two scenarios with the same seed and paths and print their outputs side by side with paired differences.")
    .argument("<a>", "first scenario file (A)")
    .argument("<b>", "second scenario file (B)")
    .option("--output <list>", "outputs METRIC:PROVIDER:PERIOD[:SEGMENT], comma-separated (default: every common share by complete year)")
    .option("--paths <n>", "paths of both runs (default: the scenarios' own when they agree, else 10000)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root seed of both runs (default: the scenarios' own when they agree, else 42)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "output: table or json", ["table", "json"], "table"))
    .action(async (fileA: string, fileB: string, flags: { output?: string; paths?: number; seed?: number; format: string }) => {
      const [a, b] = [await loadScenarioFile(fileA), await loadScenarioFile(fileB)];
      const result = withFlags({ outputs: "--output", target: "--target" }, () => compareScenarios(a, b, {
        ...(flags.output !== undefined && { outputs: parseOutputs(flags.output) }),
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
      }));
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatCompare(result));
    });
}
