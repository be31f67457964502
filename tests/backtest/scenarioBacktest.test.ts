import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { growthForecast } from "../../src/backtest/baselines.ts";
import { lognormalPredictive, normalPredictive, samplePredictive } from "../../src/backtest/predictive.ts";
import { reliabilityFromPit, runScenarioBacktest, runScenarioBacktestYielding, summariseScenarioCells, type ScenarioCellScore } from "../../src/backtest/scenarioBacktest.ts";
import { normalCdf } from "../../src/random/normal.ts";
import { crpsLognormal, crpsSorted, pitFromSamples, pitHistogram } from "../../src/stats/scores.ts";
import deutscheBank from "../../scenarios/deutsche-bank-2020.ts";
import aws from "../../scenarios/aws-revenue.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("scores, by hand", () => {
  it("CRPS of the ensemble {1, 2, 3} at 2.5 is 7/18", () => {
    // E|X - y| = (1.5 + 0.5 + 0.5) / 3 = 5/6; E|X - X'| = (0+1+2 + 1+0+1 + 2+1+0) / 9 = 8/9; CRPS = 5/6 - 4/9 = 7/18.
    expect(crpsSorted(Float64Array.of(1, 2, 3), 2.5)).toBeCloseTo(7 / 18, 15);
    expect(samplePredictive(Float64Array.of(1, 2, 3)).crps(2.5)).toBeCloseTo(7 / 18, 15);
  });

  it("PIT of a known sample: mid-rank, ties split", () => {
    const s = Float64Array.of(1, 2, 3, 4);
    expect(pitFromSamples(s, 0)).toBe(0);
    expect(pitFromSamples(s, 2.5)).toBe(0.5);
    expect(pitFromSamples(s, 3)).toBe(0.625); // (2 below + 1/2 tie) / 4
    expect(pitFromSamples(s, 9)).toBe(1);
  });

  it("PIT histogram counts per bin, 1 in the last bin", () => {
    expect(pitHistogram([0, 0.05, 0.1, 0.5, 0.99, 1], 10)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(() => pitHistogram([1.5])).toThrow(RangeError);
  });

  it("lognormal CRPS agrees with the integral of (F(x) - 1{x >= y})^2", () => {
    const mu = 0.3;
    const sigma = 0.6;
    const F = (x: number) => (x > 0 ? normalCdf((Math.log(x) - mu) / sigma) : 0);
    for (const y of [0.4, 1.35, 5]) {
      let integral = 0;
      const h = 1e-3;
      for (let x = h / 2; x < 60; x += h) integral += (F(x) - (x >= y ? 1 : 0)) ** 2 * h;
      expect(crpsLognormal(mu, sigma, y)).toBeCloseTo(integral, 5);
    }
  });

  it("naive-growth carries the last log growth, with the sd of the log changes", () => {
    const f = growthForecast([100, 110, 130, 143], 2)!;
    const changes = [Math.log(1.1), Math.log(13 / 11), Math.log(1.1)];
    const m = changes.reduce((a, b) => a + b) / 3;
    const s = Math.sqrt(changes.reduce((a, b) => a + (b - m) ** 2, 0) / 2);
    expect(f.mu).toBeCloseTo(Math.log(143) + 2 * Math.log(1.1), 12);
    expect(f.sigma).toBeCloseTo(s * Math.SQRT2, 12);
    expect(lognormalPredictive(f).quantiles([0.5])[0]).toBeCloseTo(143 * 1.21, 9);
    expect(growthForecast([100, NaN, 130], 1)).toBeNull();
  });

  it("coverage and CRPS ratio of a summary, counted by hand", () => {
    const cell = (method: ScenarioCellScore["method"], period: string, crps: number, in50: boolean, in90: boolean, pit: number): ScenarioCellScore => ({
      origin: "2019Q2", asOf: "2019-09-30", output: "share:a", metric: "share", period, horizon: 1, actual: 1, reportedBy: null, method, quantiles: [], crps, pinball: crps / 2, pit, in50, in90,
    });
    const cells = [
      cell("model", "2019Q3", 1, true, true, 0.4), cell("model", "2019Q4", 4, false, true, 0.97), cell("model", "2020Q1", 1, false, false, 0.999),
      cell("naive-last", "2019Q3", 2, true, true, 0.5), cell("naive-last", "2019Q4", 1, true, true, 0.7),
    ];
    const [model, last] = summariseScenarioCells(cells, 10);
    expect(model).toMatchObject({ method: "model", group: "all", n: 3, coverage50: 1 / 3, coverage90: 2 / 3, crps: 2, modelCrpsRatio: null, pitHistogram: [0, 0, 0, 0, 1, 0, 0, 0, 0, 2] });
    // Over the two cells both have: geometric mean of 1/2 and 4/1 = sqrt(2).
    expect(last.n).toBe(2);
    expect(last.modelCrpsRatio).toBeCloseTo(Math.SQRT2, 12);
  });

  it("reliability from PIT values, counted by hand", () => {
    // |PIT - 1/2| = 0.45, 0.05, 0.25, 0.4: inside the level-c band when <= c / 2.
    const r = reliabilityFromPit([0.05, 0.55, 0.75, 0.9]);
    expect(r.map((x) => x.level)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(r.map((x) => x.observed)).toEqual([0.25, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.75, 1]);
  });

  it("a normal predictive's PIT is its CDF", () => {
    expect(normalPredictive({ mean: 1, sd: 2 }).cdf(3)).toBeCloseTo(normalCdf(1), 15);
  });
});

