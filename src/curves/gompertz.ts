import { positive, type CurveImpl } from "./curve.ts";
import { ceilingMultiples, dataShape, finiteCandidates, lineThrough } from "./_internals/starts.ts";
import { exp, log } from "../core/elementary.ts";

/**
 * Gompertz curve: `K exp(-b exp(-r t))`, K > 0, b > 0, r > 0; inflection at t = ln(b) / r, value K / e.
 * With E = exp(-r t), G = exp(-b E): d/dK = G, d/db = -K G E, d/dr = K G b E t.
 *
 * @example
 * gompertz.evaluate({ K: 100, b: 1, r: 1 }, 0) // 36.787944117144235
 */
export const gompertz: CurveImpl<"gompertz"> = {
  name: "gompertz",
  formula: "K exp(-b exp(-r t))",
  parameters: ["K", "b", "r"],
  bounds: [positive, positive, positive],
  evaluate: (p, t) => p.K * exp(-p.b * exp(-p.r * t)),
  evaluateAt: (v, t, o = 0) => v[o] * exp(-v[o + 1] * exp(-v[o + 2] * t)),
  gradient(v, t, out, k = 0) {
    const E = exp(-v[2] * t);
    const G = exp(-v[1] * E);
    const KGE = G === 0 ? 0 : v[0] * G * E;
    out[k] = G;
    out[k + 1] = -KGE;
    out[k + 2] = KGE * v[1] * t;
  },
  startingValues(t, y) {
    const shape = dataShape(t, y);
    const candidates: number[][] = [];
    for (const multiple of ceilingMultiples) {
      const K = shape.yMax * multiple;
      // log(-log(y / K)) = log b - r t.
      const line = lineThrough(t, (i) => log(-log(y[i] / K)), (i) => y[i] > 0 && y[i] < K);
      if (line && line.slope < 0) candidates.push([K, exp(line.intercept), -line.slope]);
      else {
        const r = 2 / shape.span;
        candidates.push([K, exp((r * (shape.tMin + shape.tMax)) / 2), r]);
      }
    }
    return finiteCandidates(candidates).filter((c) => c[0] > 0 && c[1] > 0 && c[2] > 0);
  },
};
