// What needs every path of a run in memory says so before it simulates: exit 2 naming the flag, the most
// paths that fit, nothing on stdout and no file; and sweep and solve keep only the columns they watch.
// Before, these ran for minutes and then stopped with an internal error (compare, --se, sweep at 10M) or
// a misleading one (a sharded fiscal-year scenario at its merge).
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../../src/explore/compare.ts";
import { runToTarget } from "../../src/engine/convergence.ts";
import { prepare } from "../../src/engine/prepare.ts";
import { columnsPerPath, inMemoryPaths, runPrepared, simulatePrepared } from "../../src/engine/run.ts";
import { sweep } from "../../src/explore/sweep.ts";
import { watchedColumns } from "../../src/explore/watched.ts";
import { outputValues } from "../../src/explore/outputs.ts";
import { valueSummary } from "../../src/explore/pairedStats.ts";
import { runScenarioBacktest } from "../../src/backtest/scenarioBacktest.ts";
import { InputError } from "../../src/core/issues.ts";
import deutscheBank from "../../scenarios/deutsche-bank-2020.ts";
import { sharecastAsync } from "./helpers.ts";

const FISCAL = "tests/cli/fixtures/fiscal.yaml";
const ONE_MIB = { env: { ...process.env, SHARECAST_STORE_BUDGET_MB: "1" } };
// fiscal.yaml stores 40 values a path: 1 MiB holds floor(2^20 / (8 x 40)) = 3276 paths.
const MOST = Math.floor(2 ** 20 / (8 * 40));

function tooBig(flag: string, purpose: string, paths: number, most = MOST, values = 40): string {
  return `sharecast: ${flag}: expected at most ${most} paths for ${purpose}, which needs every path in memory (${values} values a path, a store budget of 1 MiB), got ${paths}\n`;
}

describe("the command line, over the store budget: exit 2 at once", () => {
  it.concurrent("run of fiscal-year outputs, on one thread and on two", async () => {
    for (const workers of ["1", "2"]) {
      const out = await sharecastAsync(["run", FISCAL, "--paths", "30000", "--workers", workers], ONE_MIB);
      expect(out).toEqual({ status: 2, stdout: "", stderr: tooBig("--paths", "the scenario's outputs (fiscal-year, constant-currency or reported outputs)", 30000) });
    }
  });

  it.concurrent("at the most that fit it runs (the bound is exact)", async () => {
    const out = await sharecastAsync(["run", FISCAL, "--paths", String(MOST), "--workers", "1", "--format", "json"], ONE_MIB);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).rows.some((r: { period: string }) => r.period.startsWith("FY"))).toBe(true);
    const over = await sharecastAsync(["run", FISCAL, "--paths", String(MOST + 1), "--workers", "1"], ONE_MIB);
    expect(over.status).toBe(2);
  });

  it.concurrent("report writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-limits-"));
    const out = await sharecastAsync(["report", FISCAL, "--paths", "30000", "--out", join(dir, "r.html")], ONE_MIB);
    expect(out).toMatchObject({ status: 2, stdout: "" });
    expect(readdirSync(dir)).toEqual([]);
  });

  it.concurrent("compare, run --se, run --target-se --max-paths", async () => {
    expect(await sharecastAsync(["compare", FISCAL, FISCAL, "--paths", "30000"], ONE_MIB)).toEqual({ status: 2, stdout: "", stderr: tooBig("--paths", "a comparison", 30000) });
    expect(await sharecastAsync(["run", FISCAL, "--paths", "30000", "--se", "--no-progress"], ONE_MIB)).toEqual({ status: 2, stdout: "", stderr: tooBig("--paths", "standard errors (--se)", 30000) });
    expect(await sharecastAsync(["run", FISCAL, "--target-se", "0.001", "--output", "share:alpha:2021", "--max-paths", "30000", "--no-progress"], ONE_MIB)).toEqual({ status: 2, stdout: "", stderr: tooBig("--max-paths", "a run to a target standard error", 30000) });
  });

  it.concurrent("sweep and solve count only the columns they watch", async () => {
    // Two values watching one share each: 2 values a path; solve holds its run and two columns beside it: 3.
    const sweepOut = await sharecastAsync(["sweep", FISCAL, "--vary", "providers[1].model.growth.max=0.5,0.6", "--output", "share:alpha:2021", "--paths", "100000"], ONE_MIB);
    expect(sweepOut).toEqual({ status: 2, stdout: "", stderr: `sharecast: --paths: expected at most ${Math.floor(2 ** 20 / 16)} paths for a sweep of 2 values, which holds 2 values a path in memory (a store budget of 1 MiB), got 100000\n` });
    const fits = await sharecastAsync(["sweep", FISCAL, "--vary", "providers[1].model.growth.max=0.5,0.6", "--output", "share:alpha:2021", "--paths", "30000", "--format", "json"], ONE_MIB);
    expect(fits.status).toBe(0);
    const solveOut = await sharecastAsync(["solve", FISCAL, "--vary", "providers[1].model.growth.max", "--target", "median(share:alpha:2021)=0.5", "--range", "0.2,2", "--paths", "100000"], ONE_MIB);
    expect(solveOut).toEqual({ status: 2, stdout: "", stderr: `sharecast: --paths: expected at most ${Math.floor(2 ** 20 / 24)} paths for solve, which holds 3 values a path in memory (a store budget of 1 MiB), got 100000\n` });
  });

  it.concurrent("a sharded run of a scenario whose outputs need every path: exit 2 naming --shard, no partial", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-limits-"));
    const out = await sharecastAsync(["run", FISCAL, "--paths", "3000", "--shard", "0/2", "--out", dir]);
    expect(out).toEqual({
      status: 2,
      stdout: "",
      stderr: "sharecast: --shard: expected a scenario without fiscal-year, constant-currency or reported outputs (its outputs: they need every path of the run on one machine), got one with them; run it without --shard\n",
    });
    expect(existsSync(join(dir, "partial-0-of-2.bin"))).toBe(false);
  });
});

