/**
 * Levenberg-Marquardt for fitting one curve family to (t, y) data, with Marquardt's scaling, natural
 * parameter bounds, and scale-free stopping rules. Each damped step solves
 *   min |J d - r|^2 + lambda |D d|^2     (r = y - f(t), J = df/dtheta, D = running max of column norms of J)
 * by Householder QR of the stacked matrix [J; sqrt(lambda) D], so J'J is never formed.
 * References: Marquardt (1963), SIAM J. Appl. Math. 11(2); Moré (1978), "The Levenberg-Marquardt algorithm:
 * implementation and theory" (MINPACK's scaling and tests); Nielsen (1999), IMM-REP-1999-05 (damping update).
 */
import { inBound, type CurveImpl, type CurveName, type ParameterBound } from "./curve.ts";
import { finish } from "../core/steps.ts";
import { householderSolve, inverseGram } from "./_internals/householder.ts";

/** Stopping rules and limits; every field has a default, filled in by `levenbergMarquardtDefaults`. */
export interface LevenbergMarquardtOptions {
  /**
   * Largest number of trial steps.
   * @defaultValue 1000
   */
  maxIterations?: number;
  /**
   * Converged when a trial step reduces the RSS by at most this fraction...
   * @defaultValue 1e-15
   */
  relativeReductionTolerance?: number;
  /**
   * ...and the scaled step |D d| is at most this fraction of |D theta|.
   * @defaultValue 1e-15
   */
  relativeStepTolerance?: number;
  /**
   * ...and no column of J is further than this cosine from orthogonal to the residuals.
   * @defaultValue 1e-6
   */
  gradientTolerance?: number;
}

/** Completes `options` with the documented defaults. */
export function levenbergMarquardtDefaults(options: LevenbergMarquardtOptions = {}): Required<LevenbergMarquardtOptions> {
  return {
    maxIterations: options.maxIterations ?? 1000,
    relativeReductionTolerance: options.relativeReductionTolerance ?? 1e-15,
    relativeStepTolerance: options.relativeStepTolerance ?? 1e-15,
    gradientTolerance: options.gradientTolerance ?? 1e-6,
  };
}

/** What the solver found: positional parameters and their unscaled covariance (J'J)^-1 at the end point. */
export interface LevenbergMarquardtResult {
  theta: number[];
  rss: number;
  iterations: number;
  converged: boolean;
  reason?: string;
  /** (J'J)^-1, row-major p x p, or undefined when J is rank deficient at theta. */
  inverseGram?: Float64Array;
}

/**
 * Minimises sum (y_i - f(t_i; theta))^2 over theta inside the curve's natural bounds, from `start`.
 * A trial step that leaves the bounds is cut back: onto an inclusive bound, or nine tenths of the way to
 * an exclusive one. Converged means: a trial step of relative size <= relativeStepTolerance changed the RSS
 * by at most relativeReductionTolerance of it, and the residuals are orthogonal to every column of J to
 * within gradientTolerance (or the RSS is exactly 0). Otherwise `converged` is false and `reason` says why.
 *
 * Complexity: O(n p^2) per trial step. Throws RangeError if `start` has the wrong length or is out of bounds
 * (a programmer error: callers validate user starts first).
 *
 * @example
 * levenbergMarquardt(curves.linear, [0, 1, 2], [1, 3, 5], [0, 0]).theta // [1, 2]
 */
export function levenbergMarquardt<K extends CurveName>(
  curve: CurveImpl<K>,
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  start: readonly number[],
  options: LevenbergMarquardtOptions = {},
): LevenbergMarquardtResult {
  return finish(levenbergMarquardtSteps(curve, t, y, start, options));
}

