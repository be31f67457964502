/**
 * Calibration of a scenario's width factor (`ScenarioTuning.widen`) on its own rolling in-sample backtest:
 * only origins as of the scenario's as-of date at the latest and actuals published by then (the filter of
 * `runScenarioBacktest` with `inSample`), so nothing after the as-of date informs the choice. Each factor of a
 * grid is scored; the chosen one minimises the mean CRPS of the model's cells (a proper score: it rewards
 * calibration and sharpness together), and the report shows each factor's coverage and how far its PIT
 * values are from uniform (the Kolmogorov-Smirnov distance).
 */
import { finish, finishYielding } from "../core/steps.ts";
import { InputError } from "../core/issues.ts";
import { complete } from "../core/options.ts";
import { runScenarioBacktest, type ScenarioBacktestOptions } from "./scenarioBacktest.ts";

/** Settings of {@link calibrateScenario}: the backtest's, and the factors tried. */
export interface CalibrationOptions extends Omit<ScenarioBacktestOptions, "widen" | "lift" | "inSample"> {
  /** Width factors tried. @defaultValue [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4] */
  grid?: number[];
  /** Location corrections tried (annual growth added to the scenario's growth priors). @defaultValue [-0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2] */
  lifts?: number[];
  /** Fewest in-sample cells a scenario needs to be calibrated; with fewer, `chosen` is the scenario as written. @defaultValue 20 */
  minCells?: number;
}

/** One factor's in-sample scores. */
export interface CalibrationRow {
  widen: number;
  lift: number;
  n: number;
  coverage50: number;
  coverage90: number;
  crps: number;
  /** sup_u |F_PIT(u) - u|: 0 for perfectly uniform PIT values. */
  pitKs: number;
}

/** A calibration's outcome: plain data. */
export interface CalibrationResult {
  meta: { scenario: string; asOf: string; origins: string[]; grid: number[]; lifts: number[]; criterion: string; minCells: number; calibrated: boolean };
  rows: CalibrationRow[];
  /** At factor 1 and lift 0: the scenario's uncertainty as written, uncalibrated. */
  before: CalibrationRow;
  /** At the scenario's own tuning (its `widen` and `lift`, 1 and 0 unless it was calibrated). */
  current: CalibrationRow;
  chosen: CalibrationRow;
}

const DEFAULT_GRID = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4];
const DEFAULT_LIFTS = [-0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2];
// Fewer cells than this (a handful of quarters from two or three origins) cannot carry a choice of two numbers.
const MIN_CELLS = 20;

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
 * Scores each pair (width factor, location correction) of the grids on the scenario's in-sample rolling
 * backtest and chooses the one with the lowest mean CRPS (ties: the widen nearest 1, then the lift nearest
 * 0). A scenario whose factory ignores `lift` scores every lift alike and so keeps lift 0. A scenario with
 * fewer than `minCells` in-sample cells is not calibrated: `chosen` is widen 1, lift 0 (every row is still
 * reported).
 *
 * @throws InputError naming `grid` for a factor that is not positive, `lifts` for one that is not finite,
 *   or what the backtest reports.
 */
export function calibrateScenario(scenario: unknown, options: CalibrationOptions = {}): CalibrationResult {
  return finish(calibrationSteps(scenario, options));
}

/**
 * {@link calibrateScenario}, giving the event loop a turn after each backtest of the grid, so that signals
 * end a long calibration at once. The same result.
 */
export async function calibrateScenarioYielding(scenario: unknown, options: CalibrationOptions = {}): Promise<CalibrationResult> {
  return finishYielding(calibrationSteps(scenario, options));
}

/** The work of {@link calibrateScenario}, one backtest of the grid per step (a pooled calibration runs it too). */
export function* calibrationSteps(scenario: unknown, options: CalibrationOptions): Generator<void, CalibrationResult, void> {
  const { grid, lifts, minCells, ...backtest } = complete({ grid: DEFAULT_GRID, lifts: DEFAULT_LIFTS, minCells: MIN_CELLS }, options);
  if (!(Number.isInteger(minCells) && minCells >= 1)) throw new InputError([{ code: "out_of_range", path: ["minCells"], message: `expected a whole number >= 1, got ${minCells}` }]);
  grid.forEach((k, i) => {
    if (!(k > 0 && Number.isFinite(k))) throw new InputError([{ code: "not_positive", path: ["grid", i], message: `expected a positive number, got ${k}` }]);
  });
  lifts.forEach((k, i) => {
    if (!Number.isFinite(k)) throw new InputError([{ code: "invalid_type", path: ["lifts", i], message: `expected a finite number, got ${k}` }]);
  });
  let origins: string[] = [];
  let meta = { scenario: "", asOf: "" };
  const rowAt = (widen: number, lift: number): CalibrationRow => {
    const result = runScenarioBacktest(scenario, { ...backtest, widen, lift, inSample: true });
    meta = { scenario: result.meta.scenario, asOf: result.meta.asOf };
    origins = result.meta.origins.map((o) => o.origin);
    const cells = result.cells.filter((c) => c.method === "model");
    const model = result.summary.find((s) => s.method === "model" && s.group === "all")!;
    return { widen, lift, n: model.n, coverage50: model.coverage50, coverage90: model.coverage90, crps: model.crps, pitKs: pitKsDistance(cells.map((c) => c.pit)) };
  };
  const ownMeta = runScenarioBacktest(scenario, { ...backtest, inSample: true }).meta;
  const factors = [...new Set([...grid, 1, ownMeta.widen])].sort((a, b) => a - b);
  const shifts = [...new Set([...lifts, 0, ownMeta.lift])].sort((a, b) => a - b);
  const rows: CalibrationRow[] = [];
  for (const lift of shifts) {
    for (const widen of factors) {
      yield;
      rows.push(rowAt(widen, lift));
    }
  }
  const nearer = (r: CalibrationRow, best: CalibrationRow) => {
    const dw = Math.abs(r.widen - 1) - Math.abs(best.widen - 1);
    return dw < 0 || (dw === 0 && Math.abs(r.lift) < Math.abs(best.lift));
  };
  const at = (widen: number, lift: number) => rows.find((r) => r.widen === widen && r.lift === lift)!;
  const calibrated = at(1, 0).n >= minCells;
  const best = rows.reduce((b, r) => (r.crps < b.crps || (r.crps === b.crps && nearer(r, b)) ? r : b));
  const chosen = calibrated ? best : at(1, 0);
  const criterion = calibrated ? "lowest mean CRPS of the model's in-sample cells" : `not calibrated: ${at(1, 0).n} in-sample cells, fewer than ${minCells}; the scenario as written`;
  return {
    meta: { scenario: meta.scenario, asOf: meta.asOf, origins, grid: factors, lifts: shifts, criterion, minCells, calibrated },
    rows,
    before: at(1, 0),
    current: at(ownMeta.widen, ownMeta.lift),
    chosen,
  };
}
