import { free, positive, type CurveImpl } from "./curve.ts";
import { logisticOfMinus } from "./_internals/sigmoid.ts";
import { ceilingMultiples, dataShape, finiteCandidates, lineThrough } from "./_internals/starts.ts";
import { log } from "../core/elementary.ts";

/**
 * Logistic curve: `K / (1 + exp(-r (t - t0)))`, K > 0, r > 0; t0 is the inflection time (value K / 2).
 * With s = 1 / (1 + exp(-r (t - t0))): d/dK = s, d/dr = K s (1 - s) (t - t0), d/dt0 = -K s (1 - s) r.
 *
 * @example
 * logistic.evaluate({ K: 100, r: 1, t0: 0 }, 0) // 50
 */
export const logistic: CurveImpl<"logistic"> = {
  name: "logistic",
  formula: "K / (1 + exp(-r (t - t0)))",
  parameters: ["K", "r", "t0"],
  bounds: [positive, positive, free],
  evaluate: (p, t) => p.K * logisticOfMinus(-p.r * (t - p.t0)),
  evaluateAt: (v, t, o = 0) => v[o] * logisticOfMinus(-v[o + 1] * (t - v[o + 2])),
  gradient(v, t, out, k = 0) {
    const z = -v[1] * (t - v[2]);
    const s = logisticOfMinus(z);
    const w = v[0] * s * logisticOfMinus(-z);
    out[k] = s;
    out[k + 1] = w * (t - v[2]);
    out[k + 2] = -w * v[1];
  },
  startingValues: logisticStarts,
};

/** Logistic starts: for several ceilings K, a line through logit(y / K) gives r and t0. */
export function logisticStarts(t: ArrayLike<number>, y: ArrayLike<number>): number[][] {
  const shape = dataShape(t, y);
  const candidates: number[][] = [];
  for (const multiple of ceilingMultiples) {
    const K = shape.yMax * multiple;
    const line = lineThrough(t, (i) => log(y[i] / (K - y[i])), (i) => y[i] > 0 && y[i] < K);
    if (line && line.slope > 0) candidates.push([K, line.slope, -line.intercept / line.slope]);
    else candidates.push([K, 4 / shape.span, (shape.tMin + shape.tMax) / 2]);
  }
  return finiteCandidates(candidates).filter((c) => c[0] > 0 && c[1] > 0);
}
