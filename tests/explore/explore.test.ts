import { describe, expect, it } from "vitest";
import { compareScenarios } from "../../src/explore/compare.ts";
import { getField, parseFieldPath, shiftParam, withField } from "../../src/explore/fieldPath.ts";
import { parseOutput } from "../../src/explore/outputs.ts";
import { solve } from "../../src/explore/solve.ts";
import { parseTarget } from "../../src/explore/statistic.ts";
import { sweep } from "../../src/explore/sweep.ts";
import { formatPath, InputError } from "../../src/core/issues.ts";

const noisy = {
  name: "noisy",
  calendar: { start: "2020Q1", end: "2022Q4" },
  providers: [
    { id: "a", model: { kind: "decayingGrowth", start: 1, g0: { dist: "normal", mean: 0.5, sd: 0.2 }, gInf: 0.1, halfLifeYears: 2, shock: { sigma: 0.1 } } },
    { id: "b", model: { kind: "constantGrowth", start: 1, growth: { dist: "uniform", min: 0.1, max: 0.6 }, shock: { sigma: 0.1 } } },
  ],
  events: [{ id: "a-half", kind: "threshold", metric: "share", provider: "a", period: "2022", op: ">=", value: 0.5 }],
};

describe("field paths", () => {
  it("reads index and id forms alike", () => {
    expect(parseFieldPath("providers[1].model.growth")).toEqual(["providers", 1, "model", "growth"]);
    expect(getField(noisy, "providers.b.model.growth")).toEqual(getField(noisy, "providers[1].model.growth"));
    const changed = withField(noisy, "providers.a.model.g0", 0.3) as typeof noisy;
    expect(changed.providers[0].model.g0).toBe(0.3);
    expect(noisy.providers[0].model.g0).toEqual({ dist: "normal", mean: 0.5, sd: 0.2 });
    expect(() => withField(noisy, "providers.zz.model.g0", 1)).toThrow(InputError);
    expect(shiftParam({ dist: "interval90", low: 0.5, high: 1 }, 0.25)).toEqual({ dist: "interval90", low: 0.75, high: 1.25 });
  });

  it("parses outputs and targets", () => {
    expect(parseOutput("share:a+b:2020:government")).toMatchObject({ metric: "share", providers: ["a", "b"], period: "2020", segment: "government" });
    expect(parseTarget("p90(revenue:a:2020Q4)=1.5").statistic).toMatchObject({ kind: "quantile", probability: 0.9 });
    expect(parseTarget("prob(a-half)=0.5").statistic).toMatchObject({ kind: "prob", event: "a-half" });
    expect(() => parseTarget("median(share:a)=0.2")).toThrow(InputError);
    expect(() => parseTarget("median(share:a:2020)")).toThrow(InputError);
  });
});

describe("sweep", () => {
  it("uses common random numbers: paired differences have a far smaller se than independent runs", () => {
    const s = sweep(noisy, { path: "providers.a.model.gInf", values: [0.1, 0.15], outputs: [parseOutput("share:a:2022")], paths: 4000, seed: 7 });
    const [first, second] = s.cells.filter((c) => c.output === "share:a:2022");
    expect(first.difference).toBe(0);
    expect(second.difference).toBeGreaterThan(0);
    expect(second.differenceSe).toBeLessThan(second.independentSe / 5);
    // The difference is many of its own se from zero, while it is within noise of independent runs.
    expect(second.difference / second.differenceSe).toBeGreaterThan(20);
    // Events are swept too.
    expect(s.cells.some((c) => c.output === "prob(a-half)")).toBe(true);
  });

  it("gives the same numbers as separate runs with the same seed (determinism)", () => {
    const a = sweep(noisy, { path: "providers[0].model.gInf", values: [0.2], outputs: [parseOutput("revenue:a:2021")], paths: 1500, seed: 3 });
    const b = sweep(withField(noisy, "providers.a.model.gInf", 0.2), { path: "providers.a.model.halfLifeYears", values: [2], outputs: [parseOutput("revenue:a:2021")], paths: 1500, seed: 3 });
    expect(a.cells[0].mean).toBe(b.cells[0].mean);
  });
});

