/**
 * Types shared by the growth-curve families: names, parameters, bounds and the per-curve implementation.
 * The formulas are those of DESIGN.md, "Curve parameterisations".
 */

/** Parameter names of each curve, in the order used by positional (array) forms. */
export const curveParameterNames = {
  linear: ["a", "b"],
  exponential: ["a", "r"],
  saturating: ["K", "r"],
  logistic: ["K", "r", "t0"],
  richards: ["K", "r", "t0", "nu"],
  gompertz: ["K", "b", "r"],
  bass: ["m", "p", "q"],
} as const;

/** The curve families: `linear`, `exponential`, `saturating`, `logistic`, `richards`, `gompertz`, `bass`. */
export type CurveName = keyof typeof curveParameterNames;

/** Every curve name, in the order of DESIGN.md. */
export const curveNames: readonly CurveName[] = Object.keys(curveParameterNames) as CurveName[];

/** The parameter names of curve `K`, e.g. `"K" | "r" | "t0"` for the logistic. */
export type CurveParameterName<K extends CurveName> = (typeof curveParameterNames)[K][number];

/** Named parameters of curve `K`, e.g. `{ K: 72.46, r: 0.0674, t0: 38.87 }` for the logistic. */
export type CurveParams<K extends CurveName> = { [P in CurveParameterName<K>]: number };

/**
 * A parameter's natural domain: `min < x` (or `min <= x` when `minInclusive`), `x < max` likewise.
 * Unbounded sides are `-Infinity` / `Infinity`.
 */
export interface ParameterBound {
  readonly min: number;
  readonly max: number;
  readonly minInclusive: boolean;
  readonly maxInclusive: boolean;
}

/** What one curve family provides. Positional forms take parameters in `parameters` order. */
export interface CurveImpl<K extends CurveName> {
  readonly name: K;
  /** The formula as written in DESIGN.md. */
  readonly formula: string;
  /** Parameter names in positional order. */
  readonly parameters: (typeof curveParameterNames)[K];
  /** Natural bounds per parameter, in positional order. */
  readonly bounds: readonly ParameterBound[];
  /** The curve's value at `t` from named parameters. Allocation-free. */
  evaluate(params: CurveParams<K>, t: number): number;
  /** The curve's value at `t` from parameters `values[offset..offset+p)`. Allocation-free. */
  evaluateAt(values: ArrayLike<number>, t: number, offset?: number): number;
  /**
   * Writes the analytic partial derivatives d value / d parameter at `t` into `out[outOffset..outOffset+p)`.
   * Allocation-free.
   */
  gradient(values: ArrayLike<number>, t: number, out: { [i: number]: number }, outOffset?: number): void;
  /** Several candidate starting values (positional, inside the bounds) guessed from the data. */
  startingValues(t: ArrayLike<number>, y: ArrayLike<number>): number[][];
}

/** `min < x < max`-style bound helpers. */
export const free: ParameterBound = { min: -Infinity, max: Infinity, minInclusive: false, maxInclusive: false };
export const positive: ParameterBound = { min: 0, max: Infinity, minInclusive: false, maxInclusive: false };
export const nonNegative: ParameterBound = { min: 0, max: Infinity, minInclusive: true, maxInclusive: false };

/** True when `x` lies in `bound`. */
export function inBound(x: number, bound: ParameterBound): boolean {
  if (Number.isNaN(x)) return false;
  const aboveMin = bound.minInclusive ? x >= bound.min : x > bound.min;
  const belowMax = bound.maxInclusive ? x <= bound.max : x < bound.max;
  return aboveMin && belowMax;
}
