import { extname } from "node:path";
import { runScenarioBacktestYielding, type ScenarioBacktestOptions } from "../backtest/scenarioBacktest.ts";
import { formatScenarioBacktestTable } from "../backtest/scenarioTable.ts";
import { InputError } from "../core/issues.ts";
import { defined } from "../core/options.ts";
import { decimalNumber } from "../core/decimal.ts";
import { loadScenarioFile } from "./load.ts";
import { backtestBandsSpec, pitHistogramSpec, reliabilitySpec } from "../report/charts/scenarioBacktestCharts.ts";
import { renderChart } from "./render.ts";
import { writeAtomic } from "./write.ts";
import { tableWidth } from "./terminalWidth.ts";

const SCRIPT = new Set([".ts", ".mts", ".js", ".mjs"]);

/** Whether `backtest`'s argument is a scenario module (backtested whole) rather than a spec file. */
export function isScenarioModule(file: string): boolean {
  return SCRIPT.has(extname(file).toLowerCase());
}

/** The flags of `backtest` a scenario backtest reads (the others belong to curve backtests). */
export interface ScenarioBacktestFlags {
  origins?: string[];
  asOf?: string;
  rolling?: boolean;
  horizon?: number;
  paths?: number;
  seed?: number;
  lag?: number;
  widen?: number;
  lift?: string;
  format: string;
  series?: string;
  curve?: string;
  chart?: string;
  wide?: boolean;
}

/** `--chart FILE.svg` of a scenario backtest: FILE.pit.svg, FILE.reliability.svg and FILE.bands.svg. */
function chartFiles(file: string): { format: "svg" | "png"; files: string[] } {
  const ext = extname(file).toLowerCase();
  if (ext !== ".svg" && ext !== ".png") throw new InputError([{ code: "invalid_format", path: ["--chart"], message: `expected a file ending in .svg or .png, got ${JSON.stringify(file)}` }]);
  const stem = file.slice(0, -ext.length);
  return { format: ext.slice(1) as "svg" | "png", files: ["pit", "reliability", "bands"].map((kind) => `${stem}.${kind}${ext}`) };
}

/**
 * `sharecast backtest SCENARIO.ts`: rebuilds the scenario at each origin and scores it (see
 * `runScenarioBacktest`); prints the table or the JSON document; with `--chart FILE.svg`, also writes the
 * PIT histogram, the reliability diagram and the bands against actuals (FILE.pit.svg, .reliability.svg,
 * .bands.svg).
 *
 * @throws InputError naming a flag that applies only to curve backtests, or what the backtest reports.
 */
export async function scenarioBacktestAction(file: string, flags: ScenarioBacktestFlags): Promise<void> {
  for (const [flag, value] of [["--series", flags.series], ["--curve", flags.curve]] as const) {
    if (value !== undefined) throw new InputError([{ code: "conflict", path: [flag], message: `expected no ${flag} with a scenario (it applies to curve backtests), got ${JSON.stringify(value)}` }]);
  }
  const chart = flags.chart === undefined ? undefined : chartFiles(flags.chart);
  const scenario = await loadScenarioFile(file);
  const origins = flags.rolling ? ("rolling" as const) : (flags.origins ?? (flags.asOf === undefined ? undefined : [flags.asOf]));
  const lift = flags.lift === undefined ? undefined : decimalNumber(flags.lift);
  if (lift !== undefined && !Number.isFinite(lift)) throw new InputError([{ code: "invalid_type", path: ["--lift"], message: `expected a number, got ${JSON.stringify(flags.lift)}` }]);
  const options: ScenarioBacktestOptions = defined({ origins, horizon: flags.horizon, paths: flags.paths, seed: flags.seed, lagQuarters: flags.lag, widen: flags.widen, lift });
  const result = await runScenarioBacktestYielding(scenario, options);
  if (chart) {
    const specs = [pitHistogramSpec(result), reliabilitySpec(result), backtestBandsSpec(result)];
    for (const [k, out] of chart.files.entries()) {
      await writeAtomic(out, await renderChart(specs[k], chart.format), "--chart");
      process.stderr.write(`sharecast: wrote ${out}\n`);
    }
  }
  process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatScenarioBacktestTable(result, { width: tableWidth(flags.wide) }));
}
