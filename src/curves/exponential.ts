import { free, positive, type CurveImpl } from "./curve.ts";
import { dataShape, finiteCandidates, lineThrough } from "./_internals/starts.ts";
import { exp, log } from "../core/elementary.ts";

/**
 * Exponential curve: `a exp(r t)`, a > 0. Partial derivatives: d/da = exp(r t), d/dr = a t exp(r t).
 *
 * @example
 * exponential.evaluate({ a: 2, r: 0.5 }, 2) // 5.43656365691809
 */
export const exponential: CurveImpl<"exponential"> = {
  name: "exponential",
  formula: "a exp(r t)",
  parameters: ["a", "r"],
  bounds: [positive, free],
  evaluate: (p, t) => p.a * exp(p.r * t),
  evaluateAt: (v, t, o = 0) => v[o] * exp(v[o + 1] * t),
  gradient(v, t, out, k = 0) {
    const e = exp(v[1] * t);
    out[k] = e;
    out[k + 1] = v[0] * t * e;
  },
  startingValues(t, y) {
    const shape = dataShape(t, y);
    const candidates: number[][] = [];
    const line = lineThrough(t, (i) => log(y[i]), (i) => y[i] > 0);
    if (line) candidates.push([exp(line.intercept), line.slope]);
    // First and last positive points.
    let first = -1;
    let last = -1;
    for (let i = 0; i < t.length; i++) {
      if (!(y[i] > 0)) continue;
      if (first < 0 || t[i] < t[first]) first = i;
      if (last < 0 || t[i] > t[last]) last = i;
    }
    if (first >= 0 && last >= 0 && t[last] > t[first]) {
      const r = log(y[last] / y[first]) / (t[last] - t[first]);
      candidates.push([y[first] * exp(-r * t[first]), r]);
    }
    candidates.push([Math.max(shape.yMax, Number.MIN_VALUE) * exp(-shape.tMax / shape.span), 1 / shape.span]);
    return finiteCandidates(candidates).filter((c) => c[0] > 0);
  },
};
