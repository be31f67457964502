// Market factors shared by providers' shocks (src/engine/shockKernel.ts, shockPlan.ts): closed-form
// variances and correlations of quarterly log growth for given loadings, AR(1) persistence, exact normal
// marginals, chunk streams independent of the chunks simulated before. Tolerances: 4 Monte Carlo standard
// errors (variance: v sqrt(2 / (n - 1)); correlation: (1 - rho^2) / sqrt(n)).
import { describe, expect, it } from "vitest";
import { ChunkSimulator } from "../../src/engine/kernel.ts";
import { prepare, preparedIssues } from "../../src/engine/prepare.ts";
import { normalCdf } from "../../src/random/normal.ts";
import { ksCriticalValue, ksStatistic } from "../random/ks.ts";
import { correlation, correlationSe, logRatio, mean, quarterlyRevenue, variance, varianceSe } from "./helpers.ts";

const N = 20000;
const calendar = { start: "2020Q1", end: "2021Q4" };
const growing = (sigma: number, loadings?: Record<string, number>, persistence?: "transient") => ({
  kind: "constantGrowth",
  start: 100,
  growth: 0.2,
  shock: { sigma, ...(loadings ? { loadings } : {}), ...(persistence ? { persistence } : {}) },
});
const logG = Math.log(1.2) / 4;

describe("a market factor shared by providers", () => {
  // sigma_f = 0.08; a loads 0.8, b loads 1, c loads 0; every total sigma is 0.1.
  const scenario = {
    name: "factor",
    calendar,
    factors: [{ id: "demand", sigma: 0.08 }],
    providers: [
      { id: "a", model: growing(0.1, { demand: 0.8 }) },
      { id: "b", model: growing(0.1, { demand: 1 }) },
      { id: "c", model: growing(0.1) },
    ],
  };
  const { revenue } = quarterlyRevenue(scenario, N, 42);
  const growth = (k: number, t: number) => logRatio(revenue(k, t - 1), revenue(k, t));

  it("keeps each provider's total variance sigma^2 = 0.01, whatever its loading", () => {
    for (const k of [0, 1, 2]) {
      const v = variance(growth(k, 3));
      expect(Math.abs(v - 0.01)).toBeLessThan(4 * varianceSe(0.01, N));
    }
  });

  it("keeps the mean log growth log g - sigma^2 / 2", () => {
    const m = mean(growth(0, 3));
    expect(Math.abs(m - (logG - 0.005))).toBeLessThan(4 * Math.sqrt(0.01 / N));
  });

  it("correlates two providers' log growth by loading_a loading_b sigma_f^2 / (sigma_a sigma_b) = 0.512; 0 without a loading", () => {
    const rho = (0.8 * 1 * 0.08 ** 2) / (0.1 * 0.1);
    expect(Math.abs(correlation(growth(0, 3), growth(1, 3)) - rho)).toBeLessThan(4 * correlationSe(rho, N));
    expect(Math.abs(correlation(growth(0, 3), growth(2, 3)))).toBeLessThan(4 * correlationSe(0, N));
    // Quarters are independent without AR(1).
    expect(Math.abs(correlation(growth(1, 3), growth(1, 4)))).toBeLessThan(4 * correlationSe(0, N));
  });

  it("draws each log growth exactly normal (KS against N(log g - sigma^2 / 2, sigma) at alpha = 0.001)", () => {
    const x = growth(0, 5);
    const d = ksStatistic(x, (v) => normalCdf((v - (logG - 0.005)) / 0.1));
    expect(d).toBeLessThan(ksCriticalValue(N, 0.001));
  });

  it("widens the market: log growth of the average of two providers has variance (1 + rho) sigma^2 / 2", () => {
    // Var((x_a + x_b) / 2) = (sigma^2 + sigma^2 + 2 cov) / 4 with cov = 0.8 sigma_f^2.
    const a = growth(0, 3);
    const b = growth(1, 3);
    const avg = a.map((v, i) => (v + b[i]) / 2);
    const expected = (0.01 + 0.01 + 2 * 0.8 * 0.0064) / 4;
    // The SE of a sample variance of normal draws (the average is normal).
    expect(Math.abs(variance(avg) - expected)).toBeLessThan(4 * varianceSe(expected, N));
  });
});

describe("an exogenous market total on the factor", () => {
  // The total loads 1 on the factor with sigma = sigma_f: its log growth is the factor alone.
  const scenario = {
    name: "market-factor",
    calendar,
    factors: [{ id: "demand", sigma: 0.08 }],
    market: { kind: "exogenous", total: { kind: "constantGrowth", start: 1e6, growth: 0.2, shock: { sigma: 0.08, loadings: { demand: 1 } } } },
    providers: [{ id: "a", model: growing(0.1, { demand: 0.8 }) }],
  };
  const { revenue } = quarterlyRevenue(scenario, N, 7);
  const total = (t: number) => revenue(0, t).map((v, i) => v + revenue(1, t)[i]);

  it("gives log market growth the variance sigma_f^2 = 0.0064 and correlation 0.8 sigma_f / sigma_a = 0.64 with a", () => {
    const market = logRatio(total(2), total(3));
    const a = logRatio(revenue(0, 2), revenue(0, 3));
    expect(Math.abs(variance(market) - 0.0064)).toBeLessThan(4 * varianceSe(0.0064, N));
    const rho = (0.8 * 0.0064) / (0.08 * 0.1);
    expect(Math.abs(correlation(market, a) - rho)).toBeLessThan(4 * correlationSe(rho, N));
  });
});

