/**
 * Calibration of a scenario's width factor (`ScenarioTuning.widen`) on its own rolling in-sample backtest:
 * only origins as of the scenario's as-of date at the latest and actuals published by then (the filter of
 * `runScenarioBacktest` with `inSample`), so nothing after the as-of date informs the choice. Each factor of a
 * grid is scored; the chosen one minimises the mean CRPS of the model's cells (a proper score: it rewards
 * calibration and sharpness together), and the report shows each factor's coverage and how far its PIT
 * values are from uniform (the Kolmogorov-Smirnov distance).
 */
import { InputError } from "../core/issues.ts";
import { complete } from "../core/options.ts";
import { runScenarioBacktest, type ScenarioBacktestOptions } from "./scenarioBacktest.ts";

/** Settings of {@link calibrateScenario}: the backtest's, and the factors tried. */
export interface CalibrationOptions extends Omit<ScenarioBacktestOptions, "widen" | "inSample"> {
  /** Width factors tried. @defaultValue [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4] */
  grid?: number[];
}

/** One factor's in-sample scores. */
export interface CalibrationRow {
  widen: number;
  n: number;
  coverage50: number;
  coverage90: number;
  crps: number;
  /** sup_u |F_PIT(u) - u|: 0 for perfectly uniform PIT values. */
  pitKs: number;
}

/** A calibration's outcome: plain data. */
export interface CalibrationResult {
  meta: { scenario: string; asOf: string; origins: string[]; grid: number[]; criterion: string };
  rows: CalibrationRow[];
  /** At factor 1: the scenario's uncertainty as written, uncalibrated. */
  before: CalibrationRow;
  /** At the scenario's own factor (its `widen`, 1 unless it was calibrated). */
  current: CalibrationRow;
  chosen: CalibrationRow;
}

const DEFAULT_GRID = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4];

/**
 * Kolmogorov-Smirnov distance of values in [0, 1] from the uniform distribution: the largest gap between
 * their empirical CDF and u, max over sorted u_(i) of max(i / n - u_(i), u_(i) - (i - 1) / n).
 *
 * @example pitKsDistance([0.5]) // 0.5
 */
export function pitKsDistance(values: readonly number[]): number {
  const u = [...values].sort((a, b) => a - b);
  let d = 0;
  u.forEach((x, i) => (d = Math.max(d, (i + 1) / u.length - x, x - i / u.length)));
  return d;
}

/**
 * Scores each width factor of the grid on the scenario's in-sample rolling backtest and chooses the one with
 * the lowest mean CRPS (ties: the factor nearest 1).
 *
 * @throws InputError naming `grid` for a factor that is not positive, or what the backtest reports.
 */
export function calibrateScenario(scenario: unknown, options: CalibrationOptions = {}): CalibrationResult {
  const { grid, ...backtest } = complete({ grid: DEFAULT_GRID }, options);
  grid.forEach((k, i) => {
    if (!(k > 0 && Number.isFinite(k))) throw new InputError([{ code: "not_positive", path: ["grid", i], message: `expected a positive number, got ${k}` }]);
  });
  let origins: string[] = [];
  let meta = { scenario: "", asOf: "", widen: 1 };
  const rowAt = (widen: number): CalibrationRow => {
    const result = runScenarioBacktest(scenario, { ...backtest, widen, inSample: true });
    meta = { scenario: result.meta.scenario, asOf: result.meta.asOf, widen: meta.widen };
    origins = result.meta.origins.map((o) => o.origin);
    const cells = result.cells.filter((c) => c.method === "model");
    const model = result.summary.find((s) => s.method === "model" && s.group === "all")!;
    return { widen, n: model.n, coverage50: model.coverage50, coverage90: model.coverage90, crps: model.crps, pitKs: pitKsDistance(cells.map((c) => c.pit)) };
  };
  const own = runScenarioBacktest(scenario, { ...backtest, inSample: true }).meta.widen;
  const factors = [...new Set([...grid, 1, own])].sort((a, b) => a - b);
  const rows = factors.map(rowAt);
  const chosen = rows.reduce((best, r) => (r.crps < best.crps || (r.crps === best.crps && Math.abs(r.widen - 1) < Math.abs(best.widen - 1)) ? r : best));
  return {
    meta: { scenario: meta.scenario, asOf: meta.asOf, origins, grid: factors, criterion: "lowest mean CRPS of the model's in-sample cells" },
    rows,
    before: rows.find((r) => r.widen === 1)!,
    current: rows.find((r) => r.widen === own)!,
    chosen,
  };
}