/** The work of {@link levenbergMarquardt}, one trial step per step (so that a long fit can yield). */
export function* levenbergMarquardtSteps<K extends CurveName>(
  curve: CurveImpl<K>,
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  start: readonly number[],
  options: LevenbergMarquardtOptions = {},
): Generator<void, LevenbergMarquardtResult, void> {
  const { maxIterations, relativeReductionTolerance, relativeStepTolerance, gradientTolerance } =
    levenbergMarquardtDefaults(options);
  const n = t.length;
  const p = curve.parameters.length;
  if (start.length !== p) throw new RangeError(`levenbergMarquardt: expected ${p} starting values, got ${start.length}`);
  for (let j = 0; j < p; j++) {
    if (!inBound(start[j], curve.bounds[j])) {
      throw new RangeError(`levenbergMarquardt: start ${curve.parameters[j]}=${start[j]} is outside its bounds`);
    }
  }

  let theta = Float64Array.from(start);
  const trial = new Float64Array(p);
  const r = new Float64Array(n);
  const rTrial = new Float64Array(n);
  const J = new Float64Array(n * p);
  const D = new Float64Array(p);
  const A = new Float64Array((n + p) * p);
  const b = new Float64Array(n + p);

  let rss = residuals(curve, t, y, theta, r);
  if (!Number.isFinite(rss)) {
    return { theta: Array.from(theta), rss, iterations: 0, converged: false, reason: "the curve is not finite at the starting values" };
  }
  if (!jacobian(curve, t, theta, J, n, p)) {
    return { theta: Array.from(theta), rss, iterations: 0, converged: false, reason: "the curve's derivatives are not finite at the starting values" };
  }
  // Residuals at rounding level: the data are fitted exactly, as far as doubles can tell.
  let yScale = 0;
  for (let i = 0; i < n; i++) yScale = Math.max(yScale, Math.abs(y[i]));
  const roundingFloor = n * (16 * Number.EPSILON * yScale) ** 2;
  let lambda = 1e-3;
  let growth = 2;
  let iterations = 0;
  let converged = false;
  let reason: string | undefined;

  while (true) {
    if (rss <= roundingFloor) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) {
      reason = `no convergence after ${maxIterations} iterations (RSS ${rss})`;
      break;
    }
    iterations++;
    yield;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += J[i * p + j] * J[i * p + j];
      D[j] = Math.max(D[j], Math.sqrt(s));
    }
    // Damped step from QR of [J; sqrt(lambda) D].
    A.fill(0);
    A.set(J);
    b.fill(0);
    b.set(r);
    const root = Math.sqrt(lambda);
    for (let j = 0; j < p; j++) A[(n + j) * p + j] = root * (D[j] > 0 ? D[j] : 1);
    const step = householderSolve(A, b, n + p, p);
    if (!step) {
      reason = "the Jacobian has a zero column: a parameter has no effect on the fit";
      break;
    }
    for (let j = 0; j < p; j++) trial[j] = boundedStep(theta[j], step[j], curve.bounds[j]);
    let stepNorm2 = 0;
    let thetaNorm2 = 0;
    for (let j = 0; j < p; j++) {
      const d = (D[j] > 0 ? D[j] : 1) * (trial[j] - theta[j]);
      const x = (D[j] > 0 ? D[j] : 1) * theta[j];
      stepNorm2 += d * d;
      thetaNorm2 += x * x;
    }
    const rssTrial = residuals(curve, t, y, trial, rTrial);
    const reduction = Number.isFinite(rssTrial) ? (rss - rssTrial) / rss : -Infinity;
    const smallStep = Math.sqrt(stepNorm2) <= relativeStepTolerance * Math.sqrt(thetaNorm2);
    if (smallStep && Math.abs(reduction) <= relativeReductionTolerance || stepNorm2 === 0) {
      if (reduction > 0) accept();
      const cosine = gradientCosine(J, r, n, p);
      if (cosine <= gradientTolerance || rss <= roundingFloor) converged = true;
      else reason = `stalled: no reduction of the RSS along the damped step, yet the gradient is not zero (cosine ${cosine.toExponential(2)})`;
      break;
    }
    if (reduction > 0) {
      // Gain ratio: actual over predicted reduction.
      let predicted = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += J[i * p + j] * (trial[j] - theta[j]);
        predicted += r[i] * r[i] - (r[i] - s) * (r[i] - s);
      }
      const rho = predicted > 0 ? (rss - rssTrial) / predicted : 0;
      if (!accept()) {
        reason = "the curve's derivatives are not finite at the current parameters";
        break;
      }
      const u = 2 * rho - 1;
      lambda *= Math.max(1 / 3, 1 - u * u * u);
      growth = 2;
    } else {
      lambda *= growth;
      growth *= 2;
      if (!Number.isFinite(lambda)) {
        reason = "the damping overflowed: no step reduces the RSS";
        break;
      }
    }
  }

  if (!converged) {
    for (let j = 0; j < p; j++) {
      const bound = curve.bounds[j];
      if (!bound.minInclusive && Number.isFinite(bound.min) && theta[j] - bound.min <= 1e-12 * Math.max(1, Math.abs(bound.min))) {
        const name = curve.parameters[j];
        reason = `${name} ran to its bound (${name} > ${bound.min}): the data do not fit a ${curve.name} curve inside its natural bounds; ${reason}`;
      }
    }
  }
  let gram: Float64Array | undefined;
  if (jacobian(curve, t, theta, J, n, p)) gram = inverseGram(Float64Array.from(J), n, p);
  const result: LevenbergMarquardtResult = { theta: Array.from(theta), rss, iterations, converged };
  if (reason !== undefined) result.reason = reason;
  if (gram) result.inverseGram = gram;
  return result;

  function accept(): boolean {
    theta = Float64Array.from(trial);
    rss = residuals(curve, t, y, theta, r);
    return jacobian(curve, t, theta, J, n, p);
  }
}