describe("an AR(1) factor", () => {
  const phi = 0.6;
  // Loading 1 and sigma = sigma_f: no idiosyncratic part, so log growth is the factor plus a constant.
  const scenario = {
    name: "ar",
    calendar,
    factors: [{ id: "cycle", sigma: 0.1, ar: phi }],
    providers: [{ id: "a", model: growing(0.1, { cycle: 1 }) }],
  };
  const { revenue } = quarterlyRevenue(scenario, N, 3);
  const growth = (t: number) => logRatio(revenue(0, t - 1), revenue(0, t));

  it("has lag-1 autocorrelation phi and lag-2 phi^2 in log growth", () => {
    expect(Math.abs(correlation(growth(3), growth(4)) - phi)).toBeLessThan(4 * correlationSe(phi, N));
    expect(Math.abs(correlation(growth(3), growth(5)) - phi * phi)).toBeLessThan(4 * correlationSe(phi * phi, N));
  });

  it("is stationary from the first quarter: variance sigma_f^2 in quarter 1 and later", () => {
    const first = revenue(0, 0).map((v) => Math.log(v / (100 * 1.2 ** 0.25)));
    expect(Math.abs(variance(first) - 0.01)).toBeLessThan(4 * varianceSe(0.01, N));
    expect(Math.abs(variance(growth(7)) - 0.01)).toBeLessThan(4 * varianceSe(0.01, N));
  });
});

describe("streams and checks", () => {
  const scenario = {
    name: "streams",
    calendar,
    factors: [{ id: "demand", sigma: 0.05, ar: 0.3 }],
    providers: [
      { id: "a", model: growing(0.1, { demand: 1 }) },
      { id: "b", model: growing(0.2, { demand: -2 }, "transient") },
    ],
  };

  it("draws a chunk the same whether or not other chunks were simulated first (worker count never matters)", () => {
    const compiled = prepare(scenario, { paths: 3000, seed: 5 }).compiled;
    const sequential = new ChunkSimulator(compiled);
    sequential.run(0, 1024);
    const second = sequential.run(1, 1024).revenue.slice();
    const alone = new ChunkSimulator(compiled).run(1, 1024).revenue;
    expect(Buffer.from(alone.buffer).equals(Buffer.from(second.buffer))).toBe(true);
  });

  it("a zero loading draws the idiosyncratic shock from the plain shock's stream (same values)", () => {
    const plain = quarterlyRevenue({ name: "p", calendar, providers: [{ id: "a", model: growing(0.1) }] }, 500, 9).revenue(0, 4);
    const loaded = quarterlyRevenue({ name: "p", calendar, factors: [{ id: "demand", sigma: 0.05 }], providers: [{ id: "a", model: growing(0.1, { demand: 0 }) }] }, 500, 9).revenue(0, 4);
    for (let i = 0; i < 500; i++) expect(loaded[i]).toBeCloseTo(plain[i], 9);
  });

  it("rejects a loading on an unknown factor, a factor of another segment, and a sigma below the factor part", () => {
    expect(preparedIssues({ ...scenario, providers: [{ id: "a", model: growing(0.1, { deman: 1 }) }] })).toEqual([
      { code: "unknown_reference", path: ["providers", 0, "model", "shock", "loadings", "deman"], message: 'expected a factor of the scenario, got "deman"; factors are demand' },
    ]);
    expect(preparedIssues({ ...scenario, providers: [{ id: "a", model: growing(0.04, { demand: 1 }) }] })).toEqual([
      {
        code: "out_of_range",
        path: ["providers", 0, "model", "shock", "sigma"],
        message: "expected a sigma of at least 0.05 on every path (sigma is the total sd of the quarterly log shock, so it must cover the factor part sqrt(sum loading^2 sigma_f^2)), got 0.04",
      },
    ]);
    // A huge loading on a tiny factor: loading^2 alone overflows, the factor part (1e300 x 1e-310 = 1e-10) does not.
    const tiny = { ...scenario, factors: [{ id: "demand", sigma: 1e-310 }] };
    expect(preparedIssues({ ...tiny, providers: [{ id: "a", model: growing(0.04, { demand: 1e300 }) }] })).toEqual([]);
    const segmented = {
      name: "seg",
      calendar,
      segments: ["gov", "sme"],
      factors: [{ id: "gov-demand", sigma: 0.05, segment: "gov" }, { id: "x", sigma: 0.05, segment: "retail" }],
      providers: [{ id: "a", model: { gov: growing(0.1, { "gov-demand": 1 }), sme: growing(0.1, { "gov-demand": 1 }) } }],
    };
    expect(preparedIssues(segmented)).toEqual([
      { code: "unknown_reference", path: ["factors", 1, "segment"], message: 'expected a segment of the scenario (gov, sme), got "retail"' },
      { code: "unknown_reference", path: ["providers", 0, "model", "sme", "shock", "loadings", "gov-demand"], message: 'expected a factor of this model\'s segment (sme), got "gov-demand", the factor of segment gov' },
    ]);
  });

  it("sigma as a distribution must cover the factor part on every path it can draw", () => {
    const issues = preparedIssues({ ...scenario, providers: [{ id: "a", model: { ...growing(0.1, { demand: 1 }), shock: { sigma: { dist: "uniform", min: 0.01, max: 0.2 }, loadings: { demand: 1 } } } }] });
    expect(issues.map((i) => i.path.join("."))).toEqual(["providers.0.model.shock.sigma"]);
    expect(preparedIssues({ ...scenario, providers: [{ id: "a", model: { ...growing(0.1), shock: { sigma: { dist: "uniform", min: 0.05, max: 0.2 }, loadings: { demand: 1 } } } }] })).toEqual([]);
  });
});
