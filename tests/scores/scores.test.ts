import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "../../src/random/normal.ts";
import { createStream } from "../../src/random/stream.ts";
import {
  coverage,
  covers,
  crpsFromSamples,
  crpsNormal,
  crpsSorted,
  mape,
  mase,
  meanPinballLoss,
  naiveDrift,
  naiveScale,
  pinballLoss,
  smape,
} from "../../src/stats/scores.ts";

const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Gneiting & Raftery (2007), eq. 5: CRPS of N(mu, sigma^2) at y. Written here independently of src. */
function crpsNormalReference(mu: number, sigma: number, y: number): number {
  const z = (y - mu) / sigma;
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * phi(z) - 1 / Math.sqrt(Math.PI));
}

/** E|x - X'| for X' ~ N(mu, sigma^2): sigma [2 phi(d) + d (2 Phi(d) - 1)], d = (x - mu) / sigma. */
function expectedAbsNormal(x: number, mu: number, sigma: number): number {
  const d = (x - mu) / sigma;
  return sigma * (2 * phi(d) + d * (2 * normalCdf(d) - 1));
}

/** The integral form of the empirical CRPS, integral of (F_n(x) - 1{x >= y})^2 dx, piece by piece. */
function crpsIntegral(samples: number[], y: number): number {
  const xs = [...samples].sort((a, b) => a - b);
  const knots = [...xs, y].sort((a, b) => a - b);
  const n = xs.length;
  let total = 0;
  for (let k = 0; k + 1 < knots.length; k++) {
    const mid = (knots[k] + knots[k + 1]) / 2;
    const F = xs.filter((x) => x <= mid).length / n;
    const H = mid >= y ? 1 : 0;
    total += (F - H) ** 2 * (knots[k + 1] - knots[k]);
  }
  return total;
}

describe("point scores by hand", () => {
  it("MAPE, sMAPE", () => {
    expect(mape([100, 200], [110, 180])).toBeCloseTo(10, 12);
    expect(smape([100, 200], [110, 180])).toBeCloseTo(100 * ((2 * 10) / 210 + (2 * 20) / 380) / 2, 12);
    expect(smape([0, 5], [0, 5])).toBe(0);
    expect(() => mape([0], [1])).toThrow(RangeError);
    expect(() => mape([1, 2], [1])).toThrow(RangeError);
  });

  it("MASE with the random walk with drift scale, gaps skipped", () => {
    // drift = (17 - 10) / 3; one-step errors 2 - 7/3, 3 - 7/3, 2 - 7/3 -> mean |.| = 4/9.
    expect(naiveDrift([10, 12, 15, 17])).toBeCloseTo(7 / 3, 14);
    expect(naiveScale([10, 12, 15, 17])).toBeCloseTo(4 / 9, 14);
    // Plain random walk: mean |change| = 7/3.
    expect(naiveScale([10, 12, 15, 17], { drift: false })).toBeCloseTo(7 / 3, 14);
    // A gap: drift (20 - 10) / 4 = 2.5 over indices 0..4; pairs (0,1) and (3,4) only: |2 - 2.5|, |4 - 2.5| -> 1.
    expect(naiveScale([10, 12, NaN, 16, 20])).toBeCloseTo(1, 14);
    expect(mase([10, 20], [12, 17], 2.5)).toBeCloseTo(1, 14);
    expect(() => mase([1], [1], 0)).toThrow(RangeError);
  });
});

