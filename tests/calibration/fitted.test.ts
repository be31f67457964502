import { describe, expect, it } from "vitest";
import alibabaJson from "../../fixtures/alibaba-cloud-revenue-quarterly.json" with { type: "json" };
import { fitCurve } from "../../src/curves/fit.ts";
import { prepare } from "../../src/engine/prepare.ts";
import { runScenario } from "../../src/engine/run.ts";
import { cholesky, reflectIntoBound } from "../../src/models/fitted.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { fixtureSeries } from "../../src/data/series.ts";
import { InputError } from "../../src/core/issues.ts";

const alibaba = parseFixture(alibabaJson, "alibaba-cloud-revenue-quarterly");
const alibabaHistory = fixtureSeries(alibaba, { metric: "revenue" }).map((r) => ({ period: r.period, value: r.value }));

// A noisy straight line, 2016Q1..2018Q4 (12 quarters), with a gap at 2017Q2 and a point after the as-of date.
const line = [
  ["2016Q1", 10.3], ["2016Q2", 11.9], ["2016Q3", 14.4], ["2016Q4", 15.8], ["2017Q1", 18.6], ["2017Q2", null],
  ["2017Q3", 22.1], ["2017Q4", 24.9], ["2018Q1", 25.7], ["2018Q2", 28.8], ["2018Q3", 30.2], ["2018Q4", 33.1],
  ["2019Q1", 99],
] as const;
const lineHistory = line.map(([period, value]) => ({ period, value }));

function scenario(model: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    name: "calibration",
    asOf: "2018-12-31",
    calendar: { start: "2019Q1", end: "2019Q4" },
    providers: [{ id: "a", model }],
    ...extra,
  };
}

function revenue(result: ReturnType<typeof runScenario>, period: string): Float64Array {
  const s = result.samples!;
  return s.cell("revenue", 0, 0, s.periodIndex(period));
}

/** Ordinary least squares of y on (1, t), by the normal equations: the independent reference of the linear fit. */
function ols(t: number[], y: number[]) {
  const n = t.length;
  const st = t.reduce((a, b) => a + b, 0);
  const stt = t.reduce((a, b) => a + b * b, 0);
  const sy = y.reduce((a, b) => a + b, 0);
  const sty = t.reduce((a, b, i) => a + b * y[i], 0);
  const det = n * stt - st * st;
  const b = (n * sty - st * sy) / det;
  const a = (sy - b * st) / n;
  const rss = y.reduce((acc, v, i) => acc + (v - a - b * t[i]) ** 2, 0);
  const s2 = rss / (n - 2);
  // sigma^2 (X'X)^-1 with X'X = [[n, st], [st, stt]].
  return { a, b, cov: [[(s2 * stt) / det, (-s2 * st) / det], [(-s2 * st) / det, (s2 * n) / det]] };
}

// The points known by 2018-12-31 (the gap and 2019Q1 left out), t in years from the base quarter 2018Q4.
const known = line.filter(([p, v]) => v !== null && p <= "2018Q4");
const quarterIndex = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p[5]) - 1;
const knownT = known.map(([p]) => (quarterIndex(p) - quarterIndex("2018Q4")) / 4);
const knownY = known.map(([, v]) => v as number);

describe("fitted model: the fit", () => {
  it("uses only the values known by the as-of date (gaps skipped) and reproduces the fitted curve with uncertainty none", () => {
    const reference = ols(knownT, knownY);
    const result = runScenario(scenario({ kind: "fitted", curve: "linear", history: lineHistory, uncertainty: "none" }), { paths: 50, seed: 1 });
    for (let k = 1; k <= 4; k++) {
      const values = revenue(result, `2019Q${k}`);
      const expected = reference.a + reference.b * (k / 4);
      for (const v of values) expect(v).toBeCloseTo(expected, 8);
    }
  });

  it("covariance draws give the exact normal predictive of a linear fit, N(a + b t, c' C c)", () => {
    const { a, b, cov } = ols(knownT, knownY);
    const n = 40_000;
    const result = runScenario(scenario({ kind: "fitted", curve: "linear", history: lineHistory, uncertainty: "covariance" }), { paths: n, seed: 7 });
    for (const k of [1, 4]) {
      const t = k / 4;
      const mean = a + b * t;
      const sd = Math.sqrt(cov[0][0] + 2 * t * cov[0][1] + t * t * cov[1][1]);
      const values = revenue(result, `2019Q${k}`);
      const m = values.reduce((x, y) => x + y, 0) / n;
      const s = Math.sqrt(values.reduce((x, y) => x + (y - m) ** 2, 0) / (n - 1));
      expect(Math.abs(m - mean)).toBeLessThan((5 * sd) / Math.sqrt(n));
      // sd of a sample sd of normals: about sd / sqrt(2 (n - 1)).
      expect(Math.abs(s - sd)).toBeLessThan((5 * sd) / Math.sqrt(2 * (n - 1)));
    }
  });

  it("a fitted logistic on Alibaba's revenue equals fitCurve on the same points", () => {
    const result = runScenario(
      scenario({ kind: "fitted", curve: "logistic", history: alibabaHistory, uncertainty: "none" }, { asOf: "2018-09-30", calendar: { start: "2018Q4", end: "2019Q2" } }),
      { paths: 10, seed: 1 },
    );
    const rows = alibabaHistory.filter((r) => r.value !== null && r.period <= "2018Q3");
    const t = rows.map((r) => (quarterIndex(r.period) - quarterIndex("2018Q3")) / 4);
    const fit = fitCurve("logistic", t, rows.map((r) => r.value as number));
    expect(fit.converged).toBe(true);
    const { K, r, t0 } = fit.params;
    for (const [k, period] of [[1, "2018Q4"], [3, "2019Q2"]] as const) {
      expect(revenue(result, period)[0]).toBeCloseTo(K / (1 + Math.exp(-r * (k / 4 - t0))), 6);
    }
  });
});

