import { z } from "zod";
import { sweepChartSpec } from "../../report/charts/sweepChart.ts";
import { formatSweep } from "../../explore/format.ts";
import { parseOutputs } from "../../explore/outputs.ts";
import { sweepYielding } from "../../explore/sweep.ts";
import { reuse, runKey, reviveWith } from "../cache.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { decimalNumber } from "../../core/decimal.ts";
import { loadScenarioFile } from "../load.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";
import { option, optionWithDefault, requiredOption, switchOption } from "../optionTable.ts";
import { choice, flag, issueCode, MAX_PATHS, nonNegativeInt, positiveInt, SCENARIO_FILE, text, type ValueSchema, pathText } from "../options.ts";
import { oneThreadWorkersOption } from "../workersOption.ts";
import { chartFileFormat, renderChart } from "../render.ts";
import { machineStoreBudget } from "../workers/storeBudget.ts";
import { AtomicFile } from "../write.ts";

/** Splits `PATH=v1,v2,...` into the path and its value texts. */
function splitVary(value: string): { path: string; parts: string[] } {
  const at = value.indexOf("=");
  return { path: at < 0 ? "" : value.slice(0, at).trim(), parts: at < 0 ? [] : value.slice(at + 1).split(",").map((s) => s.trim()) };
}

/** `--vary PATH=v1,v2,...`: the field path and its finite values. */
function vary(): ValueSchema<{ path: string; values: number[] }> {
  return z
    .string()
    .refine(
      (value) => {
        const { path, parts } = splitVary(value);
        const values = parts.map(decimalNumber);
        // A value twice would print its row twice.
        return path !== "" && parts.length > 0 && values.every(Number.isFinite) && new Set(values).size === values.length;
      },
      { error: (issue) => `expected PATH=v1,v2,... with distinct finite numbers, such as providers.tencent.model.g0=0.6,0.8, got ${JSON.stringify(issue.input)}`, ...issueCode("invalid_format") },
    )
    .transform((value) => {
      const { path, parts } = splitVary(value);
      return { path, values: parts.map(decimalNumber) };
    });
}

/** `sharecast sweep`: one parameter varied on common random numbers, target outputs per value. */
export const sweepCommand = defineCommand({
  description: "Rerun a scenario with one parameter varied, on common random numbers, and print target outputs per value.",
  arguments: [{ name: "<scenario>", description: SCENARIO_FILE }],
  options: {
    vary: requiredOption("--vary <path=values>", "field path and values, e.g. providers.tencent.model.g0=0.6,0.8,1.0 (or providers[1].model.g0=...)", vary()),
    shift: switchOption("--shift", "add each value to the field's location (keeps a distribution's spread) instead of setting it", flag().optional()),
    output: option("--output <list>", "outputs METRIC:PROVIDER:PERIOD[:SEGMENT], comma-separated (default: every share in the last complete year)", text()),
    paths: option("--paths <n>", "paths per run (default: the scenario's)", positiveInt(MAX_PATHS)),
    seed: option("--seed <s>", "root seed of every run (default: the scenario's)", nonNegativeInt()),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
    chart: option("--chart <file>", "also draw the sweep to FILE.svg or FILE.png: per output, the mean and p05-p95 band at each value, and each step's paired difference with its 95% interval", pathText()),
    workers: oneThreadWorkersOption,
    wide: wideOption,
  },
  fields: { path: "--vary", values: "--vary", outputs: "--output" },
  async action([file], flags) {
    const scenario = await loadScenarioFile(file as string);
    const outputs = flags.output === undefined ? undefined : parseOutputs(flags.output);
    const options = {
      path: flags.vary.path,
      values: flags.vary.values,
      mode: flags.shift ? ("shift" as const) : ("set" as const),
      ...defined({ outputs, paths: flags.paths, seed: flags.seed }),
    };
    // The chart's file is checked and opened before the runs, so a bad path fails at once and leaves nothing.
    const chart = flags.chart === undefined ? null : { format: chartFileFormat(flags.chart), file: new AtomicFile(flags.chart, "--chart") };
    try {
      const result = await reuse("sweep", runKey(scenario, options, options), () => sweepYielding(scenario, { ...options, storeBudgetBytes: machineStoreBudget() }), { revive: reviveWith("cells") });
      if (chart) {
        chart.file.write(await renderChart(sweepChartSpec(result), chart.format));
        chart.file.commit();
        process.stderr.write(`sharecast: wrote ${flags.chart}\n`);
      }
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatSweep(result, { width: tableWidth(flags.wide) }));
    } catch (error) {
      chart?.file.abort();
      throw error;
    }
  },
});
