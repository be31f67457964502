import { compareScenariosYielding } from "../../explore/compare.ts";
import { formatCompare } from "../../explore/format.ts";
import { parseOutputs } from "../../explore/outputs.ts";
import { DEFAULT_PATHS, DEFAULT_SEED } from "../../scenario/defaults.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { loadScenarioFile } from "../load.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";
import { option, optionWithDefault } from "../optionTable.ts";
import { choice, MAX_PATHS, nonNegativeInt, positiveInt, text } from "../options.ts";
import { oneThreadWorkersOption } from "../workersOption.ts";
import { machineStoreBudget } from "../workers/storeBudget.ts";

/** `sharecast compare`: two scenarios on the same seed and paths, side by side with paired differences. */
export const compareCommand = defineCommand({
  description: "Run two scenarios with the same seed and paths and print their outputs side by side with paired differences.",
  arguments: [
    { name: "<a>", description: "first scenario file (A)" },
    { name: "<b>", description: "second scenario file (B)" },
  ],
  options: {
    output: option("--output <list>", "outputs METRIC:PROVIDER:PERIOD[:SEGMENT], comma-separated (default: every common share by complete year)", text()),
    paths: option("--paths <n>", `paths of both runs (default: the scenarios' own when they agree, else ${DEFAULT_PATHS})`, positiveInt(MAX_PATHS)),
    seed: option("--seed <s>", `root seed of both runs (default: the scenarios' own when they agree, else ${DEFAULT_SEED})`, nonNegativeInt()),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
    workers: oneThreadWorkersOption,
    wide: wideOption,
  },
  fields: { outputs: "--output", paths: "--paths" },
  async action([fileA, fileB], flags) {
    const [a, b] = [await loadScenarioFile(fileA as string), await loadScenarioFile(fileB as string)];
    const outputs = flags.output === undefined ? undefined : parseOutputs(flags.output);
    const result = await compareScenariosYielding(a, b, defined({ outputs, paths: flags.paths, seed: flags.seed, storeBudgetBytes: machineStoreBudget() }));
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatCompare(result, { width: tableWidth(flags.wide) }));
  },
});
