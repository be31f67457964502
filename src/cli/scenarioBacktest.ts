import { extname } from "node:path";
import { runScenarioBacktest, type ScenarioBacktestOptions } from "../backtest/scenarioBacktest.ts";
import { formatScenarioBacktestTable } from "../backtest/scenarioTable.ts";
import { InputError } from "../core/issues.ts";
import { defined } from "../core/options.ts";
import { loadScenarioFile } from "./load.ts";

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
}

/**
 * `sharecast backtest SCENARIO.ts`: rebuilds the scenario at each origin and scores it (see
 * `runScenarioBacktest`); prints the table or the JSON document.
 *
 * @throws InputError naming a flag that applies only to curve backtests, or what the backtest reports.
 */
export async function scenarioBacktestAction(file: string, flags: ScenarioBacktestFlags): Promise<void> {
  for (const [flag, value] of [["--series", flags.series], ["--curve", flags.curve], ["--chart", flags.chart]] as const) {
    if (value !== undefined) throw new InputError([{ code: "conflict", path: [flag], message: `expected no ${flag} with a scenario (it applies to curve backtests), got ${JSON.stringify(value)}` }]);
  }
  const scenario = await loadScenarioFile(file);
  const origins = flags.rolling ? ("rolling" as const) : (flags.origins ?? (flags.asOf === undefined ? undefined : [flags.asOf]));
  const lift = flags.lift === undefined ? undefined : Number(flags.lift);
  if (lift !== undefined && !Number.isFinite(lift)) throw new InputError([{ code: "invalid_type", path: ["--lift"], message: `expected a number, got ${JSON.stringify(flags.lift)}` }]);
  const options: ScenarioBacktestOptions = defined({ origins, horizon: flags.horizon, paths: flags.paths, seed: flags.seed, lagQuarters: flags.lag, widen: flags.widen, lift });
  const result = runScenarioBacktest(scenario, options);
  process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatScenarioBacktestTable(result));
}
