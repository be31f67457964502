/**
 * The catalogue's backtest pooled: several scenarios' in-sample cells scored together, because one
 * scenario alone has too few later actuals for coverage to mean anything. Each scenario is calibrated on its
 * own cells (`calibrateScenario`); the pool reports every method's coverage, PIT histogram and the model's
 * CRPS ratio against each baseline over all cells (a unit-free geometric mean of per-cell ratios, so
 * revenues in RMB and USD and shares pool), as written (widen 1, lift 0), at each scenario's own tuning,
 * and at the chosen tuning.
 */
import { finish, finishYielding } from "../core/steps.ts";
import { calibrationSteps, pitKsDistance, type CalibrationOptions, type CalibrationResult } from "./calibrate.ts";
import { runScenarioBacktest, summariseScenarioCells, type ScenarioCellScore, type ScenarioMethodSummary } from "./scenarioBacktest.ts";

/** One pooled table: which factor each scenario was run at, its cells, and every method's summary. */
export interface PooledScores {
  /** `asWritten` (widen 1, lift 0), `current` (each scenario's own tuning), `chosen` (each scenario's calibrated tuning). */
  label: "asWritten" | "current" | "chosen";
  widen: Record<string, number>;
  lift: Record<string, number>;
  /** Model cells per scenario. */
  cells: Record<string, number>;
  /** Per method over all pooled cells (group `all`); CRPS means are not comparable across units, the ratios are. */
  summary: ScenarioMethodSummary[];
  /** KS distance of the model's pooled PIT values from uniform. */
  pitKs: number;
}

/** A pooled calibration: each scenario's calibration and the pooled tables. */
export interface PooledCalibration {
  scenarios: CalibrationResult[];
  pooled: PooledScores[];
}

function cellsAt(scenario: unknown, name: string, widen: number, lift: number, options: CalibrationOptions): ScenarioCellScore[] {
  const { grid: _grid, lifts: _lifts, minCells: _minCells, ...backtest } = options;
  // Outputs are prefixed with the scenario so that cells of two scenarios never share a key.
  return runScenarioBacktest(scenario, { ...backtest, widen, lift, inSample: true }).cells.map((c) => ({ ...c, output: `${name}/${c.output}` }));
}

/**
 * Calibrates each scenario on its own in-sample backtest, then pools the model's and the baselines' cells.
 *
 * @throws InputError from any scenario's backtest (naming its field).
 */
export function calibratePooled(scenarios: readonly unknown[], options: CalibrationOptions = {}): PooledCalibration {
  return finish(pooledSteps(scenarios, options));
}

/**
 * {@link calibratePooled}, giving the event loop a turn after each backtest (of every scenario's grid, then
 * of the pooled tables), so that signals end a long calibration at once. The same result.
 */
export async function calibratePooledYielding(scenarios: readonly unknown[], options: CalibrationOptions = {}): Promise<PooledCalibration> {
  return finishYielding(pooledSteps(scenarios, options));
}

/** The work of {@link calibratePooled}: each scenario's calibration, then one backtest per step. */
function* pooledSteps(scenarios: readonly unknown[], options: CalibrationOptions): Generator<void, PooledCalibration, void> {
  const results: CalibrationResult[] = [];
  for (const scenario of scenarios) results.push(yield* calibrationSteps(scenario, options));
  const pooled: PooledScores[] = [];
  for (const label of ["asWritten", "current", "chosen"] as const) {
    const widen: Record<string, number> = Object.create(null);
    const lift: Record<string, number> = Object.create(null);
    const count: Record<string, number> = Object.create(null);
    const cells: ScenarioCellScore[] = [];
    for (const [k, r] of results.entries()) {
      yield;
      const row = label === "asWritten" ? r.before : label === "current" ? r.current : r.chosen;
      widen[r.meta.scenario] = row.widen;
      lift[r.meta.scenario] = row.lift;
      const c = cellsAt(scenarios[k], r.meta.scenario, row.widen, row.lift, options);
      count[r.meta.scenario] = c.filter((x) => x.method === "model").length;
      cells.push(...c);
    }
    const summary = summariseScenarioCells(cells, 10).filter((s) => s.group === "all");
    pooled.push({ label, widen, lift, cells: count, summary, pitKs: pitKsDistance(cells.filter((c) => c.method === "model").map((c) => c.pit)) });
  }
  return { scenarios: results, pooled };
}
