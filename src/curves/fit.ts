/**
 * Nonlinear least-squares fits of the curve families, with standard errors from the Jacobian.
 *
 * Why our own solver (levenbergMarquardt.ts) and not `ml-levenberg-marquardt` 5.1.0: measured in a scratch
 * script on NIST StRD Misra1a and Rat42 from both NIST starts (digits = -log10 |x - certified| / |certified|):
 * - with its defaults (finite-difference Jacobian, 100 iterations, errorTolerance 1e-7), Misra1a start 1
 *   reached 0.1 / -3.6 digits in b1 / b2 and Rat42 at most 2 digits, far from the 6 required;
 * - with our analytic Jacobians but default options it stopped at 5.5 digits on Misra1a start 1 and 6.0 on
 *   Rat42 start 1, because it keeps the "best" parameters only when the RSS falls by more than an absolute
 *   errorTolerance (1e-7 in the data's own units), so accuracy depends on the units of y;
 * - with errorTolerance 0 it reached 11 digits, but then it has no stopping rule at all: it always runs to
 *   maxIterations and reports neither convergence nor a reason, so a fit that failed would be a silent guess.
 * Our solver (Marquardt scaling, QR of the damped system, relative stopping rules) reaches >= 10 digits in
 * the parameters and RSS and >= 9.6 in the standard errors from all four starts (the certified values
 * carry 11 digits), and says when it stops without converging (see tests/curves/nist.test.ts).
 */
import { InputError, describeValue, type InputIssue } from "../core/issues.ts";
import { curveImpl } from "./curves.ts";
import {
  curveNames,
  curveParameterNames,
  inBound,
  type CurveName,
  type CurveParams,
  type ParameterBound,
} from "./curve.ts";
import { levenbergMarquardtSteps, type LevenbergMarquardtResult } from "./levenbergMarquardt.ts";
import { finish } from "../core/steps.ts";

/** Options of `fitCurve`. */
export interface FitOptions<K extends CurveName> {
  /**
   * Starting values by parameter name. A full start is used alone; a partial one overrides those
   * parameters in every generated candidate.
   * @defaultValue candidates generated from the data (`curves[name].startingValues`)
   */
  start?: Partial<CurveParams<K>>;
  /**
   * Largest number of trial steps per start.
   * @defaultValue 1000
   */
  maxIterations?: number;
}

/** The outcome of a fit. Plain data: `JSON.stringify` gives the CLI's `--format json` document. */
export interface FitResult<K extends CurveName> {
  curve: K;
  /** Fitted parameters by name. */
  params: CurveParams<K>;
  /** Standard errors sqrt(diag(sigma^2 (J'J)^-1)), sigma^2 = rss / (n - p); NaN when J is rank deficient. */
  stderr: CurveParams<K>;
  /** Residual sum of squares at `params`. */
  rss: number;
  /** Trial steps taken by the solver from the start that produced this fit. */
  iterations: number;
  converged: boolean;
  /** Why the fit did not converge (or why standard errors are undefined). */
  reason?: string;
  /** sigma^2 (J'J)^-1 in the order of `parameters`, or null when J is rank deficient. */
  covariance: number[][] | null;
  /** Parameter names, the order of `covariance`. */
  parameters: readonly string[];
  /** The starting values that produced this fit. */
  start: CurveParams<K>;
  /** Number of observations. */
  n: number;
}

/**
 * Fits curve `name` to the points (t[i], y[i]) by Levenberg-Marquardt least squares within the curve's
 * natural bounds. Without a full `start`, every generated candidate start is tried and the converged fit with
 * the lowest RSS is kept (if none converges, the lowest-RSS attempt is returned with `converged: false`).
 * Standard errors: sqrt(diag(sigma^2 (J'J)^-1)) with sigma^2 = rss / (n - p) (NIST StRD's definition).
 *
 * Throws `InputError` for unusable data: an unknown curve (path ["curve"]), columns of different lengths,
 * a non-finite value (["data", i, "t" | "value"]), fewer than p + 1 points, fewer than p distinct t, constant
 * y (["data"]), or a start that names an unknown parameter or lies outside its bounds (["start", name]).
 *
 * @example
 * const fit = fitCurve("saturating", misra1a.x, misra1a.y, { start: { K: 500, r: 0.0001 } });
 * fit.params // { K: 238.94212917886162, r: 0.0005501564318059137 }
 * fit.stderr // { K: 2.707007524139391, r: 0.00000726686884361889 }
 * fit.rss    // 0.1245513889444005
 */
