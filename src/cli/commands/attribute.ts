import type { Command } from "commander";
import { withFlags } from "../optionFlags.ts";
import { attribute, type AttributionResult } from "../../engine/attribution.ts";
import { loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";

interface AttributeFlags {
  output: string;
  paths?: number;
  seed?: number;
  format: "table" | "json";
}

function signed(x: number): string {
  const abs = Math.abs(x);
  const text = abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? x.toExponential(3) : x.toFixed(Math.abs(x) >= 10 ? 2 : 5);
  return x > 0 ? `+${text}` : text;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}

/** Plain-text table of an attribution: A, each one-at-a-time part, the interaction, B. */
export function formatAttribution(result: AttributionResult): string {
  const header = ["", "mean", "median", "A -> B"];
  const body: string[][] = [
    [`A: ${result.a.scenario}`, result.a.mean.toPrecision(6), result.a.median.toPrecision(6), ""],
    ...result.parts.map((part) => [part.parameter, signed(part.mean), signed(part.median), `${clip(part.from, 40)} -> ${clip(part.to, 40)}`]),
    ["interaction", signed(result.interaction.mean), signed(result.interaction.median), ""],
    [`B: ${result.b.scenario}`, result.b.mean.toPrecision(6), result.b.median.toPrecision(6), ""],
    ["total change", signed(result.total.mean), signed(result.total.median), ""],
  ];
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 || j === 3 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd();
  return [
    `attribution of ${result.output} (seed ${result.seed}, ${result.paths} paths, common random numbers)`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    "",
  ].join("\n");
}

export function registerAttribute(program: Command): void {
  program
    .command("attribute")
    .description("Attribute the change of an output from scenario A to scenario B to the inputs that differ.")
    .argument("<a>", "scenario A (the reference)")
    .argument("<b>", "scenario B (the same providers and models, other numbers)")
    .requiredOption("--output <metric:provider:period>", "the output compared, e.g. share:tencent:2020")
    .option("--paths <n>", "paths of every run (default: A's, else 10000)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root random seed of every run (default: A's, else 42)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "output on stdout: table or json", ["table", "json"], "table"))
    .action(async (fileA: string, fileB: string, flags: AttributeFlags) => {
      const a = await loadScenarioFile(fileA);
      const b = await loadScenarioFile(fileB);
      const result = withFlags({ output: "--output" }, () => attribute(a, b, {
        output: flags.output,
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
      }));
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatAttribution(result));
    });
}
