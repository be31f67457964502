// Conditioning on actuals (src/engine/condition.ts, pin.ts, actuals.ts) against closed forms and hand values.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { systematicResample } from "../../src/engine/condition.ts";
import { runScenario } from "../../src/index.ts";
import { leftToRightSum } from "../../src/engine/reconcile.ts";

const PATHS = 20_000;

/** Provider a: revenue ln x ~ N(0, 0.5^2), flat (growth 0); b: 1 every quarter. Market: their sum. */
function scenario(condition?: unknown): Record<string, unknown> {
  return {
    name: "conditioned",
    calendar: { start: "2020Q1", end: "2021Q4" },
    providers: [
      { id: "a", model: { kind: "constantGrowth", start: { dist: "lognormal", meanLog: 0, sdLog: 0.5 }, growth: 0 } },
      { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0 } },
    ],
    events: [{ id: "a-above", kind: "threshold", metric: "revenue", provider: "a", period: "2020Q1", op: ">=", value: Math.exp(0.4) }],
    simulation: { paths: PATHS, seed: 7 },
    ...(condition === undefined ? {} : { condition }),
  };
}

describe("importance weights under the lognormal observation model", () => {
  // Observing y = x exp(e), e ~ N(0, tau^2), with ln x ~ N(0, s^2): ln x | y ~ N(m', s'^2),
  // 1/s'^2 = 1/s^2 + 1/tau^2 = 4 + 16 = 20, m' = s'^2 (ln y / tau^2) = 0.5 * 16 / 20 = 0.4 for ln y = 0.5.
  const tau = 0.25;
  const sPost = Math.sqrt(1 / 20);
  const mPost = 0.4;
  const result = runScenario(scenario({ method: "weight", actuals: [{ output: "revenue:a:2020Q1", value: Math.exp(0.5), sigma: tau }] }));
  const ess = result.meta.condition!.effectiveSampleSize;

  it("reports Kish's effective sample size, (E w)^2 / E w^2 of the closed form", () => {
    // With z = ln x ~ N(0, s^2) and w = exp(-(z - a)^2 / (2 tau^2)), a = ln y:
    // E w = tau / sqrt(s^2 + tau^2) exp(-a^2 / (2 (s^2 + tau^2))),
    // E w^2 = (tau / sqrt 2) / sqrt(s^2 + tau^2 / 2) exp(-a^2 / (2 s^2 + tau^2)).
    const [s2, t2, a] = [0.25, tau * tau, 0.5];
    const ew = Math.sqrt(t2 / (s2 + t2)) * Math.exp(-(a * a) / (2 * (s2 + t2)));
    const ew2 = (tau / Math.SQRT2 / Math.sqrt(s2 + t2 / 2)) * Math.exp(-(a * a) / (2 * s2 + t2));
    expect(Math.abs(ess / PATHS - (ew * ew) / ew2)).toBeLessThan(0.02); // 0.4205 expected
  });

  it("gives the posterior median, quantiles and mean of the closed form", () => {
    const row = result.row("2020Q1", "a", "revenue")!;
    // Standard error of a quantile of ln x: sqrt(p (1 - p)) / (phi(z_p) sqrt(ESS)) * s'.
    const se = (p: number, z: number) => (Math.sqrt(p * (1 - p)) / (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)) / Math.sqrt(ess)) * sPost;
    expect(Math.abs(Math.log(row.p50) - mPost)).toBeLessThan(4 * se(0.5, 0));
    expect(Math.abs(Math.log(row.p05) - (mPost - 1.6448536269514722 * sPost))).toBeLessThan(4 * se(0.05, 1.6448536269514722));
    expect(Math.abs(Math.log(row.p95) - (mPost + 1.6448536269514722 * sPost))).toBeLessThan(4 * se(0.95, 1.6448536269514722));
    const mean = Math.exp(mPost + sPost * sPost / 2);
    const sd = mean * Math.sqrt(Math.expm1(sPost * sPost));
    expect(Math.abs(row.mean - mean)).toBeLessThan(4 * sd / Math.sqrt(ess));
    expect(Math.abs(row.sd - sd) / sd).toBeLessThan(0.05);
    // Later quarters carry the same path (growth 0): the same weighted distribution.
    expect(result.row("2021Q4", "a", "revenue")!.p50).toBeCloseTo(row.p50, 12);
  });

  it("gives the weighted probability of an event: P(x >= e^0.4 | y) = 1/2", () => {
    const event = result.event("a-above")!;
    expect(Math.abs(event.probability - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / ess));
    expect(event.stderr).toBeCloseTo(Math.sqrt((event.probability * (1 - event.probability)) / ess), 12);
  });

  it("resampling agrees with the weights within Monte Carlo error, and replays byte for byte", () => {
    const spec = { method: "resample", sigma: tau, actuals: [{ output: "revenue:a:2020Q1", value: Math.exp(0.5) }] };
    const first = runScenario(scenario(spec));
    const again = runScenario(scenario(spec));
    expect(JSON.stringify(first)).toBe(JSON.stringify(again));
    const row = first.row("2020Q1", "a", "revenue")!;
    expect(Math.abs(Math.log(row.p50) - mPost)).toBeLessThan(5 * 1.2533 * sPost / Math.sqrt(ess));
    expect(first.meta.condition!.effectiveSampleSize).toBe(ess);
  });

  it("leaves a run without a condition block unchanged", () => {
    const plain = runScenario(scenario());
    expect(plain.meta.condition).toBeUndefined();
    expect(plain.row("2020Q1", "a", "revenue")!.p50).toBeCloseTo(1, 1);
  });
});

