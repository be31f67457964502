import type { Command } from "commander";
import { join } from "node:path";
import { runScenario } from "../../engine/run.ts";
import { InputError } from "../../scenario/issues.ts";
import { rowsToCsv, samplesCsv } from "../../report/csv.ts";
import { formatTable } from "../../report/table.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";
import { progressBar } from "../progress.ts";
import { writeAtomic } from "../write.ts";

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

interface RunFlags {
  paths?: number;
  seed?: number;
  format: "table" | "json" | "csv";
  out?: string;
  samples?: string;
  quantiles?: number[];
  progress: boolean;
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
    .action(async (file: string, flags: RunFlags) => {
      const scenario = await loadScenarioFile(file);
      const bar = flags.progress ? progressBar() : null;
      let result;
      try {
        result = runScenario(scenario, {
          ...(flags.paths !== undefined && { paths: flags.paths }),
          ...(flags.seed !== undefined && { seed: flags.seed }),
          ...(flags.quantiles !== undefined && { quantiles: flags.quantiles }),
          ...(bar && { onProgress: bar.update }),
        });
      } finally {
        bar?.stop();
      }
      const json = `${JSON.stringify(result, null, 2)}\n`;
      const csv = rowsToCsv(result.rows, result.meta.quantiles);
      if (flags.out) {
        await writeAtomic(join(flags.out, "result.json"), json);
        await writeAtomic(join(flags.out, "summary.csv"), csv);
      }
      if (flags.samples && result.samples) await writeAtomic(flags.samples, samplesCsv(result.samples));
      const text = flags.format === "json" ? json : flags.format === "csv" ? csv : formatTable(result);
      process.stdout.write(text);
    });
}
