import { free, positive, type CurveImpl } from "./curve.ts";
import { logisticOfMinus, softplus } from "./_internals/sigmoid.ts";
import { logisticStarts } from "./logistic.ts";
import { exp } from "../core/elementary.ts";

/**
 * Richards (generalised logistic) curve: `K / (1 + exp(-r (t - t0)))^(1/nu)`, K > 0, r > 0, nu > 0;
 * nu = 1 is the logistic. Computed as K exp(-L / nu) with L = log(1 + exp(z)), z = -r (t - t0).
 * With f the value and sigma = 1 / (1 + exp(-z)): d/dK = f / K, d/dr = f sigma (t - t0) / nu,
 * d/dt0 = -f sigma r / nu, d/dnu = f L / nu^2. Reference: Richards (1959), J. Exp. Bot. 10(2).
 *
 * @example
 * richards.evaluate({ K: 100, r: 1, t0: 0, nu: 1 }, 0) // 50
 */
export const richards: CurveImpl<"richards"> = {
  name: "richards",
  formula: "K / (1 + exp(-r (t - t0)))^(1/nu)",
  parameters: ["K", "r", "t0", "nu"],
  bounds: [positive, positive, free, positive],
  evaluate: (p, t) => p.K * exp(-softplus(-p.r * (t - p.t0)) / p.nu),
  evaluateAt: (v, t, o = 0) => v[o] * exp(-softplus(-v[o + 1] * (t - v[o + 2])) / v[o + 3]),
  gradient(v, t, out, k = 0) {
    const K = v[0];
    const r = v[1];
    const t0 = v[2];
    const nu = v[3];
    const z = -r * (t - t0);
    const L = softplus(z);
    const g = exp(-L / nu);
    const f = K * g;
    const sigma = logisticOfMinus(-z);
    out[k] = g;
    out[k + 1] = (f * sigma * (t - t0)) / nu;
    out[k + 2] = (-f * sigma * r) / nu;
    out[k + 3] = (f * L) / (nu * nu);
  },
  startingValues(t, y) {
    const out: number[][] = [];
    for (const nu of [1, 0.5, 2]) for (const c of logisticStarts(t, y)) out.push([c[0], c[1], c[2], nu]);
    return out;
  },
};
