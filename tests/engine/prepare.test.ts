import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * One way into a run: every runner prepares (validates and compiles, fitting `fitted` models) a scenario
 * once. The compiler and the curve fitter are wrapped with counters; the scenario's fitted model uses
 * `uncertainty: "covariance"`, which fits the curve exactly once per compile (no bootstrap refits).
 */
const counts = vi.hoisted(() => ({ compiles: 0, fits: 0 }));

vi.mock("../../src/engine/compile.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/engine/compile.ts")>();
  return {
    ...actual,
    compileScenario: (...args: Parameters<typeof actual.compileScenario>) => {
      counts.compiles += 1;
      return actual.compileScenario(...args);
    },
  };
});

vi.mock("../../src/curves/fit.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/curves/fit.ts")>();
  return {
    ...actual,
    fitCurve: (...args: Parameters<typeof actual.fitCurve>) => {
      counts.fits += 1;
      return actual.fitCurve(...args);
    },
  };
});

const { prepare, fromTransfer, resettle } = await import("../../src/engine/prepare.ts");
const { runScenario, runPrepared } = await import("../../src/engine/run.ts");
const { sensitivity } = await import("../../src/engine/sensitivity.ts");
const { runToTarget } = await import("../../src/engine/convergence.ts");
const { attribute } = await import("../../src/engine/attribution.ts");
const { sweep } = await import("../../src/explore/sweep.ts");
const { solve } = await import("../../src/explore/solve.ts");
const { compareScenarios } = await import("../../src/explore/compare.ts");
const { parseTarget } = await import("../../src/explore/statistic.ts");
const { runBacktest } = await import("../../src/backtest/backtest.ts");
const { runScenarioParallel } = await import("../../src/cli/workers/runScenarioParallel.ts");
const { runShard } = await import("../../src/cli/workers/runShard.ts");
const { mergePartials, planFromPartials } = await import("../../src/cli/workers/mergePartials.ts");

// A noisy straight line known up to 2018Q4, fitted as the history of provider "a".
const history = [10.3, 11.9, 14.4, 15.8, 18.6, 20.2, 22.1, 24.9, 25.7, 28.8, 30.2, 33.1].map((value, i) => ({
  period: `${2016 + Math.floor(i / 4)}Q${(i % 4) + 1}`,
  value,
}));

function scenario(g0 = 0.3) {
  return {
    name: "prepare-counts",
    asOf: "2018-12-31",
    calendar: { start: "2019Q1", end: "2020Q4" },
    providers: [
      { id: "a", model: { kind: "fitted", curve: "linear", history, uncertainty: "covariance" } },
      { id: "b", model: { kind: "decayingGrowth", start: 20, g0: { dist: "normal", mean: g0, sd: 0.05 }, gInf: 0.05, halfLifeYears: 2 } },
    ],
    events: [{ id: "b-ahead", kind: "threshold", metric: "share", provider: "b", period: "2020", op: ">=", value: 0.4 }],
  };
}

/** Compiles and fits made by `call`. */
function counted<T>(call: () => T): { compiles: number; fits: number; value: T } {
  counts.compiles = 0;
  counts.fits = 0;
  const value = call();
  return { compiles: counts.compiles, fits: counts.fits, value };
}

async function countedAsync<T>(call: () => Promise<T>): Promise<{ compiles: number; fits: number; value: T }> {
  counts.compiles = 0;
  counts.fits = 0;
  const value = await call();
  return { compiles: counts.compiles, fits: counts.fits, value };
}

