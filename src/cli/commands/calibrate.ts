import { calibrateScenario, type CalibrationOptions, type CalibrationResult } from "../../backtest/calibrate.ts";
import { defined } from "../../core/options.ts";
import { DEFAULT_SEED } from "../../scenario/defaults.ts";
import { defineCommand } from "../command.ts";
import { loadScenarioFile } from "../load.ts";
import { option, optionWithDefault } from "../optionTable.ts";
import { choice, nonNegativeInt, positiveInt, rawList } from "../options.ts";
import { SCENARIO_FILE } from "../options.ts";

function table(result: CalibrationResult): string {
  const header = ["widen", "n", "cover50", "cover90", "CRPS", "PIT KS"];
  const body = result.rows.map((r) => [String(r.widen), String(r.n), r.coverage50.toFixed(2), r.coverage90.toFixed(2), r.crps.toPrecision(4), r.pitKs.toFixed(3)]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padStart(widths[j])).join("  ");
  const m = result.meta;
  return [
    `calibration: ${m.scenario}, in sample as of ${m.asOf} (origins ${m.origins.join(", ")}); criterion: ${m.criterion}`,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    "",
    `before: widen ${result.before.widen} (CRPS ${result.before.crps.toPrecision(4)}, 50% ${result.before.coverage50.toFixed(2)}, 90% ${result.before.coverage90.toFixed(2)})`,
    `current: widen ${result.current.widen} (the scenario's own factor)`,
    `chosen: widen ${result.chosen.widen} (CRPS ${result.chosen.crps.toPrecision(4)}, 50% ${result.chosen.coverage50.toFixed(2)}, 90% ${result.chosen.coverage90.toFixed(2)})`,
    "",
  ].join("\n");
}

/** `sharecast calibrate`: choose a scenario's width factor on its own in-sample rolling backtest. */
export const calibrateCommand = defineCommand({
  description: "Choose a scenario's width factor (widen) by its rolling in-sample backtest: only origins and actuals its own as-of date allows.",
  arguments: [{ name: "<scenario>", description: `${SCENARIO_FILE} (an as-of factory that declares actuals)` }],
  options: {
    grid: option("--grid <list>", "width factors to try (default 0.5,0.75,1,1.25,1.5,2,2.5,3,4)", rawList()),
    horizon: option("--horizon <h>", "simulated quarters scored per origin (default 8)", positiveInt(40)),
    lag: option("--lag <quarters>", "quarters from an origin's end to its as-of date (default 1)", nonNegativeInt()),
    paths: option("--paths <n>", "Monte Carlo paths per origin (default 2000)", positiveInt(10_000_000)),
    seed: option("--seed <s>", `root random seed (default ${DEFAULT_SEED})`, nonNegativeInt()),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
  },
  fields: { grid: "--grid", horizon: "--horizon", lagQuarters: "--lag", paths: "--paths" },
  async action([file], flags) {
    const scenario = await loadScenarioFile(file as string);
    const options: CalibrationOptions = defined({
      grid: flags.grid?.map(Number),
      horizon: flags.horizon,
      lagQuarters: flags.lag,
      paths: flags.paths,
      seed: flags.seed,
    });
    const result = calibrateScenario(scenario, options);
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : table(result));
  },
});