/** theta + step, cut back to stay inside `bound`. */
function boundedStep(theta: number, step: number, bound: ParameterBound): number {
  const x = theta + step;
  if (inBound(x, bound)) return x;
  if (x <= bound.min || Number.isNaN(x)) return bound.minInclusive ? bound.min : bound.min + 0.1 * (theta - bound.min);
  return bound.maxInclusive ? bound.max : bound.max - 0.1 * (bound.max - theta);
}

/** Writes r = y - f(t) and returns sum r^2 (NaN or Infinity when the curve is not finite). */
function residuals<K extends CurveName>(
  curve: CurveImpl<K>,
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  theta: Float64Array,
  out: Float64Array,
): number {
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const ri = y[i] - curve.evaluateAt(theta, t[i]);
    out[i] = ri;
    sum += ri * ri;
  }
  return sum;
}

/** Fills J (n x p, row-major); false if any entry is not finite. */
function jacobian<K extends CurveName>(
  curve: CurveImpl<K>,
  t: ArrayLike<number>,
  theta: Float64Array,
  out: Float64Array,
  n: number,
  p: number,
): boolean {
  for (let i = 0; i < n; i++) curve.gradient(theta, t[i], out, i * p);
  for (let k = 0; k < n * p; k++) if (!Number.isFinite(out[k])) return false;
  return true;
}

/** max_j |J_j' r| / (|J_j| |r|): 0 at a stationary point. */
function gradientCosine(J: Float64Array, r: Float64Array, n: number, p: number): number {
  let rNorm2 = 0;
  for (let i = 0; i < n; i++) rNorm2 += r[i] * r[i];
  if (rNorm2 === 0) return 0;
  let worst = 0;
  for (let j = 0; j < p; j++) {
    let dot = 0;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      dot += J[i * p + j] * r[i];
      norm2 += J[i * p + j] * J[i * p + j];
    }
    if (norm2 > 0) worst = Math.max(worst, Math.abs(dot) / Math.sqrt(norm2 * rNorm2));
  }
  return worst;
}