const scratch = mkdtempSync(join(tmpdir(), "sharecast-prepare-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("one compile and one fit per prepared scenario", () => {
  beforeEach(() => {
    counts.compiles = 0;
    counts.fits = 0;
  });

  it("the scenario fits its curve once per compile (the counters' premise)", () => {
    expect(counted(() => prepare(scenario()))).toMatchObject({ compiles: 1, fits: 1 });
  });

  it("runScenario", () => {
    expect(counted(() => runScenario(scenario(), { paths: 300, seed: 1 }))).toMatchObject({ compiles: 1, fits: 1 });
  });

  it("runScenarioParallel on 2 workers: once in this thread; the workers rebuild it without validating or refitting", async () => {
    const parallel = await countedAsync(() => runScenarioParallel(scenario(), { paths: 2500, seed: 1, workers: 2 }));
    expect(parallel).toMatchObject({ compiles: 1, fits: 1 });
    expect(JSON.stringify(parallel.value)).toBe(JSON.stringify(runScenario(scenario(), { paths: 2500, seed: 1 })));
  }, 60_000);

  it("a worker's rebuild from the transferred plain data: one compile, no fit, the same numbers", () => {
    const run = prepare(scenario(), { paths: 600, seed: 4 });
    const data = structuredClone(run.transfer());
    const rebuilt = counted(() => fromTransfer(data));
    expect(rebuilt).toMatchObject({ compiles: 1, fits: 0 });
    expect(JSON.stringify(runPrepared(rebuilt.value))).toBe(JSON.stringify(runPrepared(run)));
  });

  it("runShard and merge, both rounds: once each", async () => {
    const part = join(scratch, "partial-0-of-1.bin");
    const plan = join(scratch, "plan-of-1.json");
    const values = join(scratch, "values-0-of-1.bin");
    const settings = { paths: 1500, seed: 2, workers: 1 };
    expect(await countedAsync(() => runShard(scenario(), settings, { index: 0, count: 1 }, part))).toMatchObject({ compiles: 1, fits: 1 });
    expect(counted(() => planFromPartials([part], plan))).toMatchObject({ compiles: 1, fits: 1 });
    expect(await countedAsync(() => runShard(scenario(), settings, { index: 0, count: 1 }, values, plan))).toMatchObject({ compiles: 1, fits: 1 });
    const merged = counted(() => mergePartials([values], plan));
    expect(merged).toMatchObject({ compiles: 1, fits: 1 });
    expect(JSON.stringify(merged.value)).toBe(JSON.stringify(runScenario(scenario(), { paths: 1500, seed: 2 })));
  });

  it("sensitivity", () => {
    expect(counted(() => sensitivity(scenario(), { output: "share:b:2020", paths: 300, sobolN: 64, bootstrap: 10 }))).toMatchObject({ compiles: 1, fits: 1 });
  });

  it("runToTarget (the final run reuses the compiled scenario with its own path count)", () => {
    expect(counted(() => runToTarget(scenario(), { targetSe: 1e-9, outputs: ["share:b:2020"], maxPaths: 3000, seed: 1 }))).toMatchObject({ compiles: 1, fits: 1 });
  });

  it("attribute: once per scenario, A and B", () => {
    expect(counted(() => attribute(scenario(0.3), scenario(0.4), { output: "share:b:2020", paths: 300 }))).toMatchObject({ compiles: 2, fits: 2 });
  });

  it("compareScenarios: once per scenario", () => {
    expect(counted(() => compareScenarios(scenario(0.3), scenario(0.4), { paths: 300 }))).toMatchObject({ compiles: 2, fits: 2 });
  });

  it("sweep: once per value (each value is its own scenario)", () => {
    const values = [0.2, 0.3, 0.4];
    expect(counted(() => sweep(scenario(), { path: "providers.b.model.g0.mean", values, paths: 300 }))).toMatchObject({ compiles: 3, fits: 3 });
  });

  it("solve: once per evaluation (each is its own scenario)", () => {
    const r = counted(() => solve(scenario(), { path: "providers.b.model.g0.mean", target: parseTarget("mean(share:b:2020)=0.4"), range: [0, 1], paths: 200, maxEvaluations: 6 }));
    expect(r.value.evaluations.length).toBeGreaterThan(2);
    expect(r).toMatchObject({ compiles: r.value.evaluations.length, fits: r.value.evaluations.length });
  });

  it("runBacktest: once per origin (its scenario's fit is also the fit it reports)", () => {
    const series = [...history, { period: "2019Q1", value: 35.2 }, { period: "2019Q2", value: 37.9 }];
    const r = counted(() => runBacktest(series, { curve: "linear", origins: ["2018Q2", "2018Q4"], horizon: 2, paths: 200 }));
    expect(r.value.fits).toHaveLength(2);
    expect(r).toMatchObject({ compiles: 2, fits: 2 });
  });

  it("a prepared run handed to several runners is not compiled again", () => {
    const run = prepare(scenario(), { paths: 400, seed: 3 });
    const r = counted(() => {
      runScenario(run);
      runPrepared(resettle(run, { paths: 200 }));
      sensitivity(run, { output: "share:b:2020", sobolN: 32, bootstrap: 5 });
      runToTarget(run, { targetSe: 1e-9, outputs: ["share:b:2020"], maxPaths: 2048 });
      return sweep(run, { path: "providers.b.model.g0.mean", values: [0.3] });
    });
    // Only the sweep's variant is a new scenario.
    expect(r).toMatchObject({ compiles: 1, fits: 1 });
    expect(r.value.paths).toBe(400);
  });

  it("a new seed compiles again (bootstrap fits are drawn from the seed); new paths or quantiles do not", () => {
    const run = prepare(scenario(), { paths: 400, seed: 3 });
    expect(counted(() => resettle(run, { paths: 800, quantiles: [0.5] }))).toMatchObject({ compiles: 0, fits: 0 });
    expect(counted(() => resettle(run, { seed: 4 }))).toMatchObject({ compiles: 1, fits: 1 });
    expect(resettle(run, { paths: undefined })).toBe(run);
  });
});