describe("pinning", () => {
  const pinned = runScenario(scenario({ method: "pin", actuals: [{ output: "market:2020Q2", value: 4 }, { output: "share:a:2020Q2", value: 0.3 }] }));
  const store = pinned.samples!;
  const cell = (metric: "revenue" | "share", provider: string, period: string) => store.cell(metric, 0, store.providerIndex(provider), store.periodIndex(period));

  it("meets the actuals exactly on every path and keeps the earlier quarter", () => {
    const a = cell("revenue", "a", "2020Q2");
    const b = cell("revenue", "b", "2020Q2");
    const a1 = cell("revenue", "a", "2020Q1");
    for (let i = 0; i < store.paths; i += 97) {
      expect(a[i]).toBeCloseTo(1.2, 12); // 0.3 of 4
      expect(b[i]).toBeCloseTo(2.8, 12); // the rest of the market: b is the only provider without an actual
      expect(cell("share", "a", "2020Q2")[i]).toBeCloseTo(0.3, 12);
      expect(a1[i]).not.toBeCloseTo(1.2, 6);
    }
    expect(pinned.meta.condition!.effectiveSampleSize).toBe(PATHS);
  });

  it("continues each path from the pinned level, sums years again and keeps shares on the simplex", () => {
    const years = ["2021"];
    for (let i = 0; i < store.paths; i += 31) {
      expect(cell("revenue", "a", "2021Q3")[i]).toBeCloseTo(1.2, 12); // growth 0 after the pin
      const year = cell("revenue", "a", "2021")[i];
      expect(year).toBeCloseTo(4 * 1.2, 12);
      for (const period of [...years, "2020", "2020Q1", "2020Q2", "2021Q4"]) {
        const shares = [cell("share", "a", period)[i], cell("share", "b", period)[i]];
        expect(leftToRightSum(shares)).toBeLessThanOrEqual(1);
        for (const s of shares) expect(s >= 0 && s <= 1).toBe(true);
      }
    }
  });

  it("refuses actuals that cannot hold together", () => {
    const bad = () => runScenario(scenario({ method: "pin", actuals: [{ output: "market:2020Q2", value: 1 }, { output: "revenue:a:2020Q2", value: 2 }] }));
    expect(bad).toThrow(InputError);
    expect(bad).toThrow(/condition\.actuals\[0\].*fit the market total/);
  });

  it("refuses actuals so large that revenue overflows, as an unpinned run does (it had printed Infinity and NaN)", () => {
    const huge = () => runScenario(scenario({ method: "pin", actuals: [{ output: "revenue:a:2020Q2", value: 1e308 }] }));
    expect(huge).toThrow(InputError);
    expect(huge).toThrow(/^condition\.actuals: expected actuals that keep revenue finite, got Infinity for a in 2020 on path 0/);
  });
});

