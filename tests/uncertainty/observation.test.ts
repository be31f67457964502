import { describe, expect, it } from "vitest";
import { checkObservation, observeSamples, observedLogMoments, sigmaFromSourceGaps } from "../../src/models/observation.ts";
import { createStream } from "../../src/random/stream.ts";
import { normalCdf } from "../../src/random/normal.ts";
import { runScenarioBacktest } from "../../src/backtest/scenarioBacktest.ts";
import { defineScenario, scenarioDefinition } from "../../src/scenario/defineScenario.ts";
import alibaba from "../../scenarios/alibaba-cloud-revenue.ts";

const N = 40_000;

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  const mean = s / values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i] - mean) ** 2;
  return { mean, variance: v / (values.length - 1) };
}

describe("observation layer", () => {
  it("sigma from gaps between sources, by hand", () => {
    // log gaps +ln 2 and -ln 2: mean square (ln 2)^2; both noisy: sigma^2 = (ln 2)^2 / 2
    expect(sigmaFromSourceGaps([{ a: 2, b: 1 }, { a: 1, b: 2 }])).toBeCloseTo(Math.LN2 / Math.SQRT2, 15);
    expect(sigmaFromSourceGaps([{ a: 2, b: 1 }], "b")).toBeCloseTo(Math.LN2, 15);
    expect(sigmaFromSourceGaps([{ a: 3, b: 3 }])).toBe(0);
    expect(() => sigmaFromSourceGaps([])).toThrow(/at least one pair/);
    expect(() => sigmaFromSourceGaps([{ a: 0, b: 1 }])).toThrow(/positive/);
  });

  it("reported = true x lognormal noise: log moments match the closed form within 4 Monte Carlo se", () => {
    const spec = { source: "x", sigma: 0.2 };
    const truth = new Float64Array(N).fill(5);
    const logs = Array.from(observeSamples(createStream(42, "obs-test"), truth, spec), Math.log);
    const m = moments(logs);
    const expected = observedLogMoments(Math.log(5), 0, spec);
    expect(expected.mean).toBe(Math.log(5));
    expect(expected.variance).toBeCloseTo(0.04, 15);
    expect(Math.abs(m.mean - expected.mean)).toBeLessThan(4 * Math.sqrt(0.04 / N));
    // se of a sample variance of normals: variance sqrt(2 / (N - 1))
    expect(Math.abs(m.variance - 0.04)).toBeLessThan(4 * 0.04 * Math.sqrt(2 / (N - 1)));
    // Median-unbiased: the fraction reported below the truth is 1/2 (binomial se 1/(2 sqrt N)).
    expect(Math.abs(logs.filter((l) => l < Math.log(5)).length / N - 0.5)).toBeLessThan(4 * 0.5 / Math.sqrt(N));
  });

  it("a re-basing adds p log b to the mean and p (1 - p) (log b)^2 to the variance", () => {
    const spec = { source: "x", sigma: 0.05, rebase: { probability: 0.2, factor: 1.5 } };
    const truthLogs = Array.from(observeSamples(createStream(1, "truth"), new Float64Array(N).fill(1), { source: "t", sigma: 0.1 }));
    const truth = Float64Array.from(truthLogs);
    const reported = Array.from(observeSamples(createStream(42, "obs-rebase"), truth, spec), Math.log);
    const t = moments(Array.from(truth, Math.log));
    const expected = observedLogMoments(t.mean, t.variance, spec);
    const l = Math.log(1.5);
    expect(expected.mean).toBeCloseTo(t.mean + 0.2 * l, 15);
    expect(expected.variance).toBeCloseTo(t.variance + 0.0025 + 0.16 * l * l, 15);
    const m = moments(reported);
    expect(Math.abs(m.mean - expected.mean)).toBeLessThan(4 * Math.sqrt(expected.variance / N));
    expect(Math.abs(m.variance - expected.variance) / expected.variance).toBeLessThan(0.05);
    // The share re-based: log gap above 3 sigma of the noise marks a re-basing (a normal tail there is 0.13%).
    const rebased = reported.filter((r, i) => r - Math.log(truth[i]) > 3 * 0.05 + l / 2).length / N;
    expect(Math.abs(rebased - 0.2 * (1 - normalCdf((3 * 0.05 - l / 2) / 0.05)))).toBeLessThan(0.01);
  });

  it("sigma 0 and no re-basing report the truth exactly; bad specs name their field", () => {
    const truth = Float64Array.from([1, 2, 3]);
    expect(Array.from(observeSamples(createStream(42, "x"), truth, { source: "s", sigma: 0 }))).toEqual([1, 2, 3]);
    expect(() => checkObservation({ source: "s", sigma: -1 })).toThrow(/^observation.sigma/);
    expect(() => checkObservation({ source: "s", sigma: 0, rebase: { probability: 2, factor: 1 } })).toThrow(/^observation.rebase.probability/);
    expect(() => checkObservation({ source: "s", sigma: 0, rebase: { probability: 0.1, factor: 0 } })).toThrow(/^observation.rebase.factor/);
  });

  it("a backtest scores the forecast as the actual's source reports it: noise widens the bands, the truth is unchanged", () => {
    const definition = scenarioDefinition(alibaba)!;
    const noisy = defineScenario(definition.factory, {
      ...definition.options,
      actuals: definition.options.actuals!.map((a) => ({ ...a, observation: { source: "alibaba-reports", sigma: 0.1 } })),
    });
    const options = { paths: 400, inSample: true, origins: ["2017Q3"] };
    const truth = runScenarioBacktest(alibaba, options).cells.filter((c) => c.method === "model");
    const seen = runScenarioBacktest(noisy, options).cells.filter((c) => c.method === "model");
    expect(seen.map((c) => c.reportedBy)).toEqual(seen.map(() => "alibaba-reports"));
    expect(truth.every((c) => c.reportedBy === null)).toBe(true);
    seen.forEach((c, k) => {
      expect(c.actual).toBe(truth[k].actual);
      expect(c.quantiles[4] - c.quantiles[0]).toBeGreaterThan(truth[k].quantiles[4] - truth[k].quantiles[0]);
    });
  });
});
