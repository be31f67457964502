import type { CurveImpl, CurveName } from "../curves/curve.ts";

/**
 * Writes a growth curve's level for quarters t = 1..T after the base quarter (t / 4 years) and every path,
 * the layout of `ModelBehaviour.simulate`, with the curve's one formula (curves/). `fill(i, values)` puts
 * path i's curve parameters, in the curve's positional order, into `values`.
 */
export function curveLevels(
  curve: CurveImpl<CurveName>,
  quarters: number,
  paths: number,
  out: Float64Array,
  offset: number,
  fill: (i: number, values: Float64Array) => void,
): void {
  const values = new Float64Array(curve.parameters.length);
  for (let i = 0; i < paths; i++) {
    fill(i, values);
    for (let t = 0; t < quarters; t++) out[offset + t * paths + i] = curve.evaluateAt(values, (t + 1) / 4);
  }
}

/** A `fill` for models whose parameter columns are the curve's parameters in its order. */
export function columnsInOrder(columns: readonly Float64Array[]): (i: number, values: Float64Array) => void {
  return (i, values) => {
    for (let j = 0; j < values.length; j++) values[j] = columns[j][i];
  };
}