describe("solve", () => {
  const simple = {
    name: "simple",
    calendar: { start: "2020Q1", end: "2020Q4" },
    providers: [
      { id: "a", model: { kind: "constantGrowth", start: 2, growth: 0.1 } },
      { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0 } },
    ],
    events: [{ id: "a-big", kind: "threshold", metric: "revenue", provider: "a", period: "2020Q4", op: ">=", value: 3 }],
  };

  it("finds the growth giving a target revenue, known in closed form", () => {
    // Revenue in 2020Q4 = start (1 + g): 2 (1 + g) = 3 => g = 0.5.
    const r = solve(simple, { path: "providers.a.model.growth", target: parseTarget("median(revenue:a:2020Q4)=3"), range: [0, 2], paths: 50, tolerance: 1e-10 });
    expect(r.status).toBe("solved");
    if (r.status === "solved") expect(r.value).toBeCloseTo(0.5, 8);
    // Share of a in 2020Q4 = 2 (1 + g) / (2 (1 + g) + 1) = 0.8 => g = 1.
    const s = solve(simple, { path: "providers[0].model.growth", target: parseTarget("mean(share:a:2020Q4)=0.8"), range: [0, 3], paths: 50, tolerance: 1e-10 });
    if (s.status === "solved") expect(s.value).toBeCloseTo(1, 8);
    else throw new Error("not solved");
  });

  it("solves a probability target on a step function to the step", () => {
    const r = solve(simple, { path: "providers.a.model.growth", target: parseTarget("prob(a-big)=0.5"), range: [0, 2], paths: 20, tolerance: 1e-9 });
    expect(r.status).toBe("solved");
    if (r.status === "solved") expect(r.value).toBeCloseTo(0.5, 6);
  });

  it("searches a mean past the tolerance in x until it meets the target: over 0..1e30 it still finds the closed form", () => {
    // share of a in 2020Q4 = 1.1 s / (1.1 s + 1) = 0.5 at s = 1 / 1.1. The default tolerance (1e-4 of the
    // range, 1e26) had stopped far above it with a share of 1, reported as solved.
    const r = solve(simple, { path: "providers.a.model.start", target: parseTarget("mean(share:a:2020Q4)=0.5"), range: [0, 1e30], paths: 20 });
    expect(r.status).toBe("solved");
    if (r.status === "solved") {
      expect(r.achieved).toBeCloseTo(0.5, 8);
      expect(r.value).toBeCloseTo(1 / 1.1, 6);
    }
  });

  it("says when the search cannot bring the statistic to the target (status unresolved, no value)", () => {
    const r = solve(simple, { path: "providers.a.model.start", target: parseTarget("mean(share:a:2020Q4)=0.5"), range: [0, 1e300], paths: 20, maxEvaluations: 12 });
    expect(r.status).toBe("unresolved");
    if (r.status === "unresolved") {
      expect(r.atLow).toBe(0);
      expect(r.atHigh).toBeCloseTo(1, 12);
      expect(r.bracket[0]).toBe(0);
      expect(r).not.toHaveProperty("value");
    }
  });

  it("a target met at an end of the range gives that end, with the statistic's se there (it was NaN)", () => {
    const r = solve(simple, { path: "providers.a.model.start", target: parseTarget("mean(share:a:2020Q4)=0"), range: [0, 3], paths: 100 });
    expect(r.status).toBe("solved");
    if (r.status === "solved") {
      expect(r.value).toBe(0);
      expect(r.statisticSe).toBe(0);
    }
  });

  it("says when no value in the range reaches the target", () => {
    const r = solve(simple, { path: "providers.a.model.growth", target: parseTarget("median(revenue:a:2020Q4)=10"), range: [0, 1], paths: 20 });
    expect(r.status).toBe("not-bracketed");
    if (r.status === "not-bracketed") {
      expect(r.atLow).toBeCloseTo(2, 10);
      expect(r.atHigh).toBeCloseTo(4, 10);
    }
  });
});

describe("compare", () => {
  it("pairs two variants by path and gives the exact difference where it is deterministic", () => {
    const b = withField(noisy, "providers.b.model.start", 2);
    const c = compareScenarios(noisy, b, { paths: 2000, seed: 5 });
    const row = c.rows.find((r) => r.output === "share:b:2022")!;
    expect(row.difference).toBeGreaterThan(0);
    expect(row.differenceSe).toBeLessThan(row.independentSe / 3);
    expect(c.rows.some((r) => r.output === "prob(a-half)")).toBe(true);
    // A scenario compared with itself differs by exactly 0 on every path.
    const same = compareScenarios(noisy, noisy, { paths: 500, seed: 5 });
    for (const r of same.rows) {
      expect(r.difference).toBe(0);
      expect(r.differenceSe).toBe(0);
    }
  });
});

describe("option fields in errors", () => {
  const issuePaths = (call: () => unknown): string[] => {
    try {
      call();
    } catch (error) {
      if (error instanceof InputError) return error.issues.map((issue) => formatPath(issue.path));
      throw error;
    }
    return [];
  };

  it("names outputs and target, the options' fields, not command-line flags", () => {
    expect(issuePaths(() => parseOutput("share:a"))).toEqual(["outputs"]);
    expect(issuePaths(() => parseTarget("median(share:a:2020)"))).toEqual(["target"]);
    expect(issuePaths(() => sweep(noisy, { path: "providers.a.model.gInf", values: [0.1], outputs: [parseOutput("share:zz:2022")], paths: 50 }))).toEqual(["outputs"]);
    expect(issuePaths(() => solve(noisy, { path: "providers.a.model.gInf", target: parseTarget("prob(nothing)=0.5"), range: [0, 1], paths: 50 }))).toEqual(["target"]);
  });
});

describe("field paths with names spelled like Object members", () => {
  const scenario = {
    segments: ["constructor"],
    providers: [{ id: "constructor", model: { constructor: { kind: "constantGrowth", start: 1, growth: 0.5 } } }],
  };

  it("read and set own fields only", () => {
    expect(getField(scenario, "providers.constructor.model.constructor.growth")).toBe(0.5);
    const changed = withField(scenario, "providers.constructor.model.constructor.growth", 0.7) as typeof scenario;
    expect(changed.providers[0].model.constructor.growth).toBe(0.7);
    expect(scenario.providers[0].model.constructor.growth).toBe(0.5);
    // An inherited member is not a field: `toString` of the model is nothing there.
    expect(() => getField(scenario, "providers.constructor.model.toString.growth")).toThrow(InputError);
  });
});
