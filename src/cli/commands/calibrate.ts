import { resolve } from "node:path";
import { decimalNumber } from "../../core/decimal.ts";
import { InputError } from "../../core/issues.ts";
import { calibrateScenarioYielding, type CalibrationOptions, type CalibrationResult } from "../../backtest/calibrate.ts";
import { calibratePooledYielding, type PooledCalibration } from "../../backtest/pool.ts";
import { defined } from "../../core/options.ts";
import { DEFAULT_SEED } from "../../scenario/defaults.ts";
import { defineCommand } from "../command.ts";
import { loadScenarioFile } from "../load.ts";
import { option, optionWithDefault } from "../optionTable.ts";
import { choice, nonNegativeInt, positiveInt, rawList } from "../options.ts";
import { SCENARIO_FILE } from "../options.ts";
import { textTable, wrapLines, type TextColumn } from "../../core/textTable.ts";
import { tableWidth, wideOption } from "../terminalWidth.ts";

/** The calibration grid and its choice, laid out to `width`. */
function table(result: CalibrationResult, width: number): string {
  const header = ["widen", "lift", "n", "cover50", "cover90", "CRPS", "PIT KS"];
  const body = result.rows.map((r) => [String(r.widen), String(r.lift), String(r.n), r.coverage50.toFixed(2), r.coverage90.toFixed(2), r.crps.toPrecision(4), r.pitKs.toFixed(3)]);
  const m = result.meta;
  return [
    `calibration: ${m.scenario}, in sample as of ${m.asOf} (origins ${m.origins.join(", ")}); criterion: ${m.criterion}`,
    "",
    textTable(header.map((h): TextColumn => ({ header: h, align: "right" })), body, { width }),
    "",
    `before: widen ${result.before.widen}, lift ${result.before.lift} (CRPS ${result.before.crps.toPrecision(4)}, 50% ${result.before.coverage50.toFixed(2)}, 90% ${result.before.coverage90.toFixed(2)})`,
    `current: widen ${result.current.widen}, lift ${result.current.lift} (the scenario's own tuning)`,
    `chosen: widen ${result.chosen.widen}, lift ${result.chosen.lift} (CRPS ${result.chosen.crps.toPrecision(4)}, 50% ${result.chosen.coverage50.toFixed(2)}, 90% ${result.chosen.coverage90.toFixed(2)})`,
    "",
  ]
    .map((block) => (block.includes("\n") ? block : wrapLines(block, width)))
    .join("\n");
}

/** Every scenario's calibration, then the pooled factors and their scores, laid out to `width`. */
function pooledTable(result: PooledCalibration, width: number): string {
  const header = ["factors", "method", "n", "cover50", "cover90", "CRPS model/method", "PIT histogram"];
  const body = result.pooled.flatMap((p) =>
    p.summary.map((s) => [p.label, s.method, String(s.n), s.coverage50.toFixed(2), s.coverage90.toFixed(2), s.modelCrpsRatio === null ? "-" : s.modelCrpsRatio.toFixed(2), s.pitHistogram.join(" ")]),
  );
  const columns = header.map((h, j): TextColumn => ({ header: h, align: j === 0 || j === 1 || j === 6 ? "left" : "right", key: j < 2 }));
  const factors = result.pooled.map((p) => `${p.label}: ${Object.entries(p.widen).map(([k, w]) => `${k} widen ${w} lift ${p.lift[k]} (${p.cells[k]} cells)`).join(", ")}; PIT KS ${p.pitKs.toFixed(3)}`);
  return [
    ...result.scenarios.map((s) => table(s, width)),
    ...["pooled over the scenarios' in-sample cells (CRPS ratios: geometric mean over cells, below 1 the model is better)", ...factors].map((line) => wrapLines(line, width)),
    "",
    textTable(columns, body, { width }),
    "",
  ].join("\n");
}

/** `sharecast calibrate`: choose a scenario's width factor on its own in-sample rolling backtest; with several scenarios, also their pooled in-sample scores. */
export const calibrateCommand = defineCommand({
  description: "Choose a scenario's width factor (widen) and location correction (lift) by its rolling in-sample backtest: only origins and actuals its own as-of date allows.",
  arguments: [{ name: "<scenarios...>", description: `${SCENARIO_FILE} (an as-of factory that declares actuals); several: each calibrated, then their in-sample cells pooled` }],
  options: {
    grid: option("--grid <list>", "width factors to try (default 0.5,0.75,1,1.25,1.5,2,2.5,3,4)", rawList()),
    lifts: option("--lifts <list>", "location corrections to try, annual growth added to the growth priors (default -0.2,-0.1,-0.05,0,0.05,0.1,0.2)", rawList()),
    minCells: option("--min-cells <n>", "fewest in-sample cells a scenario needs to be calibrated (default 20)", positiveInt(100_000)),
    horizon: option("--horizon <h>", "simulated quarters scored per origin (default 8)", positiveInt(40)),
    lag: option("--lag <quarters>", "quarters from an origin's end to its as-of date (default 1)", nonNegativeInt()),
    paths: option("--paths <n>", "Monte Carlo paths per origin (default 2000)", positiveInt(10_000_000)),
    seed: option("--seed <s>", `root random seed (default ${DEFAULT_SEED})`, nonNegativeInt()),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
    wide: wideOption,
  },
  fields: { grid: "--grid", lifts: "--lifts", minCells: "--min-cells", horizon: "--horizon", lagQuarters: "--lag", paths: "--paths" },
  async action([files], flags) {
    const list = (Array.isArray(files) ? files : [files]) as string[];
    // One scenario twice would be pooled twice, weighing its cells double.
    list.forEach((file, k) => {
      const first = list.findIndex((other) => resolve(other) === resolve(file));
      if (first < k) throw new InputError([{ code: "duplicate", path: ["scenarios", k], message: `expected each scenario once, got ${JSON.stringify(file)} again (first at scenarios[${first}])` }]);
    });
    const scenarios = [];
    for (const file of list) scenarios.push(await loadScenarioFile(file));
    const options: CalibrationOptions = defined({
      grid: flags.grid?.map(decimalNumber),
      lifts: flags.lifts?.map(decimalNumber),
      minCells: flags.minCells,
      horizon: flags.horizon,
      lagQuarters: flags.lag,
      paths: flags.paths,
      seed: flags.seed,
    });
    if (scenarios.length > 1) {
      const pooled = await calibratePooledYielding(scenarios, options);
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(pooled, null, 2)}\n` : pooledTable(pooled, tableWidth(flags.wide)));
      return;
    }
    const result = await calibrateScenarioYielding(scenarios[0], options);
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : table(result, tableWidth(flags.wide)));
  },
});