export function fitCurve<K extends CurveName>(
  name: K,
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  options: FitOptions<K> = {},
): FitResult<K> {
  return finish(fitCurveSteps(name, t, y, options));
}

/** The work of {@link fitCurve}, one trial step of the search per step (the command line yields between them). */
export function* fitCurveSteps<K extends CurveName>(
  name: K,
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  options: FitOptions<K> = {},
): Generator<void, FitResult<K>, void> {
  const curve = curveImpl(checkCurveName(name));
  const names = curve.parameters as readonly string[];
  const p = names.length;
  checkData(t, y, p);
  const startIssues: InputIssue[] = [];
  const given = options.start ?? {};
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const index = names.indexOf(key);
    if (index < 0) {
      startIssues.push({ code: "unknown_reference", path: ["start", key], message: `expected one of ${names.join(", ")}, got ${describeValue(key)}` });
    } else if (typeof value !== "number" || !inBound(value, curve.bounds[index])) {
      startIssues.push({ code: "out_of_range", path: ["start", key], message: `expected ${describeBound(curve.bounds[index])}, got ${describeValue(value)}` });
    }
  }
  if (startIssues.length > 0) throw new InputError(startIssues);

  const givenValues = names.map((key) => (given as Record<string, number | undefined>)[key]);
  const starts: number[][] = givenValues.every((v) => v !== undefined)
    ? [givenValues as number[]]
    : curve.startingValues(t, y).map((c) => c.map((v, j) => givenValues[j] ?? v));
  const usable = starts.filter((s) => s.every((v, j) => inBound(v, curve.bounds[j])));

  let best: { start: number[]; result: LevenbergMarquardtResult } | undefined;
  for (const start of usable) {
    const result = yield* levenbergMarquardtSteps(curve, t, y, start, { maxIterations: options.maxIterations });
    if (!best || better(result, best.result)) best = { start, result };
  }
  if (!best) {
    const nan = names.map(() => NaN);
    return {
      curve: name,
      params: named(names, nan),
      stderr: named(names, nan),
      rss: NaN,
      iterations: 0,
      converged: false,
      reason: `no starting values inside the bounds of ${name} could be guessed from the data; give a start`,
      covariance: null,
      parameters: names,
      start: named(names, nan),
      n: t.length,
    };
  }

  const { result, start } = best;
  const variance = result.rss / (t.length - p);
  let covariance: number[][] | null = null;
  const stderr = names.map(() => NaN);
  let reason = result.reason;
  if (result.inverseGram) {
    const gram = result.inverseGram;
    covariance = names.map((_, i) => names.map((__, j) => variance * gram[i * p + j]));
    for (let j = 0; j < p; j++) stderr[j] = Math.sqrt(covariance[j][j]);
  } else {
    reason ??= "standard errors undefined: the Jacobian is rank deficient at the fitted parameters";
  }
  const fit: FitResult<K> = {
    curve: name,
    params: named(names, result.theta),
    stderr: named(names, stderr),
    rss: result.rss,
    iterations: result.iterations,
    converged: result.converged,
    covariance,
    parameters: names,
    start: named(names, start),
    n: t.length,
  };
  if (reason !== undefined) fit.reason = reason;
  return fit;
}

/**
 * Checks that `text` names a curve family.
 * Throws `InputError` (path `path`, default ["curve"]) listing the names otherwise.
 *
 * @example
 * parseCurveName("logistic") // "logistic"
 */
export function parseCurveName(text: string, path: ReadonlyArray<string | number> = ["curve"]): CurveName {
  return checkCurveName(text, path);
}

function checkCurveName<K extends string>(name: K, path: ReadonlyArray<string | number> = ["curve"]): K & CurveName {
  if (!Object.prototype.hasOwnProperty.call(curveParameterNames, name)) {
    throw new InputError([{ code: "invalid_value", path, message: `expected one of ${curveNames.join(", ")}, got ${describeValue(name)}` }]);
  }
  return name as K & CurveName;
}