describe("fitted model: sampling contracts", () => {
  const model = { kind: "fitted", curve: "logistic", history: alibabaHistory, uncertainty: "covariance", residualNoise: true };
  const early = { asOf: "2017-12-31", calendar: { start: "2018Q1", end: "2019Q4" } };

  it("is deterministic, and the first N paths of a larger run equal a run of N paths (chunk contract)", () => {
    const small = runScenario(scenario(model, early), { paths: 1500, seed: 3 });
    const again = runScenario(scenario(model, early), { paths: 1500, seed: 3 });
    const large = runScenario(scenario(model, early), { paths: 3000, seed: 3 });
    const a = revenue(small, "2019Q4");
    expect(revenue(again, "2019Q4")).toEqual(a);
    expect(revenue(large, "2019Q4").subarray(0, 1500)).toEqual(a);
  });

  it("keeps every draw inside the curve's bounds (reflection): revenue finite and positive", () => {
    const result = runScenario(scenario(model, early), { paths: 5000, seed: 5 });
    for (const v of revenue(result, "2019Q4")) expect(v > 0 && Number.isFinite(v)).toBe(true);
  });

  it("bootstrap: B refits precomputed with a seeded stream; each path uses one of them", () => {
    const boot = { kind: "fitted", curve: "logistic", history: alibabaHistory, uncertainty: "bootstrap", bootstrapSamples: 40 };
    const one = runScenario(scenario(boot, early), { paths: 2000, seed: 11 });
    const two = runScenario(scenario(boot, early), { paths: 2000, seed: 11 });
    const values = revenue(one, "2019Q4");
    expect(revenue(two, "2019Q4")).toEqual(values);
    const distinct = new Set(values).size;
    expect(distinct).toBeLessThanOrEqual(40);
    expect(distinct).toBeGreaterThan(20);
  });

  it("slots are named after the model, one standard normal per parameter", () => {
    const compiled = prepare(scenario(model, early)).compiled;
    expect(compiled.slots.map((s) => s.key)).toEqual([
      "providers.a.model.fit.K",
      "providers.a.model.fit.r",
      "providers.a.model.fit.t0",
      "providers.a.model.shock.sigma",
    ]);
  });
});

describe("fitted model: helpers", () => {
  it("reflects into bounds", () => {
    const positive = { min: 0, max: Infinity, minInclusive: false, maxInclusive: false };
    const unit = { min: 0, max: 1, minInclusive: true, maxInclusive: true };
    expect(reflectIntoBound(-0.2, positive)).toBe(0.2);
    expect(reflectIntoBound(3, positive)).toBe(3);
    expect(reflectIntoBound(1.25, unit)).toBe(0.75);
    expect(reflectIntoBound(-2.5, unit)).toBeCloseTo(0.5, 14); // -2.5 -> 2.5 -> -0.5 -> 0.5
  });

  it("Cholesky factor reproduces the matrix", () => {
    const m = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]];
    const l = cholesky(m)!;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += l[i * 3 + k] * l[j * 3 + k];
        expect(sum).toBeCloseTo(m[i][j], 12);
      }
    }
    expect(cholesky([[1, 2], [2, 1]])).toBeNull();
  });
});

describe("fitted model: bad input names the field", () => {
  function issues(input: unknown): string[] {
    try {
      runScenario(input, { paths: 10 });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    }
    throw new Error("expected an InputError");
  }

  it("too few known points", () => {
    const [message] = issues(scenario({ kind: "fitted", curve: "logistic", history: lineHistory.slice(0, 3), uncertainty: "none" }));
    expect(message).toMatch(/^providers\.0\.model\.history: expected at least 4 data points, got 3/);
  });

  it("schema-level checks: start names, bootstrapSamples without bootstrap, both noises", () => {
    const found = issues(scenario({
      kind: "fitted",
      curve: "linear",
      history: lineHistory,
      uncertainty: "covariance",
      start: { K: 1 },
      bootstrapSamples: 50,
      residualNoise: true,
      shock: { sigma: 0.1 },
    }));
    expect(found.some((m) => m.startsWith("providers.0.model.start.K: expected a parameter of linear (a, b)"))).toBe(true);
    expect(found.some((m) => m.startsWith("providers.0.model.bootstrapSamples:"))).toBe(true);
    expect(found.some((m) => m.startsWith("providers.0.model.residualNoise: expected either residualNoise or shock"))).toBe(true);
  });

  it("an unknown curve", () => {
    const [message] = issues(scenario({ kind: "fitted", curve: "cubic", history: lineHistory, uncertainty: "none" }));
    expect(message).toMatch(/^providers\.0\.model\.curve: expected one of/);
  });
});
