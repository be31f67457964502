// Heavy tails and jumps (src/engine/shockKernel.ts): Kolmogorov-Smirnov tests of quarterly log growth
// against the closed-form marginals, at alpha = 0.001 (tests/random/ks.ts), and the schema's checks.
import { describe, expect, it } from "vitest";
import { preparedIssues } from "../../src/engine/prepare.ts";
import { normalCdf } from "../../src/random/normal.ts";
import { studentTCdf } from "../../src/random/studentT.ts";
import { ksCriticalValue, ksStatistic } from "../random/ks.ts";
import { logRatio, quarterlyRevenue, variance, varianceSe } from "./helpers.ts";

const N = 20000;
const calendar = { start: "2020Q1", end: "2020Q4" };
const logG = Math.log(1.2) / 4;
const model = (shock: Record<string, unknown>) => ({ kind: "constantGrowth", start: 100, growth: 0.2, shock });
const growthOf = (shock: Record<string, unknown>, seed: number, t = 2) => {
  const { revenue } = quarterlyRevenue({ name: "tails", calendar, providers: [{ id: "a", model: model(shock) }] }, N, seed);
  return logRatio(revenue(0, t - 1), revenue(0, t));
};
const critical = ksCriticalValue(N, 0.001);

describe("Student-t shocks", () => {
  const sigma = 0.1;
  const df = 4;
  const x = growthOf({ sigma, dist: "t", df }, 11);
  // x = sigma sqrt((df - 2) / df) T + log g - sigma^2 / 2, T ~ t(df).
  const scale = sigma * Math.sqrt((df - 2) / df);
  const tCdf = (v: number) => studentTCdf((v - logG + sigma * sigma / 2) / scale, df);

  it("are t-distributed with sd sigma: KS against the scaled t(4) CDF passes", () => {
    expect(ksStatistic(x, tCdf)).toBeLessThan(critical);
  });

  it("have variance sigma^2, so sigma keeps its meaning (t(4) has no fourth moment, hence no Monte Carlo SE: a 10% check)", () => {
    expect(Math.abs(variance(x) / (sigma * sigma) - 1)).toBeLessThan(0.1);
  });

  it("are not normal: KS against the normal of the same sd rejects", () => {
    expect(ksStatistic(x, (v) => normalCdf((v - logG + sigma * sigma / 2) / sigma))).toBeGreaterThan(critical);
  });

  it("need 2 < df <= 1e8 (and df only with dist t), with a message naming the field", () => {
    const issues = (shock: Record<string, unknown>) => preparedIssues({ name: "x", calendar, providers: [{ id: "a", model: model(shock) }] });
    expect(issues({ sigma: 0.1, dist: "t", df: 2 })).toEqual([
      { code: "out_of_range", path: ["providers", 0, "model", "shock", "df"], message: "expected degrees of freedom above 2 (a t shock has a finite standard deviation only for df > 2), got 2" },
    ]);
    expect(issues({ sigma: 0.1, dist: "t", df: 1e300 })).toEqual([
      { code: "out_of_range", path: ["providers", 0, "model", "shock", "df"], message: 'expected degrees of freedom at most 1e8 (a t with more is a normal to eight digits; write dist: "normal"), got 1e+300' },
    ]);
    expect(issues({ sigma: 0.1, dist: "t", df: 1e8 })).toEqual([]);
    expect(issues({ sigma: 0.1, dist: "t" })).toEqual([
      { code: "required", path: ["providers", 0, "model", "shock", "df"], message: "expected the degrees of freedom of the t shock (a number above 2), got nothing (required)" },
    ]);
    expect(issues({ sigma: 0.1, df: 5 })).toEqual([
      { code: "conflict", path: ["providers", 0, "model", "shock", "df"], message: 'expected no df with a normal shock (set dist: "t" for a Student-t shock), got 5' },
    ]);
  });
});

/** P(N = n) for N ~ Poisson(rate). */
const poisson = (n: number, rate: number) => {
  let p = Math.exp(-rate);
  for (let k = 1; k <= n; k++) p *= rate / k;
  return p;
};

describe("jumps", () => {
  const sigma = 0.05;
  const rate = 0.3;
  const mu = -0.2;
  const tau = 0.05;
  // x = sigma e - sigma^2 / 2 + sum_{k <= N} J_k, N ~ Poisson(rate), J ~ N(mu, tau): a normal mixture.
  const mixtureCdf = (v: number) => {
    let f = 0;
    for (let n = 0; n < 30; n++) f += poisson(n, rate) * normalCdf((v - logG + sigma * sigma / 2 - n * mu) / Math.sqrt(sigma * sigma + n * tau * tau));
    return f;
  };

  it("add a Poisson number of jumps with normal log-sizes: KS against the mixture CDF passes, against no jumps rejects", () => {
    const x = growthOf({ sigma, jumps: { rate, size: { dist: "normal", mean: mu, sd: tau } } }, 13, 3);
    expect(ksStatistic(x, mixtureCdf)).toBeLessThan(critical);
    expect(ksStatistic(x, (v) => normalCdf((v - logG + sigma * sigma / 2) / sigma))).toBeGreaterThan(critical);
  });

  it("of a constant size happen with Poisson frequencies (each count within 4 binomial SEs)", () => {
    // sigma 0 and size -1: log growth is log g + (number of jumps) x (-1), so the count is read off exactly.
    const x = growthOf({ sigma: 0, jumps: { rate: 0.7, size: -1 } }, 17, 2);
    const counts = new Map<number, number>();
    for (const v of x) {
      const n = Math.round(logG - v);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (let n = 0; n <= 3; n++) {
      const p = poisson(n, 0.7);
      expect(Math.abs((counts.get(n) ?? 0) / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
    }
  });

  it("leave the diffusive variance sigma^2 when the rate is 0", () => {
    const x = growthOf({ sigma, jumps: { rate: 0, size: { dist: "normal", mean: mu, sd: tau } } }, 19);
    expect(Math.abs(variance(x) - sigma * sigma)).toBeLessThan(4 * varianceSe(sigma * sigma, N));
  });

  it("reject a negative rate and an invalid size distribution", () => {
    const issues = preparedIssues({ name: "x", calendar, providers: [{ id: "a", model: model({ sigma, jumps: { rate: -1, size: { dist: "normal", mean: 0, sd: -1 } } }) }] });
    expect(issues.map((i) => i.path.join("."))).toEqual(["providers.0.model.shock.jumps.rate", "providers.0.model.shock.jumps.size.sd"]);
  });
});