describe("pinball and coverage by hand", () => {
  it("pinball loss on both sides of the quantile", () => {
    expect(pinballLoss(10, 8, 0.9)).toBeCloseTo(1.8, 14); // under-forecast: tau (y - q)
    expect(pinballLoss(10, 12, 0.9)).toBeCloseTo(0.2, 14); // over-forecast: (1 - tau)(q - y)
    expect(pinballLoss(10, 10, 0.3)).toBe(0);
    expect(meanPinballLoss(10, [8, 12], [0.1, 0.9])).toBeCloseTo(0.2, 14);
    expect(() => pinballLoss(1, 1, 1)).toThrow(RangeError);
  });

  it("coverage counts closed intervals", () => {
    expect(covers(1, 3, 3)).toBe(true);
    expect(covers(1, 3, 3.0000001)).toBe(false);
    expect(coverage([0, 0, 0, 0], [1, 1, 1, 1], [0.5, 2, 1, -1])).toBe(0.5);
  });

  it("twice the mean pinball loss over a fine grid of levels is the CRPS (Gneiting & Raftery eq. 22)", () => {
    const mu = 1;
    const sigma = 2;
    const y = 2.3;
    const m = 20000;
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const tau = (k + 0.5) / m;
      sum += pinballLoss(y, mu + sigma * normalQuantile(tau), tau);
    }
    expect((2 * sum) / m).toBeCloseTo(crpsNormalReference(mu, sigma, y), 4);
  });
});

describe("CRPS", () => {
  it("closed form of the normal: reference values", () => {
    // CRPS(N(0,1), 0) = 2 phi(0) - 1/sqrt(pi) = sqrt(2/pi) - 1/sqrt(pi) (scoringRules::crps_norm(0) = 0.2336950).
    expect(crpsNormal(0, 1, 0)).toBeCloseTo(Math.sqrt(2 / Math.PI) - 1 / Math.sqrt(Math.PI), 14);
    for (const [mu, sigma, y] of [[0, 1, 1.5], [3, 2, -1], [100, 0.5, 100.2]]) {
      expect(crpsNormal(mu, sigma, y)).toBeCloseTo(crpsNormalReference(mu, sigma, y), 12);
    }
    expect(crpsNormal(2, 0, 5)).toBe(3);
  });

  it("energy form in O(n log n) equals the integral form and the O(n^2) pairwise form", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: -120, max: 120, noNaN: true }),
        (xs, y) => {
          const n = xs.length;
          let absolute = 0;
          let pairs = 0;
          for (const a of xs) {
            absolute += Math.abs(a - y);
            for (const b of xs) pairs += Math.abs(a - b);
          }
          const pairwise = absolute / n - pairs / (2 * n * n);
          const copy = [...xs];
          const score = crpsFromSamples(xs, y);
          expect(xs).toEqual(copy); // input untouched
          expect(score).toBeGreaterThanOrEqual(-1e-9);
          expect(Math.abs(score - pairwise)).toBeLessThan(1e-9 * (1 + pairwise));
          expect(Math.abs(score - crpsIntegral(xs, y))).toBeLessThan(1e-8 * (1 + pairwise));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
    expect(crpsSorted(Float64Array.of(1, 2, 3), 2)).toBeCloseTo(2 / 9, 14);
  });

  it("sample CRPS of many normal draws matches the closed form within its Monte Carlo error", () => {
    const n = 20000;
    const mu = 3;
    const sigma = 2;
    const stream = createStream(42, "tests/scores/crps");
    const draws = new Float64Array(n);
    for (let i = 0; i < n; i++) draws[i] = mu + sigma * normalQuantile(stream.uniform());
    for (const y of [-1, 2.5, 3, 6, 10]) {
      const exact = crpsNormalReference(mu, sigma, y);
      // The estimator is a V-statistic: to first order the mean of g(X) = |X - y| - E_X'|X - X'| (its Hoeffding
      // projection), so its standard error is sd(g) / sqrt(n); its bias is -E|X - X'| / (2n) = -sigma / (sqrt(pi) n).
      let s1 = 0;
      let s2 = 0;
      for (const x of draws) {
        const g = Math.abs(x - y) - expectedAbsNormal(x, mu, sigma);
        s1 += g;
        s2 += g * g;
      }
      const se = Math.sqrt((s2 / n - (s1 / n) ** 2) / n);
      const bias = sigma / (Math.sqrt(Math.PI) * n);
      expect(Math.abs(crpsFromSamples(draws, y) - exact)).toBeLessThan(5 * se + bias);
    }
  });
});
