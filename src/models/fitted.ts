/**
 * The `fitted` revenue model: a growth curve fitted to a provider's history at compile time, whose parameter
 * uncertainty becomes the Monte Carlo distribution of its parameters.
 *
 * - Points: the history's quarters with a value (a null is a gap: skipped, never filled) whose quarter ended
 *   on or before the scenario's `asOf` (without `asOf`: the quarters up to the base quarter).
 * - Time: t = (quarter - timeOrigin) / 4 years; timeOrigin defaults to the base quarter (the quarter before
 *   `calendar.start`), so the simulated quarter k (1-based) is at t = (base + k - timeOrigin) / 4.
 * - `uncertainty: "covariance"`: theta ~ N(theta_hat, C), C = sigma^2 (J'J)^-1 from the fit. Each path draws
 *   p independent standard normals z (one slot per parameter, `<key>.fit.<name>`, each from its own stream
 *   `chunk:<c>/param:<key>.fit.<name>` like every other slot) and sets theta = theta_hat + L z with
 *   C = L L' (Cholesky). A coordinate outside its natural bound (K > 0, r > 0, ...) is reflected into it
 *   (x -> 2 min - x for a lower bound, 2 max - x for an upper one, repeated until inside): the draw keeps its
 *   distance from the bound, no mass piles up at the bound (as clamping would), and the rule needs no extra
 *   random numbers, so a path's draw depends on its own z only.
 * - `uncertainty: "bootstrap"`: B residual-bootstrap refits precomputed at compile time from the stream
 *   `fit:<key>/bootstrap` (y*_i = y_hat_i + e*_i, e* drawn with replacement from the centred residuals
 *   scaled by sqrt(n / (n - p)); each refit starts at theta_hat; refits that do not converge are dropped, with
 *   up to 4 B attempts). Each path draws one uniform u (slot `<key>.fit.draw`) and uses set floor(u B).
 * - `uncertainty: "none"`: every path uses theta_hat.
 * - `residualNoise: true` adds a transient lognormal shock (per quarter, mean 1) with
 *   sigma = sqrt(sum_i log(y_i / y_hat_i)^2 / (n - p)).
 */
import { formatQuarter, parseQuarter, quarterEndDate } from "../calendar/quarter.ts";
import { curveImpl } from "../curves/curves.ts";
import type { CurveImpl, CurveName, ParameterBound } from "../curves/curve.ts";
import { fitCurve, type FitResult } from "../curves/fit.ts";
import { createStream } from "../random/stream.ts";
import type { Param } from "../random/spec.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import type { ModelBehaviour } from "./modelKind.ts";
import type { FittedModel } from "./fittedSchema.ts";
import { log } from "../core/elementary.ts";

/** Where a fitted model sits in its scenario. */
export interface FitScope {
  /** Quarter index of the base quarter (the quarter before `calendar.start`). */
  baseQuarter: number;
  /** The scenario's as-of date (`YYYY-MM-DD`): history after it is not used. */
  asOf?: string;
  /** Root seed (bootstrap refits). */
  seed: number;
  /** Slot key prefix, e.g. `providers.alibaba.model`; names the bootstrap stream. */
  key: string;
  /** Path of the model in the scenario, for error messages. */
  path: ReadonlyArray<string | number>;
}

/** The history points a fit uses: quarter index, t in years and value. */
export interface FitPoints {
  quarters: number[];
  t: number[];
  y: number[];
  /** Quarter index at t = 0. */
  origin: number;
}

/** What compile needs from a fitted model, and what it learnt. */
export interface PreparedFit {
  fit: FitResult<CurveName>;
  points: FitPoints;
  /** The per-path random inputs, in column order: slot name (appended to the key) and distribution. */
  draws: Array<{ name: string; param: Param }>;
  /** Simulates levels from the draws' columns (see ModelBehaviour); it has no parameters of its own. */
  impl: ModelBehaviour<FittedModel>;
  /** Sigma of the residual noise (transient shock), when asked for. */
  residualSigma?: number;
  /** Parameter sets used by bootstrap paths (B x p, row-major); empty otherwise. */
  bootstrapSets: Float64Array;
}

/** What a fit learnt, as plain data: given back to `prepareFittedModel`, it prepares the model without refitting. */
export type FitData = Pick<PreparedFit, "fit" | "bootstrapSets" | "residualSigma">;

/** Default number of residual-bootstrap refits. */
export const DEFAULT_BOOTSTRAP_SAMPLES = 200;

/**
 * The points of a history that a fit may use (see the module comment): values present, quarter ended by
 * `asOf` (or at most the base quarter without it), with t in years from `origin`.
 */
