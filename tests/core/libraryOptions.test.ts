// The library's entry points check the options a notebook passes as plain objects: an InputError naming the
// field (what the command line's flags get), never a TypeError or RangeError from deep inside. Before, for
// example, runScenario(s, { paths: -1 }) threw "Invalid typed array length: -210" and sweep(s, { path })
// "Cannot read properties of undefined (reading 'map')".
import { describe, expect, it } from "vitest";
import { issues } from "./issuesOf.ts";
import { attribute, compareScenarios, fitCurve, runBacktest, runScenario, runToTarget, sensitivity, solve, sweep } from "../../src/index.ts";

const scenario = {
  name: "options",
  calendar: { start: "2020Q1", end: "2020Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 1, growth: { dist: "uniform", min: 0, max: 0.2 } } },
    { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0.1 } },
  ],
};

describe("run settings given over the scenario's, by the rules of its simulation block", () => {
  it("paths, seed and quantiles, each named", () => {
    expect(issues(() => runScenario(scenario, { paths: -1 }))).toEqual([{ path: ["paths"], message: "expected a positive number, got -1" }]);
    expect(issues(() => runScenario(scenario, { paths: 1.5 }))).toEqual([{ path: ["paths"], message: "expected a whole number, got 1.5" }]);
    expect(issues(() => runScenario(scenario, { paths: 1e9 }))).toEqual([{ path: ["paths"], message: "expected a number <= 100000000, got 1000000000" }]);
    expect(issues(() => runScenario(scenario, { seed: -1, quantiles: [2, 0.5, -0.1] }))).toEqual([
      { path: ["seed"], message: "expected a number >= 0, got -1" },
      { path: ["quantiles", 0], message: "expected a number <= 1, got 2" },
      { path: ["quantiles", 2], message: "expected a number >= 0, got -0.1" },
    ]);
    expect(issues(() => runScenario(scenario, { quantiles: [] }))).toEqual([{ path: ["quantiles"], message: "expected at least 1 item(s), got 0" }]);
    expect(issues(() => runScenario(scenario, null as never))).toEqual([{ path: [], message: "expected an options object, got null" }]);
  });

  it("valid settings still run, and the same settings give the same numbers", () => {
    const a = runScenario(scenario, { paths: 100, seed: 3, quantiles: [0.1, 0.9] });
    expect(a.meta).toMatchObject({ paths: 100, seed: 3, quantiles: [0.1, 0.9] });
    expect(JSON.stringify(runScenario(scenario, { paths: 100, seed: 3, quantiles: [0.9, 0.1, 0.9] }).rows)).toBe(JSON.stringify(a.rows));
    // The minimum and maximum, which a scenario file cannot ask for, a caller may.
    const ends = runScenario(scenario, { paths: 100, quantiles: [0, 1] }).row("2020Q4", "a", "revenue")!;
    expect(ends.p00).toBeLessThan(ends.p100);
  });
});

describe("the analyses' options", () => {
  it("missing or malformed fields are named", () => {
    expect(issues(() => sweep(scenario, { path: "providers[0].model.growth.max" } as never))).toEqual([{ path: ["values"], message: "expected a value, got nothing (required)" }]);
    expect(issues(() => sweep(scenario, { path: "providers[0].model.growth.max", values: [] }))).toEqual([{ path: ["values"], message: "expected a list of at least one value, got []" }]);
    expect(issues(() => solve(scenario, { path: "providers[0].model.growth.max", target: { statistic: { kind: "mean" }, value: 1, text: "" }, range: [0] } as never))).toEqual([
      { path: ["range"], message: "expected [low, high], two finite numbers, got [0]" },
    ]);
    expect(issues(() => sensitivity(scenario, undefined as never))).toEqual([{ path: [], message: "expected an options object with output, got nothing" }]);
    expect(issues(() => attribute(scenario, scenario, {} as never))).toEqual([{ path: ["output"], message: "expected a value, got nothing (required)" }]);
    expect(issues(() => runToTarget(scenario, { targetSe: 0.1 } as never))).toEqual([{ path: ["outputs"], message: "expected a value, got nothing (required)" }]);
    expect(issues(() => compareScenarios(scenario, scenario, 5 as never))).toEqual([{ path: [], message: "expected an options object, got 5" }]);
  });

  it("series and data that are not lists", () => {
    expect(issues(() => runBacktest("x" as never))).toEqual([{ path: ["series"], message: 'expected a list of { period, value } points, got "x"' }]);
    expect(issues(() => runBacktest([null] as never))).toEqual([{ path: ["series", 0], message: "expected a { period, value } point, got null" }]);
    expect(issues(() => fitCurve("linear", null as never, [1]))).toEqual([{ path: ["data"], message: "expected t and value columns as arrays of numbers, got null" }]);
  });
});
