// Determinism across chunking: the contract worker threads rely on (DESIGN.md, Determinism; kernel.ts
// CHUNK_SIZE). A run equals the concatenation of its chunks computed in any order, by any simulator.
import { describe, expect, it } from "vitest";
import { prepare } from "../../src/engine/prepare.ts";
import { CHUNK_SIZE, ChunkSimulator } from "../../src/engine/kernel.ts";
import { buildResult, chunkPlan, runScenario } from "../../src/engine/run.ts";
import { SampleStore } from "../../src/samples/store.ts";

/** A scenario that touches every stream: distributions, both shock kinds, a driver, segments, an exogenous market. */
const scenario = {
  name: "chunking",
  calendar: { start: "2019Q3", end: "2021Q4" },
  segments: ["government", "internet"],
  market: {
    kind: "exogenous",
    total: {
      government: { kind: "constantGrowth", start: { dist: "uniform", min: 80, max: 120 }, growth: 0.3, shock: { sigma: 0.05 } },
      internet: { kind: "logistic", carryingCapacity: 500, rate: 1.2, midpointYears: { dist: "normal", mean: 1, sd: 0.5 } },
    },
  },
  providers: [
    {
      id: "alibaba",
      model: {
        government: { kind: "decayingGrowth", start: 30, g0: { dist: "triangular", min: 0.2, mode: 0.5, max: 0.9 }, gInf: 0.1, halfLifeYears: 2, shock: { sigma: 0.1, persistence: "transient" } },
        internet: {
          kind: "driver",
          customers: { kind: "bass", marketPotential: 1000, innovation: { dist: "pert", min: 0.01, mode: 0.03, max: 0.1 }, imitation: 0.4, shock: { sigma: { dist: "uniform", min: 0, max: 0.2 } } },
          revenuePerCustomer: { kind: "constantGrowth", start: 0.2, growth: { dist: "interval90", low: -0.1, high: 0.3 } },
        },
      },
    },
    {
      id: "tencent",
      entry: { quarter: "2020Q2", rampQuarters: 3 },
      model: { internet: { kind: "gompertz", carryingCapacity: { dist: "beta", alpha: 2, beta: 3, min: 100, max: 300 }, displacement: 3, rate: 0.8, shock: { sigma: 0.15 } } },
    },
  ],
  events: [
    { id: "tencent-10", kind: "threshold", metric: "share", provider: "tencent", period: "2021", op: ">=", value: 0.1 },
    { id: "overtake", kind: "overtake", metric: "revenue", provider: "tencent", over: "alibaba", by: "2021Q4", segment: "internet" },
  ],
  benchmarks: [{ id: "b", source: "hand", metric: "share", provider: "alibaba", period: "2020", value: 0.3 }],
} as const;

const PATHS = 3000;
const SEED = 20191231;

function cellsEqual(a: SampleStore, b: SampleStore): void {
  expect(a.paths).toBe(b.paths);
  for (const metric of ["revenue", "share"] as const) {
    for (let g = 0; g < a.segments.length; g++) {
      for (let k = 0; k < a.providers.length; k++) {
        for (let p = 0; p < a.periods.length; p++) {
          const x = a.cell(metric, g, k, p);
          const y = b.cell(metric, g, k, p);
          for (let i = 0; i < a.paths; i++) {
            if (!Object.is(x[i], y[i])) throw new Error(`${metric} differs at ${a.segments[g]}/${a.providers[k]}/${a.periods[p]} path ${i}: ${x[i]} vs ${y[i]}`);
          }
        }
      }
    }
  }
}

describe("determinism across chunking", () => {
  const whole = runScenario(scenario, { paths: PATHS, seed: SEED });

  it("plans 3000 paths as chunks 0..2 of CHUNK_SIZE, the last one partial", () => {
    expect(CHUNK_SIZE).toBe(1024);
    expect(chunkPlan(PATHS)).toEqual([
      { chunk: 0, paths: 1024 },
      { chunk: 1, paths: 1024 },
      { chunk: 2, paths: 952 },
    ]);
  });

  it("a 3000-path run equals its chunks computed out of order by separate simulators", () => {
    const compiled = prepare(scenario, { paths: PATHS, seed: SEED }).compiled;
    const store = new SampleStore(compiled, PATHS);
    // Two "workers", each with its own simulator (and scratch), taking chunks in the order 2, 0, 1.
    const workerA = new ChunkSimulator(compiled);
    const workerB = new ChunkSimulator(compiled);
    store.add(workerA.run(2, 952));
    store.add(workerB.run(0, 1024));
    store.add(workerA.run(1, 1024));
    cellsEqual(whole.samples!, store);
    // And the summaries built from it are byte-identical.
    expect(JSON.stringify(buildResult(compiled, store))).toBe(JSON.stringify(whole));
  });

  it("a chunk's values do not depend on what its simulator ran before", () => {
    const compiled = prepare(scenario, { paths: PATHS, seed: SEED }).compiled;
    const fresh = new ChunkSimulator(compiled).run(1, 1024);
    const used = new ChunkSimulator(compiled);
    used.run(2, 952);
    used.run(0, 1024);
    const again = used.run(1, 1024);
    expect(Buffer.from(again.revenue.buffer).equals(Buffer.from(fresh.revenue.buffer))).toBe(true);
    expect(Buffer.from(again.share.buffer).equals(Buffer.from(fresh.share.buffer))).toBe(true);
  });

  it("different chunks have different random streams", () => {
    const compiled = prepare(scenario, { paths: PATHS, seed: SEED }).compiled;
    const sim = new ChunkSimulator(compiled);
    const a = sim.run(0, 100).revenue;
    const b = sim.run(1, 100).revenue;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });

  it("a run is identical whatever memory budget splits it into passes", () => {
    // runScenario's storeBudgetBytes: several passes over the same chunks give the same numbers.
    const small = runScenario(scenario, { paths: PATHS, seed: SEED, storeBudgetBytes: 40 * 8 * PATHS });
    expect(JSON.stringify(small)).toBe(JSON.stringify(whole));
  });
});
