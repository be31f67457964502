import { attributeYielding, type AttributionResult } from "../../engine/attribution.ts";
import { DEFAULT_PATHS, DEFAULT_SEED } from "../../scenario/defaults.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { loadScenarioFile } from "../load.ts";
import { option, optionWithDefault, requiredOption } from "../optionTable.ts";
import { choice, MAX_PATHS, nonNegativeInt, positiveInt, text } from "../options.ts";
import { oneThreadWorkersOption } from "../workersOption.ts";
import { textTable, wrapLines } from "../../core/textTable.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";

function signed(x: number): string {
  const abs = Math.abs(x);
  const text = abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? x.toExponential(3) : x.toFixed(Math.abs(x) >= 10 ? 2 : 5);
  return x > 0 ? `+${text}` : text;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}

/**
 * Plain-text table of an attribution: A, each one-at-a-time part, the interaction, B; laid out to `width`
 * (the `A -> B` values wrap at word boundaries, then the columns split into panels).
 */
export function formatAttribution(result: AttributionResult, width: number = Infinity): string {
  const header = ["", "mean", "median", "A -> B"];
  const body: string[][] = [
    [`A: ${result.a.scenario}`, result.a.mean.toPrecision(6), result.a.median.toPrecision(6), ""],
    ...result.parts.map((part) => [part.parameter, signed(part.mean), signed(part.median), `${clip(part.from, 40)} -> ${clip(part.to, 40)}`]),
    ["interaction", signed(result.interaction.mean), signed(result.interaction.median), ""],
    [`B: ${result.b.scenario}`, result.b.mean.toPrecision(6), result.b.median.toPrecision(6), ""],
    ["total change", signed(result.total.mean), signed(result.total.median), ""],
  ];
  const columns = header.map((h, j) => ({ header: h, align: j === 0 || j === 3 ? ("left" as const) : ("right" as const), key: j === 0, wrap: j === 3 }));
  return [wrapLines(`attribution of ${result.output} (seed ${result.seed}, ${result.paths} paths, common random numbers)`, width), "", textTable(columns, body, { width }), ""].join("\n");
}

/** `sharecast attribute`: the change of an output from scenario A to B split among the inputs that differ. */
export const attributeCommand = defineCommand({
  description: "Attribute the change of an output from scenario A to scenario B to the inputs that differ.",
  arguments: [
    { name: "<a>", description: "scenario A (the reference)" },
    { name: "<b>", description: "scenario B (the same providers and models, other numbers)" },
  ],
  options: {
    output: requiredOption("--output <metric:provider:period>", "the output compared, e.g. share:tencent:2020", text()),
    paths: option("--paths <n>", `paths of every run (default: A's, else ${DEFAULT_PATHS})`, positiveInt(MAX_PATHS)),
    seed: option("--seed <s>", `root random seed of every run (default: A's, else ${DEFAULT_SEED})`, nonNegativeInt()),
    format: optionWithDefault("--format <format>", "output on stdout: table or json", choice(["table", "json"]), "table"),
    workers: oneThreadWorkersOption,
    wide: wideOption,
  },
  fields: { output: "--output" },
  async action([fileA, fileB], flags) {
    const a = await loadScenarioFile(fileA as string);
    const b = await loadScenarioFile(fileB as string);
    const result = await attributeYielding(a, b, { output: flags.output, ...defined({ paths: flags.paths, seed: flags.seed }) });
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatAttribution(result, tableWidth(flags.wide)));
  },
});
