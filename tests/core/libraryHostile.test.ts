// Hostile values a notebook may pass to the analyses: each is an InputError naming the field, never a
// TypeError or RangeError from deep inside, nor a search that stops at once on a NaN and reports it.
// Before: sweep(s, { path: 5 }) threw "text.matchAll is not a function"; sensitivity(s, { sobolN: 0 }) a
// RangeError "n: expected an integer >= 2"; sensitivity(s, { output: null }) "Cannot read properties of null";
// sweep(s, { outputs: ["share:a:2020"] }) "undefined: no period undefined"; a hole in `values` or `outputs`
// "Cannot read properties of undefined"; runToTarget(s, { targetSe: Symbol() }) "Cannot convert a Symbol".
import { describe, expect, it } from "vitest";
import { issues } from "./issuesOf.ts";
import { attribute, compareScenarios, runToTarget, sensitivity, solve, sweep } from "../../src/index.ts";

const scenario = {
  name: "hostile",
  calendar: { start: "2020Q1", end: "2020Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 1, growth: { dist: "uniform", min: 0, max: 0.2 } } },
    { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0.1 } },
  ],
};
const path = "providers[0].model.growth.max";
const output = { metric: "share" as const, providers: ["a"], period: "2020", segment: "total", label: "share:a:2020" };
const target = { statistic: { kind: "mean" as const, output, text: "mean(share:a:2020)" }, value: 0.5, text: "mean(share:a:2020)=0.5" };

describe("field paths, outputs and values of sweep and compareScenarios", () => {
  it("a path that is not text", () => {
    const message = "expected a field path such as providers.tencent.model.g0 or providers[1].model.g0, got 5";
    expect(issues(() => sweep(scenario, { path: 5, values: [0.1], paths: 10 } as never))).toEqual([{ path: ["path"], message }]);
    expect(issues(() => solve(scenario, { path: null, target, range: [0, 0.5], paths: 10 } as never))).toEqual([{ path: ["path"], message: message.replace("5", "null") }]);
  });

  it("outputs as text are read; holes and other values are named", () => {
    const cells = sweep(scenario, { path, values: [0.1], paths: 10, outputs: ["share:a:2020"] }).cells;
    expect(cells.map((c) => c.output)).toEqual(["share:a:2020"]);
    expect(JSON.stringify(cells)).toBe(JSON.stringify(sweep(scenario, { path, values: [0.1], paths: 10, outputs: [output] }).cells));
    expect(compareScenarios(scenario, scenario, { paths: 10, outputs: ["revenue:a+b:2020"] }).rows.map((r) => r.output)).toEqual(["revenue:a+b:2020"]);
    expect(issues(() => sweep(scenario, { path, values: [0.1], paths: 10, outputs: [, output] as never }))).toEqual([{ path: ["outputs", 0], message: "expected an output such as share:tencent:2020, got nothing" }]);
    expect(issues(() => compareScenarios(scenario, scenario, { paths: 10, outputs: 3 as never }))).toEqual([{ path: ["outputs"], message: "expected a list of outputs such as share:tencent:2020, got 3" }]);
    // One cell named twice, however written, and a provider summed twice, as the command line refuses them.
    expect(issues(() => compareScenarios(scenario, scenario, { paths: 10, outputs: ["revenue:a+b:2020", "revenue:b+a:2020:total"] }))).toEqual([{ path: ["outputs", 1], message: "expected each output once, got revenue:b+a:2020:total again" }]);
    expect(issues(() => sweep(scenario, { path, values: [0.1], paths: 10, outputs: ["share:a+a:2020"] }))).toEqual([{ path: ["outputs", 0], message: 'expected each provider of a sum once, got "a" again in "share:a+a:2020"' }]);
    expect(issues(() => compareScenarios(scenario, scenario, { paths: 10, outputs: ["share:a"] }))).toEqual([{ path: ["outputs", 0], message: 'expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, got "share:a"' }]);
  });

  it("a hole among the values", () => {
    expect(issues(() => sweep(scenario, { path, values: [0.1, , 0.2], paths: 10 }))).toEqual([{ path: ["values", 1], message: "expected a value, got a hole in the list" }]);
  });
});

describe("the numbers that steer solve, sensitivity and runToTarget", () => {
  it("solve's target value, tolerance and most evaluations", () => {
    expect(issues(() => solve(scenario, { path, target: { ...target, value: Number.NaN }, range: [0, 0.5], paths: 10 }))).toEqual([{ path: ["target", "value"], message: "expected a finite number, got NaN" }]);
    expect(issues(() => solve(scenario, { path, target, range: [0, 0.5], paths: 10, tolerance: "0.01" as never }))).toEqual([{ path: ["tolerance"], message: 'expected a positive number, got "0.01"' }]);
    expect(issues(() => solve(scenario, { path, target, range: [0, 0.5], paths: 10, maxEvaluations: Number.NaN }))).toEqual([{ path: ["maxEvaluations"], message: "expected a whole number >= 2, got NaN" }]);
  });

  it("sensitivity's Sobol and tornado settings", () => {
    const options = { output: "revenue:a:2020", paths: 20 };
    expect(issues(() => sensitivity(scenario, { ...options, sobolN: 0, bootstrap: -1 }))).toEqual([
      { path: ["sobolN"], message: "expected a whole number >= 2, got 0" },
      { path: ["bootstrap"], message: "expected a whole number >= 0, got -1" },
    ]);
    expect(issues(() => sensitivity(scenario, { ...options, sobolN: Symbol("n") as never }))).toEqual([{ path: ["sobolN"], message: "expected a whole number >= 2, got Symbol(n)" }]);
    expect(issues(() => sensitivity(scenario, { ...options, confidence: 1, lowProbability: 0.9, highProbability: 0.1 }))).toEqual([
      { path: ["confidence"], message: "expected a number strictly between 0 and 1, got 1" },
      { path: ["highProbability"], message: "expected a number above lowProbability (0.9), got 0.1" },
    ]);
  });

  it("an output that is neither text nor { metric, provider, period }", () => {
    const message = "expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, or { metric, provider, period }, got";
    expect(issues(() => sensitivity(scenario, { output: null as never, paths: 20 }))).toEqual([{ path: ["output"], message: `${message} null` }]);
    expect(issues(() => attribute(scenario, scenario, { output: 7 as never, paths: 20 }))).toEqual([{ path: ["output"], message: `${message} 7` }]);
    expect(sensitivity(scenario, { output: { metric: "revenue", provider: "a", period: "2020" } as never, paths: 20, sobolN: 16, bootstrap: 0 }).output).toBe("revenue:a:2020");
  });

  it("runToTarget's target and cap as symbols", () => {
    expect(issues(() => runToTarget(scenario, { targetSe: Symbol("se") as never, outputs: ["share:a:2020"] }))).toEqual([{ path: ["targetSe"], message: "expected a positive number, got Symbol(se)" }]);
    expect(issues(() => runToTarget(scenario, { targetSe: 0.1, outputs: ["share:a:2020"], maxPaths: Symbol("m") as never }))).toEqual([{ path: ["maxPaths"], message: "expected a whole number >= 1, got Symbol(m)" }]);
  });
});
