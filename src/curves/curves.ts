/**
 * The table of growth-curve families, one entry per name in DESIGN.md ("Curve parameterisations").
 * Shared code looks a curve up here and never switches on its name.
 */
import { bass } from "./bass.ts";
import type { CurveImpl, CurveName } from "./curve.ts";
import { exponential } from "./exponential.ts";
import { gompertz } from "./gompertz.ts";
import { linear } from "./linear.ts";
import { logistic } from "./logistic.ts";
import { richards } from "./richards.ts";
import { saturating } from "./saturating.ts";

/**
 * Every curve family by name: formula, parameter names and bounds, `evaluate`, analytic `gradient` and
 * data-driven `startingValues`.
 *
 * @example
 * curves.logistic.evaluate({ K: 100, r: 1, t0: 0 }, 0) // 50
 * curves.logistic.parameters // ["K", "r", "t0"]
 */
export const curves: { readonly [K in CurveName]: CurveImpl<K> } = {
  linear,
  exponential,
  saturating,
  logistic,
  richards,
  gompertz,
  bass,
};

/** The implementation of `name` with its parameter types widened, for code that handles any curve. */
export function curveImpl(name: CurveName): CurveImpl<CurveName> {
  return curves[name] as unknown as CurveImpl<CurveName>;
}