describe("scenario backtest of deutsche-bank-2020", () => {
  const result = runScenarioBacktest(deutscheBank, { origins: ["2019Q2", "2019Q3"], paths: 500 });

  it("scores only outputs whose actual was published after each as-of date", () => {
    expect(result.meta.origins.map((o) => [o.origin, o.asOf, o.start])).toEqual([["2019Q2", "2019-09-30", "2019Q3"], ["2019Q3", "2019-12-31", "2019Q4"]]);
    const model = result.cells.filter((c) => c.method === "model");
    // 2019Q2: shares of alibaba, tencent, baidu, aws in 2019Q3 and alibaba, tencent, baidu in 2019Q4, and the market in both.
    expect(model.filter((c) => c.origin === "2019Q2").map((c) => `${c.output}@${c.period}`).sort()).toEqual([
      "revenue:alibaba+tencent+huawei+baidu+aws+others@2019Q3", "revenue:alibaba+tencent+huawei+baidu+aws+others@2019Q4",
      "share:alibaba@2019Q3", "share:alibaba@2019Q4", "share:aws@2019Q3", "share:baidu@2019Q3", "share:baidu@2019Q4", "share:tencent@2019Q3", "share:tencent@2019Q4",
    ]);
    const alibaba = model.find((c) => c.origin === "2019Q3" && c.output === "share:alibaba")!;
    expect(alibaba.actual).toBeCloseTo(0.464, 12);
    expect(alibaba.in90).toBe(alibaba.actual >= alibaba.quantiles[0] && alibaba.actual <= alibaba.quantiles[4]);
  });

  it("refuses an origin the scenario cannot be built at, naming it", () => {
    expect(() => runScenarioBacktest(deutscheBank, { origins: ["2018Q4"] })).toThrow(/origins\[0\]|no Canalys/);
  });

  it("is the same from the command line (JSON)", () => {
    const r = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "backtest", "scenarios/deutsche-bank-2020.ts", "--origins", "2019Q2,2019Q3", "--paths", "500", "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it("--chart writes the PIT histogram, reliability diagram and bands; --lift rebuilds with a location correction; a bad --lift is exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-scenario-chart-"));
    try {
      const r = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "backtest", "scenarios/aws-revenue.ts", "--rolling", "--paths", "300", "--lift", "0.05", "--wide", "--chart", join(dir, "aws.svg")], { cwd: root, encoding: "utf8" });
      expect(r.status).toBe(0);
      expect(r.stdout.split("\n")[0]).toMatch(/; widen 1, lift 0\.05$/);
      for (const kind of ["pit", "reliability", "bands"]) expect(readFileSync(join(dir, `aws.${kind}.svg`), "utf8")).toMatch(/^<svg/);
      const lifted = runScenarioBacktest(aws, { paths: 300, lift: 0.05 });
      const plain = runScenarioBacktest(aws, { paths: 300 });
      expect(lifted.meta.lift).toBe(0.05);
      // A higher g0 moves every model median up on common random numbers.
      const medians = (x: typeof plain) => x.cells.filter((c) => c.method === "model").map((c) => c.quantiles[2]);
      medians(lifted).forEach((m, k) => expect(m).toBeGreaterThan(medians(plain)[k]));
      const bad = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "backtest", "scenarios/aws-revenue.ts", "--lift", "up"], { cwd: root, encoding: "utf8" });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^sharecast: --lift: expected a number, got "up"/);
      const badChart = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "backtest", "scenarios/aws-revenue.ts", "--chart", join(dir, "x.pdf")], { cwd: root, encoding: "utf8" });
      expect(badChart.status).toBe(2);
      expect(badChart.stderr).toMatch(/--chart: expected a file ending in .svg or .png/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a flag of curve backtests is refused with a scenario (exit 2)", () => {
    const r = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "backtest", "scenarios/deutsche-bank-2020.ts", "--curve", "logistic"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--curve: expected no --curve with a scenario/);
    expect(r.stdout).toBe("");
  });
});

describe("runScenarioBacktestYielding (what the command runs: a turn of the event loop between origins)", () => {
  it("gives runScenarioBacktest's result, skipped origins included", async () => {
    const options = { origins: ["2019Q2", "2019Q3"], paths: 200, seed: 3 };
    expect(JSON.stringify(await runScenarioBacktestYielding(deutscheBank, options))).toBe(JSON.stringify(runScenarioBacktest(deutscheBank, options)));
    const rolling = { paths: 100, seed: 4, firstOrigin: "2018Q1" };
    expect(JSON.stringify(await runScenarioBacktestYielding(deutscheBank, rolling))).toBe(JSON.stringify(runScenarioBacktest(deutscheBank, rolling)));
  });
});
