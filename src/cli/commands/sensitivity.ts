import type { Command } from "commander";
import { withFlags } from "../optionFlags.ts";
import { sensitivity, SENSITIVITY_DEFAULTS, type SensitivityResult } from "../../engine/sensitivity.ts";
import { loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";

interface SensitivityFlags {
  output: string;
  paths?: number;
  seed?: number;
  sobolN?: number;
  bootstrap?: number;
  format: "table" | "json";
}

function fixed(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

function value(x: number): string {
  const abs = Math.abs(x);
  return !Number.isFinite(x) ? "n/a" : abs !== 0 && (abs < 0.01 || abs >= 1e5) ? x.toExponential(3) : x.toPrecision(4);
}

/** Plain-text table of a sensitivity analysis, inputs in its ranking (total Sobol index, largest first). */
export function formatSensitivity(result: SensitivityResult): string {
  const header = ["parameter", "tornado low", "tornado high", "swing", "spearman", "S first [CI]", "S total [CI]"];
  const body = result.inputs.map((input) => [
    input.parameter,
    value(input.tornado.low),
    value(input.tornado.high),
    value(input.tornado.swing),
    fixed(input.spearman),
    `${fixed(input.sobolFirst)} [${fixed(input.sobolFirstCi[0])}, ${fixed(input.sobolFirstCi[1])}]`,
    `${fixed(input.sobolTotal)} [${fixed(input.sobolTotalCi[0])}, ${fixed(input.sobolTotalCi[1])}]`,
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd();
  const { sobol, tornado } = result;
  return [
    `sensitivity of ${result.output} (${result.scenario}, seed ${result.seed}); ranked by total Sobol index`,
    `base (all inputs at their medians, shocks off): ${value(result.base)}`,
    `tornado: inputs at p${tornado.lowProbability * 100} and p${tornado.highProbability * 100}; spearman: ${result.paths} paths; ` +
      `sobol: n = ${sobol.n}, ${sobol.evaluations} evaluations, ${sobol.confidence * 100}% bootstrap intervals (${sobol.bootstrap})`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    "",
    `shocks: ${result.treatment.shocks}`,
    `correlations: ${result.treatment.correlations}`,
    "",
  ].join("\n");
}

export function registerSensitivity(program: Command): void {
  program
    .command("sensitivity")
    .description("Tornado swings, Spearman correlations and Sobol indices of one output for every uncertain input.")
    .argument("<scenario>", "scenario file: .ts, .js, .yaml, .yml or .json")
    .requiredOption("--output <metric:provider:period>", "the output analysed, e.g. share:tencent:2020 (append :SEGMENT for a segment)")
    .option("--paths <n>", "paths of the run behind the Spearman correlations (default: the scenario's, else 10000)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root random seed (default: the scenario's, else 42)", nonNegativeInt("--seed"))
    .option("--sobol-n <n>", `base sample size of the Saltelli design; the engine runs n (k + 2) points (default ${SENSITIVITY_DEFAULTS.sobolN})`, positiveInt("--sobol-n", 10_000_000))
    .option("--bootstrap <b>", `bootstrap resamples of the Sobol intervals (default ${SENSITIVITY_DEFAULTS.bootstrap})`, nonNegativeInt("--bootstrap"))
    .addOption(choice("--format <format>", "output on stdout: table or json", ["table", "json"], "table"))
    .action(async (file: string, flags: SensitivityFlags) => {
      const scenario = await loadScenarioFile(file);
      const result = withFlags({ output: "--output" }, () => sensitivity(scenario, {
        output: flags.output,
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
        ...(flags.sobolN !== undefined && { sobolN: Math.max(2, flags.sobolN) }),
        ...(flags.bootstrap !== undefined && { bootstrap: flags.bootstrap }),
      }));
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatSensitivity(result));
    });
}
