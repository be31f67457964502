import { parseQuarter } from "../calendar/quarter.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import { complete } from "../core/options.ts";
import { curveParameterNames, type CurveName } from "../curves/curve.ts";
import { DEFAULT_QUANTILES, DEFAULT_SEED } from "../scenario/defaults.ts";

/** A published point forecast, scored at the origins where it was known. */
export interface PublishedForecast {
  id: string;
  source: string;
  /** Target quarter. */
  period: string;
  value: number;
  /** Publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); scored from the first origin whose quarter ended on or after it. Without it: at every origin before the target. */
  published?: string;
}

/** A backtest's settings. Defaults are filled by {@link completeBacktestOptions}. */
export interface BacktestOptions {
  /** What the series is, for the report (e.g. `alibaba revenue`). */
  name?: string;
  unit?: string;
  /** @defaultValue "logistic" */
  curve?: CurveName;
  /** @defaultValue "covariance" */
  uncertainty?: "covariance" | "bootstrap" | "none";
  /** Add the fit's residual noise to the model's paths. @defaultValue true */
  residualNoise?: boolean;
  /** Origin quarters; or `"rolling"`: every quarter from the one with `minHistory` observations that has an actual within the horizon. @defaultValue "rolling" */
  origins?: string[] | "rolling";
  /** Quarters ahead. @defaultValue 4 */
  horizon?: number;
  /** Observed quarters an origin needs (rolling origins only). @defaultValue 8 */
  minHistory?: number;
  /** @defaultValue 4000 */
  paths?: number;
  /** @defaultValue 42 */
  seed?: number;
  /** Levels of the pinball loss and of the reported quantiles. @defaultValue [0.05, 0.25, 0.5, 0.75, 0.95] */
  quantiles?: number[];
  /** The fitted model's t = 0 quarter (default: each origin). */
  timeOrigin?: string;
  /** @defaultValue 200, the fitted model's `DEFAULT_BOOTSTRAP_SAMPLES` (bootstrap only) */
  bootstrapSamples?: number;
  forecasts?: PublishedForecast[];
}

/** Options with every default filled in. */
export type CompleteBacktestOptions = Required<Omit<BacktestOptions, "timeOrigin" | "bootstrapSamples" | "unit">> &
  Pick<BacktestOptions, "timeOrigin" | "bootstrapSamples" | "unit">;

/** Defaults of {@link BacktestOptions} (seed and quantiles are the engine's). */
export const BACKTEST_DEFAULTS: Omit<CompleteBacktestOptions, "timeOrigin" | "bootstrapSamples" | "unit"> = {
  name: "series",
  curve: "logistic",
  uncertainty: "covariance",
  residualNoise: true,
  origins: "rolling",
  horizon: 4,
  minHistory: 8,
  paths: 4000,
  seed: DEFAULT_SEED,
  quantiles: [...DEFAULT_QUANTILES],
  forecasts: [],
};

/** The one place backtest defaults are filled (an explicit `undefined` keeps the default); quantiles sorted, each once. */
export function completeBacktestOptions(options: BacktestOptions): CompleteBacktestOptions {
  const o = complete(BACKTEST_DEFAULTS, options);
  return { ...o, quantiles: [...new Set(o.quantiles)].sort((a, b) => a - b) };
}

/** Checks completed backtest options; issues name the option fields. @throws InputError listing every problem. */
export function checkBacktestOptions(o: CompleteBacktestOptions): void {
  const issues: InputIssue[] = [];
  if (!Number.isInteger(o.horizon) || o.horizon < 1 || o.horizon > 40) issues.push({ code: "out_of_range", path: ["horizon"], message: `expected a whole number from 1 to 40, got ${o.horizon}` });
  if (!Number.isInteger(o.minHistory) || o.minHistory < 3) issues.push({ code: "out_of_range", path: ["minHistory"], message: `expected a whole number >= 3, got ${o.minHistory}` });
  if (!Number.isInteger(o.paths) || o.paths < 100) issues.push({ code: "out_of_range", path: ["paths"], message: `expected a whole number >= 100, got ${o.paths}` });
  o.quantiles.forEach((p, k) => {
    if (!(p > 0 && p < 1)) issues.push({ code: "out_of_range", path: ["quantiles", k], message: `expected a probability strictly between 0 and 1, got ${p}` });
  });
  if (!Object.prototype.hasOwnProperty.call(curveParameterNames, o.curve)) {
    issues.push({ code: "invalid_value", path: ["curve"], message: `expected one of ${Object.keys(curveParameterNames).join(", ")}, got ${JSON.stringify(o.curve)}` });
  }
  if (o.origins !== "rolling") {
    o.origins.forEach((origin, k) => {
      if (parseQuarter(origin) === undefined) issues.push({ code: "invalid_format", path: ["origins", k], message: `expected a quarter such as 2018Q4, got ${JSON.stringify(origin)}` });
      // An origin twice would be scored twice, weighing it double in every summary.
      else if (o.origins !== "rolling" && o.origins.findIndex((other) => parseQuarter(other) === parseQuarter(origin)) < k) issues.push({ code: "duplicate", path: ["origins", k], message: `expected each origin once, got ${JSON.stringify(origin)} again` });
    });
    if (o.origins.length === 0) issues.push({ code: "too_small", path: ["origins"], message: "expected at least one origin, got none" });
  }
  if (o.timeOrigin !== undefined && parseQuarter(o.timeOrigin) === undefined) {
    issues.push({ code: "invalid_format", path: ["timeOrigin"], message: `expected a quarter such as 2015Q1, got ${JSON.stringify(o.timeOrigin)}` });
  }
  if (o.bootstrapSamples !== undefined && (!Number.isInteger(o.bootstrapSamples) || o.bootstrapSamples < 10 || o.bootstrapSamples > 10_000)) {
    issues.push({ code: "out_of_range", path: ["bootstrapSamples"], message: `expected a whole number from 10 to 10000, got ${o.bootstrapSamples}` });
  }
  o.forecasts.forEach((f, k) => {
    if (parseQuarter(f.period) === undefined) issues.push({ code: "invalid_format", path: ["forecasts", k, "period"], message: `expected a quarter such as 2019Q3, got ${JSON.stringify(f.period)}` });
    if (!Number.isFinite(f.value)) issues.push({ code: "invalid_type", path: ["forecasts", k, "value"], message: `expected a finite number, got ${f.value}` });
    if (f.published !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(f.published)) {
      issues.push({ code: "invalid_format", path: ["forecasts", k, "published"], message: `expected a date like 2019, 2019-08 or 2019-08-15, got ${JSON.stringify(f.published)}` });
    }
  });
  if (issues.length > 0) throw new InputError(issues);
}
