import { nonNegative, positive, type CurveImpl } from "./curve.ts";
import { ceilingMultiples, dataShape, finiteCandidates, lineThrough } from "./_internals/starts.ts";
import { exp, expm1, log } from "../core/elementary.ts";

/**
 * Bass diffusion, cumulative adopters: `m (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))`,
 * m > 0 (market potential), p > 0 (innovation), q >= 0 (imitation). Reference: Bass (1969), Management
 * Science 15(5). With E = exp(-(p+q) t), N = 1 - E, D = 1 + (q/p) E, F = N / D:
 * d/dm = F, d/dp = m E (t D + N (q/p^2 + (q/p) t)) / D^2, d/dq = m E (t D - N (1/p - (q/p) t)) / D^2.
 *
 * @example
 * bass.evaluate({ m: 1000, p: 0.03, q: 0.38 }, 5) // 331.19864249137356
 */
export const bass: CurveImpl<"bass"> = {
  name: "bass",
  formula: "m (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t))",
  parameters: ["m", "p", "q"],
  bounds: [positive, positive, nonNegative],
  evaluate: (v, t) => bassValue(v.m, v.p, v.q, t),
  evaluateAt: (v, t, o = 0) => bassValue(v[o], v[o + 1], v[o + 2], t),
  gradient(v, t, out, k = 0) {
    const m = v[0];
    const p = v[1];
    const q = v[2];
    const E = exp(-(p + q) * t);
    const N = -expm1(-(p + q) * t);
    const c = q / p;
    const D = 1 + c * E;
    const scale = (m * E) / (D * D);
    out[k] = N / D;
    out[k + 1] = scale * (t * D + N * (q / (p * p) + c * t));
    out[k + 2] = scale * (t * D - N * (1 / p - c * t));
  },
  startingValues(t, y) {
    const shape = dataShape(t, y);
    const candidates: number[][] = [];
    for (const multiple of ceilingMultiples) {
      const m = shape.yMax * multiple;
      // Logistic linearisation: p + q ~ r and q / p ~ exp(r t0).
      const line = lineThrough(t, (i) => log(y[i] / (m - y[i])), (i) => y[i] > 0 && y[i] < m);
      if (line && line.slope > 0) {
        const s = line.slope;
        const ratio = exp(-line.intercept);
        if (ratio > 1) candidates.push([m, s / (1 + ratio), (s * ratio) / (1 + ratio)]);
        else candidates.push([m, 0.9 * s, 0.1 * s]);
      }
      for (const s of [4 / shape.span, 8 / shape.span]) candidates.push([m, 0.1 * s, 0.9 * s]);
    }
    return finiteCandidates(candidates).filter((c) => c[0] > 0 && c[1] > 0 && c[2] >= 0);
  },
};

function bassValue(m: number, p: number, q: number, t: number): number {
  return bassAdopters(m, q / p, exp(-(p + q) * t));
}

/**
 * The Bass cumulative-adopters formula from its decay term: m (1 - E) / (1 + (q/p) E) with E = exp(-(p+q) t),
 * the one definition shared by the `bass` curve and the replication model (which runs the clock `speed`
 * times faster). `1 - E` rather than `-expm1`: the seed-42 snapshots were produced with this form.
 *
 * @example bassAdopters(1000, 0.38 / 0.03, exp(-(0.03 + 0.38) * 5)) // 331.19864249137356
 */
export function bassAdopters(m: number, imitationRatio: number, decay: number): number {
  return (m * (1 - decay)) / (1 + imitationRatio * decay);
}
