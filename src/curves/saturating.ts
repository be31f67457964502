import { positive, type CurveImpl } from "./curve.ts";
import { ceilingMultiples, dataShape, finiteCandidates } from "./_internals/starts.ts";
import { exp, expm1, log1p } from "../core/elementary.ts";

/**
 * Saturating curve (monomolecular): `K (1 - exp(-r t))`, K > 0, r > 0.
 * Partial derivatives: d/dK = 1 - exp(-r t), d/dr = K t exp(-r t).
 *
 * @example
 * saturating.evaluate({ K: 100, r: 0.5 }, 2) // 63.212055882855765
 */
export const saturating: CurveImpl<"saturating"> = {
  name: "saturating",
  formula: "K (1 - exp(-r t))",
  parameters: ["K", "r"],
  bounds: [positive, positive],
  evaluate: (p, t) => -p.K * expm1(-p.r * t),
  evaluateAt: (v, t, o = 0) => -v[o] * expm1(-v[o + 1] * t),
  gradient(v, t, out, k = 0) {
    out[k] = -expm1(-v[1] * t);
    out[k + 1] = v[0] * t * exp(-v[1] * t);
  },
  startingValues(t, y) {
    const shape = dataShape(t, y);
    const candidates: number[][] = [];
    for (const multiple of ceilingMultiples) {
      const K = shape.yMax * multiple;
      // -log(1 - y/K) = r t: least squares through the origin.
      let stz = 0;
      let stt = 0;
      for (let i = 0; i < t.length; i++) {
        if (!(t[i] > 0 && y[i] > 0 && y[i] < K)) continue;
        stz += t[i] * -log1p(-y[i] / K);
        stt += t[i] * t[i];
      }
      const r = stt > 0 && stz > 0 ? stz / stt : 1 / shape.span;
      candidates.push([K, r]);
    }
    return finiteCandidates(candidates).filter((c) => c[0] > 0 && c[1] > 0);
  },
};
