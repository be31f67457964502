// Exchange rates in scenarios: providers (or a market) whose values are in another currency are converted
// into the scenario's currency by a constant, a per-quarter series or a distribution drawn once per path.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";
import { makeDistribution } from "../../src/random/distributions.ts";
import { scenarioIssues } from "../../src/scenario/validate.ts";
import { formatIssue } from "../../src/core/issues.ts";
import { ksCriticalValue, ksStatistic } from "../random/ks.ts";

const base = {
  name: "fx",
  calendar: { start: "2020Q1", end: "2021Q4" },
  currency: "USD",
  providers: [
    { id: "local", currency: "RMB", model: { kind: "constantGrowth", start: 10, growth: 0.21 } },
    { id: "global", model: { kind: "constantGrowth", start: 2, growth: 0.21 } },
  ],
};

// Revenue of a constant-growth model in quarter t (1-based): start (1 + g)^(t / 4), computed as the kernel's
// repeated product so the comparison is exact up to the conversion's one multiplication.
function closedForm(start: number, growth: number, t: number): number {
  const factor = Math.sqrt(Math.sqrt(1 + growth));
  let revenue = start;
  for (let q = 0; q < t; q++) revenue *= factor;
  return revenue;
}

describe("exchange rates", () => {
  it("a constant rate multiplies the provider's revenue in every quarter", () => {
    const result = runScenario({ ...base, exchangeRates: { RMB: 0.145 } }, { paths: 3, seed: 1 });
    const store = result.samples!;
    for (let t = 1; t <= 8; t++) {
      const label = `${2020 + Math.floor((t - 1) / 4)}Q${((t - 1) % 4) + 1}`;
      const local = store.cell("revenue", 0, 0, store.periodIndex(label))[0];
      expect(local).toBe(closedForm(10, 0.21, t) * 0.145);
      expect(store.cell("revenue", 0, 1, store.periodIndex(label))[0]).toBe(closedForm(2, 0.21, t));
    }
  });

  it("a series gives each quarter its own rate, a quarter's entry before its year's", () => {
    const series = { "2020": 0.14, "2020Q3": 0.15, "2021": 0.16 };
    const store = runScenario({ ...base, exchangeRates: { RMB: { series } } }, { paths: 2, seed: 1 }).samples!;
    const expected = [0.14, 0.14, 0.15, 0.14, 0.16, 0.16, 0.16, 0.16];
    expected.forEach((rate, k) => {
      const label = `${2020 + Math.floor(k / 4)}Q${(k % 4) + 1}`;
      expect(store.cell("revenue", 0, 0, store.periodIndex(label))[1]).toBe(closedForm(10, 0.21, k + 1) * rate);
    });
  });

  it("a distribution is drawn once per path: the same rate in every quarter, distributed as stated", () => {
    const spec = { dist: "uniform", min: 0.13, max: 0.16 } as const;
    const n = 4000;
    const store = runScenario({ ...base, exchangeRates: { RMB: spec } }, { paths: n, seed: 7 }).samples!;
    const first = store.cell("revenue", 0, 0, store.periodIndex("2020Q1"));
    const last = store.cell("revenue", 0, 0, store.periodIndex("2021Q4"));
    const rates = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      rates[i] = first[i] / closedForm(10, 0.21, 1);
      // The same rate in the last quarter (relative 1e-14: one division and one multiplication of rounding).
      expect(Math.abs(last[i] / closedForm(10, 0.21, 8) / rates[i] - 1)).toBeLessThan(1e-14);
    }
    const dist = makeDistribution(spec);
    expect(ksStatistic(rates, (x) => dist.cdf(x))).toBeLessThan(ksCriticalValue(n, 0.001));
    // Reproducible: the same seed draws the same rates.
    const again = runScenario({ ...base, exchangeRates: { RMB: spec } }, { paths: n, seed: 7 }).samples!;
    expect(again.cell("revenue", 0, 0, store.periodIndex("2020Q1"))).toEqual(first);
  });

  it("converts an exogenous market total given in another currency", () => {
    const scenario = {
      name: "fx-market",
      calendar: { start: "2020Q1", end: "2020Q4" },
      currency: "USD",
      exchangeRates: { RMB: 0.1 },
      market: { kind: "exogenous", currency: "RMB", total: { kind: "constantGrowth", start: 100, growth: 0 } },
      providers: [{ id: "a", model: { kind: "constantGrowth", start: 4, growth: 0 } }],
    };
    const store = runScenario(scenario, { paths: 2, seed: 1 }).samples!;
    const p = store.periodIndex("2020Q2");
    expect(store.cell("revenue", 0, 0, p)[0]).toBe(4);
    expect(store.cell("revenue", 0, store.providerIndex("others"), p)[0]).toBe(100 * 0.1 - 4);
  });

  it("reports a missing rate, a missing scenario currency, an uncovered quarter and a rate that can be negative", () => {
    const lines = (input: unknown) => scenarioIssues(input).map(formatIssue);
    expect(lines(base)).toEqual(["exchangeRates: expected a rate for RMB (providers[0].currency), got none"]);
    expect(lines({ ...base, currency: undefined, exchangeRates: { RMB: 0.145 } })).toEqual([
      "currency: expected the scenario's currency, to convert providers[0].currency (RMB) into, got none",
    ]);
    expect(lines({ ...base, exchangeRates: { RMB: { series: { "2020": 0.14 } } } })).toEqual([
      "exchangeRates.RMB.series: expected a rate for 2021Q1 or 2021, got none",
    ]);
    expect(lines({ ...base, exchangeRates: { RMB: -0.1 } })).toEqual(["exchangeRates.RMB: expected a positive number, got -0.1"]);
    expect(lines({ ...base, exchangeRates: { RMB: { dist: "normal", mean: 0.145, sd: 0.05 } } })[0]).toMatch(
      /^exchangeRates\.RMB: expected a distribution whose draws are positive, got normal drawing from -0\.\d+ to/,
    );
  });
});