function checkData(t: ArrayLike<number>, y: ArrayLike<number>, p: number): void {
  const issues: InputIssue[] = [];
  const isColumn = (c: unknown): boolean => typeof c === "object" && c !== null && typeof (c as { length?: unknown }).length === "number";
  if (!isColumn(t) || !isColumn(y)) {
    throw new InputError([{ code: "invalid_type", path: ["data"], message: `expected t and value columns as arrays of numbers, got ${describeValue(isColumn(t) ? y : t)}` }]);
  }
  if (t.length !== y.length) {
    throw new InputError([{ code: "conflict", path: ["data"], message: `expected t and value columns of equal length, got ${t.length} and ${y.length}` }]);
  }
  for (let i = 0; i < t.length; i++) {
    if (typeof t[i] !== "number" || !Number.isFinite(t[i])) issues.push({ code: "invalid_type", path: ["data", i, "t"], message: `expected a finite number, got ${describeValue(t[i])}` });
    if (typeof y[i] !== "number" || !Number.isFinite(y[i])) issues.push({ code: "invalid_type", path: ["data", i, "value"], message: `expected a finite number, got ${describeValue(y[i])}` });
  }
  if (issues.length > 0) throw new InputError(issues);
  if (t.length < p + 1) {
    throw new InputError([{ code: "fit_failed", path: ["data"], message: `expected at least ${p + 1} data points, got ${t.length}` }]);
  }
  const distinct = new Set(Array.from(t)).size;
  if (distinct < p) {
    throw new InputError([{ code: "fit_failed", path: ["data"], message: `expected at least ${p} distinct t values, got ${distinct}` }]);
  }
  let constant = true;
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) constant = false;
  if (constant) throw new InputError([{ code: "fit_failed", path: ["data"], message: `expected values that vary, got a constant ${y[0]}` }]);
  // Beyond these magnitudes the sums of squares underflow to 0 (any curve "fits") or overflow (none can be
  // evaluated), and the fit says nothing true: rescale the data (millions, basis points) first.
  const largest = (c: ArrayLike<number>): number => Array.from(c).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const ys = largest(y);
  const ts = largest(t);
  if (ys < FIT_MAGNITUDE.low || ys > FIT_MAGNITUDE.high) {
    throw new InputError([{ code: "out_of_range", path: ["data"], message: `expected values of magnitude ${FIT_MAGNITUDE.low} to ${FIT_MAGNITUDE.high} (rescale them), got a largest |value| of ${ys}` }]);
  }
  if (ts < FIT_MAGNITUDE.low || ts > FIT_MAGNITUDE.high) {
    throw new InputError([{ code: "out_of_range", path: ["data"], message: `expected t of magnitude ${FIT_MAGNITUDE.low} to ${FIT_MAGNITUDE.high} (rescale or shift them), got a largest |t| of ${ts}` }]);
  }
}

/** The magnitudes of data a fit takes: squares of residuals and derivatives stay well inside doubles. */
const FIT_MAGNITUDE = { low: 1e-100, high: 1e100 } as const;

/** Converged beats not converged; then lower RSS. */
function better(a: LevenbergMarquardtResult, b: LevenbergMarquardtResult): boolean {
  if (a.converged !== b.converged) return a.converged;
  if (Number.isNaN(b.rss)) return !Number.isNaN(a.rss);
  return a.rss < b.rss;
}

function named<K extends CurveName>(names: readonly string[], values: ArrayLike<number>): CurveParams<K> {
  const out: Record<string, number> = {};
  for (let j = 0; j < names.length; j++) out[names[j]] = values[j];
  return out as CurveParams<K>;
}

function describeBound(bound: ParameterBound): string {
  if (bound.min === 0 && !bound.minInclusive && bound.max === Infinity) return "a positive number";
  if (bound.min === 0 && bound.minInclusive && bound.max === Infinity) return "a number >= 0";
  if (bound.min === -Infinity && bound.max === Infinity) return "a finite number";
  return `a number in ${bound.minInclusive ? "[" : "("}${bound.min}, ${bound.max}${bound.maxInclusive ? "]" : ")"}`;
}
