// Worker threads never change a number: the same JSON and samples for 1, 2 and 3 workers, and for runs
// split into passes by a small memory budget.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ChunkOrder, runScenarioParallel } from "../../src/cli/workers/runScenarioParallel.ts";
import { runTwoRoundsParallel } from "../../src/cli/workers/twoRoundsParallel.ts";
import { WorkerPool } from "../../src/cli/workers/pool.ts";
import { prepare } from "../../src/engine/prepare.ts";
import { runScenario } from "../../src/engine/run.ts";
import { recordsToCsv } from "../../src/samples/records.ts";
import defaultScenario from "../../scenarios/deutsche-bank-2020.ts";
import canonical from "../../bench/canonical.ts";
import { CANONICAL, DEFAULT_SCENARIO, sharecast } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sharecast-workers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("run --workers", () => {
  it("prints identical JSON and samples for 1, 2 and 3 workers (spawned CLI)", () => {
    const outputs = [1, 2, 3].map((workers) => {
      const samples = join(dir, `samples-${workers}.csv`);
      const run = sharecast("run", DEFAULT_SCENARIO, "--paths", "3500", "--seed", "7", "--workers", String(workers), "--format", "json", "--samples", samples, "--no-progress");
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      return { json: run.stdout, samples: readFileSync(samples, "utf8") };
    });
    expect(JSON.parse(outputs[0].json).meta.paths).toBe(3500);
    expect(outputs[1].json).toBe(outputs[0].json);
    expect(outputs[2].json).toBe(outputs[0].json);
    expect(outputs[1].samples).toBe(outputs[0].samples);
    expect(outputs[2].samples).toBe(outputs[0].samples);
  });

  it("streams samples exactly as recordsToCsv writes the sample records of a full store", () => {
    const result = runScenario(defaultScenario, { paths: 1100 });
    expect(result.samples).not.toBeNull();
    const again = sharecast("run", DEFAULT_SCENARIO, "--paths", "1100", "--workers", "2", "--format", "json", "--samples", join(dir, "d.csv"), "--no-progress");
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "d.csv"), "utf8")).toBe(recordsToCsv(result.sampleRecords()));
  });

  it("equals runScenario in the library, in one pass or in several, for any worker count", async () => {
    const want = JSON.stringify(runScenario(defaultScenario, { paths: 2600, seed: 3 }));
    // A budget of 37 columns forces several passes (the scenario has 210 cells x 2 metrics).
    const budget = 2600 * 8 * 37;
    expect(JSON.stringify(runScenario(defaultScenario, { paths: 2600, seed: 3, storeBudgetBytes: budget }))).toBe(want);
    for (const workers of [2, 3]) {
      expect(JSON.stringify(await runScenarioParallel(defaultScenario, { paths: 2600, seed: 3, workers }))).toBe(want);
      expect(JSON.stringify(await runScenarioParallel(defaultScenario, { paths: 2600, seed: 3, workers, storeBudgetBytes: budget }))).toBe(want);
    }
  });

  it("in two rounds on workers, hands every chunk to onChunk once, in order, with the values of a run in this thread", async () => {
    // 9 chunks; a budget of 37 columns sends the run into two rounds, where each worker counts its own chunks.
    const paths = 9 * 1024 - 100;
    const seen = (list: string[]) => (values: { chunk: number; revenue: Float64Array; share: Float64Array }) => {
      let h = 0;
      for (const v of [...values.revenue, ...values.share]) h = (h * 31 + Math.round(v * 1e6)) % 1000000007;
      list.push(`${values.chunk}:${h}`);
    };
    const want: string[] = [];
    const single = JSON.stringify(runScenario(defaultScenario, { paths, seed: 5, onChunk: seen(want) }));
    for (const workers of [2, 3]) {
      const got: string[] = [];
      const result = await runScenarioParallel(defaultScenario, { paths, seed: 5, workers, storeBudgetBytes: paths * 8 * 37, onChunk: seen(got) });
      expect(JSON.stringify(result)).toBe(single);
      expect(got).toEqual(want);
    }
  });

  it("in a speculative round on workers (after a pilot of 64 chunks), equals runScenario in memory", async () => {
    // 69 chunks of the canonical model: 235 MB of values against a 200 MB budget (twoRounds.test.ts).
    const want = JSON.stringify(runScenario(canonical, { paths: 70_000, seed: 9 }));
    for (const workers of [2, 3]) expect(JSON.stringify(await runScenarioParallel(canonical, { paths: 70_000, seed: 9, workers, storeBudgetBytes: 200e6 }))).toBe(want);
  });

  it("when the speculation misses (no reach beyond the pilot's ranks), keeps the missed columns in a round on the workers, with the same bytes", async () => {
    const want = JSON.stringify(runScenario(canonical, { paths: 70_000, seed: 9 }));
    const run = prepare(canonical, { paths: 70_000, seed: 9 });
    const pool = WorkerPool.spawn(2);
    try {
      await pool.init(run);
      let last: [number, number] = [0, 0];
      const result = await runTwoRoundsParallel(run, pool, { storeBudgetBytes: 200e6, pilotSigmas: 0, onProgress: (done, total) => (last = [done, total]) }, (visit) => new ChunkOrder(0, visit));
      expect(JSON.stringify(result)).toBe(want);
      // The pilot's 65,536 paths, every path in the speculative round, and every path again for the missed columns.
      expect(last).toEqual([205_536, 205_536]);
    } finally {
      await pool.close();
    }
  });

  it("rejects a bad --workers with exit 2", () => {
    const run = sharecast("run", CANONICAL, "--workers", "0", "--paths", "10");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--workers");
    expect(run.stdout).toBe("");
  });
});
