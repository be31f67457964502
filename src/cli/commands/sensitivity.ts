import { sensitivityYielding, SENSITIVITY_DEFAULTS, type SensitivityResult } from "../../engine/sensitivity.ts";
import { textTable, wrapLines, type TextColumn } from "../../core/textTable.ts";
import { DEFAULT_PATHS, DEFAULT_SEED } from "../../scenario/defaults.ts";
import { reuse, runKey, reviveWith } from "../cache.ts";
import { defineCommand } from "../command.ts";
import { loadScenarioFile } from "../load.ts";
import { option, optionWithDefault, requiredOption } from "../optionTable.ts";
import { bootstrapCount, choice, MAX_PATHS, nonNegativeInt, positiveInt, SCENARIO_FILE, SOBOL_MIN_N, text, wholeNumber } from "../options.ts";
import { sensitivityOptions } from "../sensitivityOptions.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";
import { machineStoreBudget } from "../workers/storeBudget.ts";
import { oneThreadWorkersOption } from "../workersOption.ts";

function fixed(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

function value(x: number): string {
  const abs = Math.abs(x);
  return !Number.isFinite(x) ? "n/a" : abs !== 0 && (abs < 0.01 || abs >= 1e5) ? x.toExponential(3) : x.toPrecision(4);
}

/**
 * Plain-text table of a sensitivity analysis, inputs in its ranking (total Sobol index, largest first), laid
 * out to `width` (panels that repeat the parameter when the columns do not fit).
 */
export function formatSensitivity(result: SensitivityResult, width = Infinity): string {
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
  const columns: TextColumn[] = header.map((h, j) => (j === 0 ? { header: h, key: true } : { header: h, align: "right" }));
  const { sobol, tornado } = result;
  const prose = (text: string) => wrapLines(text, width);
  return [
    prose(`sensitivity of ${result.output} (${result.scenario}, seed ${result.seed}); ranked by total Sobol index`),
    prose(`base (all inputs at their medians, shocks off): ${value(result.base)}`),
    prose(
      `tornado: inputs at p${tornado.lowProbability * 100} and p${tornado.highProbability * 100}; spearman: ${result.paths} paths; ` +
        `sobol: n = ${sobol.n}, ${sobol.evaluations} evaluations, ${sobol.confidence * 100}% bootstrap intervals (${sobol.bootstrap})`,
    ),
    "",
    textTable(columns, body, { width }),
    "",
    prose(`shocks: ${result.treatment.shocks}`),
    prose(`correlations: ${result.treatment.correlations}`),
    "",
  ].join("\n");
}

/** `sharecast sensitivity`: tornado swings, Spearman correlations and Sobol indices of one output. */
export const sensitivityCommand = defineCommand({
  description: "Tornado swings, Spearman correlations and Sobol indices of one output for every uncertain input.",
  arguments: [{ name: "<scenario>", description: SCENARIO_FILE }],
  options: {
    output: requiredOption("--output <metric:provider:period>", "the output analysed, e.g. share:tencent:2020 (append :SEGMENT for a segment)", text()),
    paths: option("--paths <n>", `paths of the run behind the Spearman correlations (default: the scenario's, else ${DEFAULT_PATHS})`, positiveInt(MAX_PATHS)),
    seed: option("--seed <s>", `root random seed (default: the scenario's, else ${DEFAULT_SEED})`, nonNegativeInt()),
    sobolN: option("--sobol-n <n>", `base sample size of the Saltelli design; the engine runs n (k + 2) points (default ${SENSITIVITY_DEFAULTS.sobolN})`, wholeNumber(SOBOL_MIN_N, 10_000_000)),
    bootstrap: option("--bootstrap <b>", `bootstrap resamples of the Sobol intervals (default ${SENSITIVITY_DEFAULTS.bootstrap}; 0: none)`, bootstrapCount()),
    format: optionWithDefault("--format <format>", "output on stdout: table or json", choice(["table", "json"]), "table"),
    workers: oneThreadWorkersOption,
    wide: wideOption,
  },
  fields: { output: "--output", sobolN: "--sobol-n" },
  async action([file], flags) {
    const scenario = await loadScenarioFile(file as string);
    const options = sensitivityOptions(flags.output, flags);
    const result = await reuse("sensitivity", runKey(scenario, options, options), () => sensitivityYielding(scenario, { ...options, storeBudgetBytes: machineStoreBudget() }), { revive: reviveWith("inputs") });
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatSensitivity(result, tableWidth(flags.wide)));
  },
});