export function fitPoints(
  history: ReadonlyArray<{ period: string; value: number | null }>,
  scope: { baseQuarter: number; asOf?: string },
  timeOrigin?: string,
): FitPoints {
  const origin = timeOrigin !== undefined ? parseQuarter(timeOrigin)! : scope.baseQuarter;
  const rows = history
    .map((point) => ({ quarter: parseQuarter(point.period)!, value: point.value }))
    .filter((row) => row.value !== null)
    .filter((row) => (scope.asOf !== undefined ? quarterEndDate(row.quarter) <= scope.asOf : row.quarter <= scope.baseQuarter))
    .sort((a, b) => a.quarter - b.quarter);
  return {
    quarters: rows.map((r) => r.quarter),
    t: rows.map((r) => (r.quarter - origin) / 4),
    y: rows.map((r) => r.value as number),
    origin,
  };
}

/**
 * Lower-triangular L with L L' = matrix (Cholesky-Banachiewicz), row-major p x p; null when the matrix is not
 * positive definite. Own code: p <= 4 here, and mathjs has no Cholesky.
 */
export function cholesky(matrix: readonly (readonly number[])[]): Float64Array | null {
  const p = matrix.length;
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * p + i] = Math.sqrt(sum);
      } else {
        l[i * p + j] = sum / l[j * p + j];
      }
    }
  }
  return l;
}

/**
 * Reflects x into a parameter's bound: below an open or closed lower bound min, x -> 2 min - x; above max,
 * x -> 2 max - x; repeated for two-sided bounds. A value exactly on an open bound is left there (probability 0).
 *
 * @example reflectIntoBound(-0.2, { min: 0, max: Infinity, minInclusive: false, maxInclusive: false }) // 0.2
 */
export function reflectIntoBound(x: number, bound: ParameterBound): number {
  for (let k = 0; k < 64; k++) {
    if (x < bound.min) x = 2 * bound.min - x;
    else if (x > bound.max) x = 2 * bound.max - x;
    else return x;
  }
  return Math.min(Math.max(x, bound.min), bound.max);
}

function at(scope: FitScope, ...rest: Array<string | number>): Array<string | number> {
  return [...scope.path, ...rest];
}

function fitOrThrow(
  curve: CurveName,
  points: FitPoints,
  start: Record<string, number> | undefined,
  scope: FitScope,
): FitResult<CurveName> {
  let fit: FitResult<CurveName>;
  try {
    fit = fitCurve(curve, points.t, points.y, start ? { start } : {});
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const used = points.quarters.length > 0 ? `${formatQuarter(points.quarters[0])}-${formatQuarter(points.quarters[points.quarters.length - 1])}` : "none";
    throw new InputError(
      error.issues.map((issue) => ({
        code: issue.code,
        path: issue.path[0] === "start" ? at(scope, ...issue.path) : at(scope, "history"),
        message: `${issue.message} (fitting ${curve} to the ${points.y.length} history points known by the as-of date: ${used})`,
      })),
    );
  }
  if (!fit.converged) {
    throw new InputError([{ code: "fit_failed", path: at(scope, "history"), message: `expected history that ${curve} can be fitted to, got a fit that did not converge (${fit.reason ?? "no reason given"})` }]);
  }
  return fit;
}

function residualSigma(impl: CurveImpl<CurveName>, theta: ArrayLike<number>, points: FitPoints, scope: FitScope): number {
  let sum = 0;
  for (let i = 0; i < points.t.length; i++) {
    const fitted = impl.evaluateAt(theta, points.t[i]);
    if (!(points.y[i] > 0 && fitted > 0)) {
      throw new InputError([{ code: "fit_failed", path: at(scope, "residualNoise"), message: `expected positive values and fitted values for log residuals, got ${points.y[i]} and ${fitted} at ${formatQuarter(points.quarters[i])}` }]);
    }
    const e = log(points.y[i] / fitted);
    sum += e * e;
  }
  return Math.sqrt(sum / (points.t.length - impl.parameters.length));
}

