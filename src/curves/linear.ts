import { free, type CurveImpl } from "./curve.ts";
import { lineThrough } from "./_internals/starts.ts";

/**
 * Linear curve: `a + b t`. Partial derivatives: d/da = 1, d/db = t.
 *
 * @example
 * linear.evaluate({ a: 1, b: 2 }, 3) // 7
 */
export const linear: CurveImpl<"linear"> = {
  name: "linear",
  formula: "a + b t",
  parameters: ["a", "b"],
  bounds: [free, free],
  evaluate: (p, t) => p.a + p.b * t,
  evaluateAt: (v, t, o = 0) => v[o] + v[o + 1] * t,
  gradient(_v, t, out, k = 0) {
    out[k] = 1;
    out[k + 1] = t;
  },
  startingValues(t, y) {
    const line = lineThrough(t, (i) => y[i], () => true);
    return line ? [[line.intercept, line.slope]] : [[y[0] ?? 0, 0]];
  },
};
