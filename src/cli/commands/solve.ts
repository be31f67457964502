import { getField } from "../../explore/fieldPath.ts";
import { formatSolve } from "../../explore/format.ts";
import { solveYielding } from "../../explore/solve.ts";
import { parseTarget } from "../../explore/statistic.ts";
import { InputError } from "../../core/issues.ts";
import { reuse, runKey, reviveWith } from "../cache.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { loadScenarioFile } from "../load.ts";
import { option, optionWithDefault, requiredOption, switchOption } from "../optionTable.ts";
import { choice, flag, fromParser, MAX_PATHS, nonNegativeInt, positiveInt, range, SCENARIO_FILE, text } from "../options.ts";
import { oneThreadWorkersOption } from "../workersOption.ts";
import { wrapLines } from "../../core/textTable.ts";
import { machineStoreBudget } from "../workers/storeBudget.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";

/**
 * `sharecast solve`: exit 0 with the value when found; when no value in the range reaches the target, exit 2
 * (the range or target given cannot be met) with a message on stderr naming the statistic at both ends, and
 * nothing on stdout (the rule for bad input: no output).
 */
export const solveCommand = defineCommand({
  description: "Find the value of one parameter at which a statistic meets a target (bracketing root finder on common random numbers).",
  arguments: [{ name: "<scenario>", description: SCENARIO_FILE }],
  options: {
    vary: requiredOption("--vary <path>", "field path of the parameter, e.g. providers.tencent.model.g0", text()),
    target: requiredOption(
      "--target <stat=value>",
      "median(OUTPUT)=v, mean(OUTPUT)=v, pNN(OUTPUT)=v or prob(EVENT_ID)=v; OUTPUT is METRIC:PROVIDER:PERIOD[:SEGMENT]",
      fromParser(parseTarget),
    ),
    range: option("--range <lo,hi>", "bracket searched (default: 0 to twice the field's value when it is a number; required otherwise)", range()),
    shift: switchOption("--shift", "solve for a shift added to the field's location (keeps a distribution's spread)", flag().optional()),
    paths: option("--paths <n>", "paths per run (default: the scenario's)", positiveInt(MAX_PATHS)),
    seed: option("--seed <s>", "root seed of every run (default: the scenario's)", nonNegativeInt()),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
    workers: oneThreadWorkersOption,
    wide: wideOption,
  },
  fields: { path: "--vary", target: "--target", range: "--range" },
  async action([file], flags) {
    const scenario = await loadScenarioFile(file as string);
    let range = flags.range;
    if (!range) {
      const current = getField(scenario, flags.vary);
      if (typeof current !== "number" || current === 0 || flags.shift) {
        throw new InputError([{ code: "required", path: ["--range"], message: `expected a range: the field ${flags.vary} is not a non-zero number${flags.shift ? " (or --shift is set)" : ""}, got nothing (required)` }]);
      }
      range = [Math.min(0, 2 * current), Math.max(0, 2 * current)];
    }
    const options = {
      path: flags.vary,
      target: flags.target,
      range,
      mode: flags.shift ? ("shift" as const) : ("set" as const),
      ...defined({ paths: flags.paths, seed: flags.seed }),
    };
    const result = await reuse("solve", runKey(scenario, options, options), () => solveYielding(scenario, { ...options, storeBudgetBytes: machineStoreBudget() }), { revive: reviveWith("evaluations") });
    if (result.status === "not-bracketed" || result.status === "unresolved") {
      throw new InputError([{ code: "invalid", path: ["--target"], message: formatSolve(result).trimEnd().replace(/\n/g, "; ") }]);
    }
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : wrapLines(formatSolve(result), tableWidth(flags.wide)));
  },
});