function bootstrap(impl: CurveImpl<CurveName>, fit: FitResult<CurveName>, points: FitPoints, samples: number, scope: FitScope): Float64Array {
  const names = impl.parameters as readonly string[];
  const p = names.length;
  const n = points.t.length;
  const theta = names.map((name) => (fit.params as Record<string, number>)[name]);
  const fitted = points.t.map((t) => impl.evaluateAt(theta, t));
  const raw = points.y.map((y, i) => y - fitted[i]);
  const mean = raw.reduce((a, b) => a + b, 0) / n;
  const inflate = Math.sqrt(n / (n - p));
  const residuals = raw.map((e) => (e - mean) * inflate);
  const stream = createStream(scope.seed, `fit:${scope.key}/bootstrap`);
  const start = fit.params as Record<string, number>;
  const sets: number[] = [];
  const y = new Array<number>(n);
  let kept = 0;
  for (let attempt = 0; attempt < 4 * samples && kept < samples; attempt++) {
    for (let i = 0; i < n; i++) y[i] = fitted[i] + residuals[Math.min(n - 1, Math.floor(stream.uniform() * n))];
    let refit: FitResult<CurveName>;
    try {
      refit = fitCurve(fit.curve, points.t, y, { start });
    } catch (error) {
      if (error instanceof InputError) continue;
      throw error;
    }
    if (!refit.converged) continue;
    for (const name of names) sets.push((refit.params as Record<string, number>)[name]);
    kept += 1;
  }
  if (kept < samples / 2) {
    throw new InputError([{ code: "fit_failed", path: at(scope, "history"), message: `expected a history stable enough to bootstrap, got ${kept} converged refits of ${samples} wanted (in ${4 * samples} attempts); use uncertainty "covariance"` }]);
  }
  return Float64Array.from(sets);
}

/**
 * Fits a `fitted` model's curve to its history and prepares its per-path sampling (see the module comment).
 * Given `known` (what an earlier call with the same model and scope learnt), it prepares without refitting.
 *
 * @throws InputError (paths under `scope.path`) when the points cannot be fitted (too few, constant...), the
 *   fit does not converge, the covariance is undefined or not positive definite (with `covariance`), fewer
 *   than half the bootstrap refits converge, or residual noise meets a non-positive value.
 * @example
 * prepareFittedModel({ curve: "linear", history: [{ period: "2019Q1", value: 1 }, ...], uncertainty: "none" },
 *   { baseQuarter: parseQuarter("2019Q4")!, seed: 42, key: "providers.a.model", path: ["providers", 0, "model"] })
 */
export function prepareFittedModel(model: FittedModel, scope: FitScope, known?: FitData): PreparedFit {
  const impl = curveImpl(model.curve);
  const names = impl.parameters as readonly string[];
  const p = names.length;
  const points = fitPoints(model.history, scope, model.timeOrigin);
  const fit = known ? known.fit : fitOrThrow(model.curve, points, model.start, scope);
  const theta = Float64Array.from(names, (name) => (fit.params as Record<string, number>)[name]);
  const bounds = impl.bounds;
  const shift = scope.baseQuarter - points.origin;

  let draws: PreparedFit["draws"] = [];
  let bootstrapSets: Float64Array = new Float64Array(0);
  let choose: (columns: readonly Float64Array[], i: number, out: Float64Array) => void = (_columns, _i, out) => out.set(theta);
  if (model.uncertainty === "covariance") {
    const issues: InputIssue[] = [];
    const l = fit.covariance ? cholesky(fit.covariance) : null;
    if (!l) {
      issues.push({ code: "fit_failed", path: at(scope, "uncertainty"), message: `expected a fit with a positive-definite covariance for "covariance", got ${fit.covariance ? "a singular one" : "none"} (${fit.reason ?? "the Jacobian is rank deficient"}); use "bootstrap"` });
      throw new InputError(issues);
    }
    draws = names.map((name) => ({ name: `fit.${name}`, param: { dist: "normal", mean: 0, sd: 1 } }));
    choose = (columns, i, out) => {
      for (let a = 0; a < p; a++) {
        let value = theta[a];
        for (let b = 0; b <= a; b++) value += l[a * p + b] * columns[b][i];
        out[a] = reflectIntoBound(value, bounds[a]);
      }
    };
  } else if (model.uncertainty === "bootstrap") {
    bootstrapSets = known ? known.bootstrapSets : bootstrap(impl, fit, points, model.bootstrapSamples ?? DEFAULT_BOOTSTRAP_SAMPLES, scope);
    const sets = bootstrapSets;
    const count = sets.length / p;
    draws = [{ name: "fit.draw", param: { dist: "uniform", min: 0, max: 1 } }];
    choose = (columns, i, out) => {
      const row = Math.min(count - 1, Math.floor(columns[0][i] * count));
      for (let a = 0; a < p; a++) out[a] = sets[row * p + a];
    };
  }

  const simulate: ModelBehaviour<FittedModel>["simulate"] = (columns, quarters, paths, out, offset) => {
    const values = new Float64Array(p);
    for (let i = 0; i < paths; i++) {
      choose(columns, i, values);
      for (let t = 0; t < quarters; t++) out[offset + t * paths + i] = impl.evaluateAt(values, (shift + t + 1) / 4);
    }
  };
  const prepared: PreparedFit = { fit, points, draws, impl: { params: [], simulate }, bootstrapSets };
  if (model.residualNoise) prepared.residualSigma = known ? known.residualSigma : residualSigma(impl, theta, points, scope);
  return prepared;
}