describe("the library", () => {
  const fiscal = {
    name: "lib-fiscal",
    calendar: { start: "2020Q1", end: "2021Q4" },
    providers: [
      { id: "alpha", fiscalYear: { endMonth: 3 }, model: { kind: "constantGrowth", start: 10, growth: { dist: "normal", mean: 0.3, sd: 0.1 } } },
      { id: "beta", model: { kind: "constantGrowth", start: 5, growth: { dist: "uniform", min: 0.1, max: 0.5 } } },
    ],
    outputs: { fiscalYears: true },
  };

  it("inMemoryPaths is the largest path count whose values fit the budget", () => {
    const compiled = prepare(fiscal, { paths: 1 }).compiled;
    expect(columnsPerPath(compiled)).toBe(40); // 2 metrics x 2 providers x (8 quarters + 2 years)
    expect(inMemoryPaths(compiled, 2 ** 20)).toBe(MOST);
    expect(() => runPrepared(prepare(fiscal, { paths: MOST + 1 }), { storeBudgetBytes: 2 ** 20 })).toThrow(InputError);
    expect(runPrepared(prepare(fiscal, { paths: 2000 }), { storeBudgetBytes: 2 ** 20 }).rows.some((r) => r.period === "FY2021")).toBe(true);
  });

  it("compareScenarios checks both runs before simulating", () => {
    const error = (() => {
      try {
        compareScenarios(fiscal, fiscal, { paths: MOST + 1, storeBudgetBytes: 2 ** 20 });
      } catch (e) {
        return e as InputError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error!.issues[0]).toMatchObject({ code: "too_big", path: ["paths"] });
  });

  it("runToTarget without a cap caps itself at what fits; a cap given that does not fit is an error", () => {
    const budget = 8 * 40 * 5000; // 5,000 paths
    const result = runToTarget(fiscal, { targetSe: 1e-9, outputs: ["share:alpha:2021"], storeBudgetBytes: budget });
    expect(result.meta.convergence).toMatchObject({ maxPaths: 5000, reached: false });
    expect(result.meta.paths).toBe(5000);
    expect(() => runToTarget(fiscal, { targetSe: 1e-9, outputs: ["share:alpha:2021"], maxPaths: 5001, storeBudgetBytes: budget })).toThrow(/expected at most 5000 paths/);
  });

  it("a sweep keeps only the watched columns, with the full store's values", () => {
    const run = prepare(fiscal, { paths: 3000 });
    const spec = { metric: "share" as const, providers: ["alpha"], period: "2021", segment: "total", label: "share:alpha:2021" };
    const columns = watchedColumns(run, (r) => outputValues(r, spec));
    expect(columns).toHaveLength(1);
    const full = simulatePrepared(run);
    const kept = simulatePrepared(run, columns);
    expect([...outputValues(kept, spec)]).toEqual([...outputValues(full, spec)]);
    const result = sweep(fiscal, { path: "providers[1].model.growth.max", values: [0.5, 0.6], outputs: [spec], paths: 3000 });
    // The first value is the scenario as written (growth max 0.5): its cell is the full store's summary.
    expect(result.cells[0]).toMatchObject(valueSummary(outputValues(full, spec)));
  });

  it("a scenario backtest too large for memory stops before simulating, naming paths", () => {
    const started = Date.now();
    expect(() => runScenarioBacktest(deutscheBank, { paths: 10_000_000 })).toThrow(/expected at most \d+ paths for a backtest/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