describe("bad actuals are input errors naming the field", () => {
  const issues = (condition: unknown): string[] => {
    try {
      runScenario(scenario(condition), { paths: 10 });
    } catch (error) {
      if (error instanceof InputError) return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw error;
    }
    return [];
  };

  it("an unknown provider, a period before the calendar, a missing sigma, a year pinned", () => {
    expect(issues({ sigma: 0.1, actuals: [{ output: "share:zz:2020Q1", value: 0.5 }] })[0]).toMatch(/^condition\.actuals\.0\.output: expected a provider of the scenario \(a, b\)/);
    expect(issues({ sigma: 0.1, actuals: [{ output: "share:a:2019Q4", value: 0.5 }] })[0]).toMatch(/^condition\.actuals\.0\.output: expected a simulated period/);
    expect(issues({ actuals: [{ output: "share:a:2020Q1", value: 0.5 }] })[0]).toMatch(/^condition\.actuals\.0\.sigma: expected the observation noise/);
    expect(issues({ method: "pin", actuals: [{ output: "share:a:2020", value: 0.5 }] })[0]).toMatch(/^condition\.actuals\.0\.output: expected a quarter for method pin/);
    expect(issues({ method: "guess", actuals: [{ output: "share:a:2020", value: 0.5 }] })[0]).toMatch(/^condition\.method: /);
    expect(issues({ sigma: 0.1, actuals: [{ output: "share:a:2020Q1", value: 1.5 }] })[0]).toMatch(/^condition\.actuals\.0\.value: expected a share as a fraction/);
  });
});

describe("systematicResample", () => {
  it("draws each path about n w / sum(w) times, in order", () => {
    // Points (i + 0.5) / 3 * 4 = 0.67, 2, 3.33 against cumulative weights 1, 1, 4.
    expect([...systematicResample(Float64Array.of(1, 0, 3), 0.5)]).toEqual([0, 2, 2]);
    expect([...systematicResample(Float64Array.of(1, 1, 1, 1), 0.999)]).toEqual([0, 1, 2, 3]);
    expect([...systematicResample(Float64Array.of(0, 0, 5, 0), 0.2)]).toEqual([2, 2, 2, 2]);
  });
});

describe("pinning in an exogenous market", () => {
  it("pins a named provider's share of the market total; others takes the rest; shares stay on the simplex", () => {
    const result = runScenario({
      name: "exogenous-pin",
      calendar: { start: "2020Q1", end: "2020Q4" },
      market: { kind: "exogenous", total: { kind: "constantGrowth", start: { dist: "uniform", min: 8, max: 12 }, growth: 0 } },
      providers: [
        { id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 1, max: 3 }, growth: 0 } },
        { id: "b", model: { kind: "constantGrowth", start: { dist: "uniform", min: 1, max: 3 }, growth: 0 } },
      ],
      simulation: { paths: 2000, seed: 5 },
      condition: { method: "pin", actuals: [{ output: "market:2020Q2", value: 10 }, { output: "share:a:2020Q2", value: 0.25 }] },
    });
    const store = result.samples!;
    const at = (metric: "revenue" | "share", provider: string, period: string) => store.cell(metric, 0, store.providerIndex(provider), store.periodIndex(period));
    for (let i = 0; i < store.paths; i += 13) {
      expect(at("revenue", "a", "2020Q2")[i]).toBeCloseTo(2.5, 12);
      const rest = at("revenue", "b", "2020Q2")[i] + at("revenue", "others", "2020Q2")[i];
      expect(rest).toBeCloseTo(7.5, 10);
      expect(at("revenue", "others", "2020Q2")[i]).toBeGreaterThanOrEqual(0);
      expect(leftToRightSum(["a", "b", "others"].map((p) => at("share", p, "2020Q4")[i]))).toBeLessThanOrEqual(1);
    }
  });
});
