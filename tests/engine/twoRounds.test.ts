// Runs larger than the store budget go in two rounds (bucket counts, then the wanted buckets' values) and
// give the in-memory run's result byte for byte; column sketches equal summariseValues on any values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";
import defaultScenario from "../../scenarios/deutsche-bank-2020.ts";
import { SketchCounts, SketchGather, sketchLayout, sketchPlan } from "../../src/stats/columnSketch.ts";
import { SUM_BLOCK } from "../../src/stats/blockSum.ts";
import { summariseValues } from "../../src/stats/summary.ts";
import canonical from "../../bench/canonical.ts";
import { TwoRounds, chunkLayout, pilotStages } from "../../src/engine/twoRounds.ts";
import type { CompiledScenario } from "../../src/engine/compile.ts";
import type { ChunkValues } from "../../src/engine/kernel.ts";

const json = (r: ReturnType<typeof runScenario>) => JSON.stringify(r);

/** Both rounds of one column in blocks of SUM_BLOCK, in the block order given, layout from `sample`. */
function sketched(values: Float64Array, probabilities: number[], sample: ArrayLike<number>, order: (blocks: number) => number[]) {
  const blocks = Math.ceil(values.length / SUM_BLOCK);
  const layout = sketchLayout(1, () => sample);
  const counts = new SketchCounts(1, blocks, layout);
  const block = (b: number) => ({ sources: [values.subarray(b * SUM_BLOCK, Math.min((b + 1) * SUM_BLOCK, values.length))], perSource: 1, n: Math.min(SUM_BLOCK, values.length - b * SUM_BLOCK) });
  for (const b of order(blocks)) counts.add(b, block(b));
  const plan = sketchPlan(counts, values.length, probabilities);
  const gather = new SketchGather(plan, layout);
  for (const b of order(blocks).reverse()) gather.add(block(b));
  const summary = gather.summary(0);
  if (!summary) throw new Error("sketched: the column needs its values (its sum or squares overflow)");
  return summary;
}

describe("column sketches", () => {
  it("equal summariseValues bit for bit (ties, point masses, NaN, values outside the layout, any block order)", () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 2.5, -3), fc.constant(Number.NaN));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 5000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        (list, probabilities, sampleKind, reversed) => {
          const values = Float64Array.from(list);
          const sample = sampleKind === 0 ? values.subarray(0, Math.min(values.length, SUM_BLOCK)) : sampleKind === 1 ? [5, 5] : [1e5, 1e5 + 1];
          const got = sketched(values, probabilities, sample, (n) => {
            const order = Array.from({ length: n }, (_, b) => b);
            return reversed ? order.reverse() : order;
          });
          const want = summariseValues(values, probabilities);
          expect(Object.is(got.mean, want.mean) || (Number.isNaN(got.mean) && Number.isNaN(want.mean))).toBe(true);
          expect(Object.is(got.sd, want.sd) || (Number.isNaN(got.sd) && Number.isNaN(want.sd))).toBe(true);
          got.quantiles.forEach((q, k) => expect(Object.is(q, want.quantiles[k]) || (Number.isNaN(q) && Number.isNaN(want.quantiles[k]))).toBe(true));
        },
      ),
      { seed: 13, numRuns: 150 },
    );
  });

  it("states of disjoint blocks merged (part / merge, as worker threads' are) equal one state of every block, bit for bit", () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 2.5), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1500, maxLength: 6000 }), { minLength: 2, maxLength: 2 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }), (lists, owners) => {
        // Two columns of the same length (the shorter list repeated), blocks dealt to three threads.
        const n = Math.min(lists[0].length, lists[1].length);
        const columns = lists.map((l) => Float64Array.from(l.slice(0, n)));
        const blocks = Math.ceil(n / SUM_BLOCK);
        const layout = sketchLayout(2, (j) => columns[j].subarray(0, SUM_BLOCK));
        const block = (b: number) => ({ sources: columns.map((c) => c.subarray(b * SUM_BLOCK, Math.min((b + 1) * SUM_BLOCK, n))), perSource: 1, n: Math.min(SUM_BLOCK, n - b * SUM_BLOCK) });
        const owner = (b: number) => owners[b % owners.length];
        const whole = new SketchCounts(2, blocks, layout);
        const parts = [0, 1, 2].map(() => new SketchCounts(2, blocks, layout));
        const mine = (t: number) => Array.from({ length: blocks }, (_, b) => b).filter((b) => owner(b) === t);
        for (let b = 0; b < blocks; b++) {
          whole.add(b, block(b));
          parts[owner(b)].add(b, block(b));
        }
        const merged = new SketchCounts(2, blocks, layout);
        parts.forEach((part, t) => merged.merge(part.part(mine(t))));
        expect(Buffer.from(merged.counts.buffer).equals(Buffer.from(whole.counts.buffer))).toBe(true);
        expect(Buffer.from(merged.sums.buffer).equals(Buffer.from(whole.sums.buffer))).toBe(true);
        expect(Buffer.from(merged.squares.buffer).equals(Buffer.from(whole.squares.buffer))).toBe(true);
        expect([...merged.low, ...merged.high]).toEqual([...whole.low, ...whole.high]);
        const plan = sketchPlan(whole, n, [0.05, 0.5, 0.95]);
        const gather = new SketchGather(plan, layout);
        const gathers = [0, 1, 2].map(() => new SketchGather(plan, layout));
        for (let b = blocks - 1; b >= 0; b--) {
          gather.add(block(b));
          gathers[owner(b)].add(block(b));
        }
        const joined = new SketchGather(plan, layout);
        gathers.forEach((part) => joined.merge(part.part()));
        for (let j = 0; j < 2; j++) {
          expect(joined.summary(j)).toEqual(gather.summary(j));
          const want = summariseValues(columns[j], [0.05, 0.5, 0.95]);
          expect(Object.is(joined.summary(j)!.sd, want.sd)).toBe(true);
        }
      }),
      { seed: 17, numRuns: 40 },
    );
  });

  it("type 7 by hand: 1..10000 gives p05 500.95, p50 5000.5, p95 9500.05", () => {
    const values = Float64Array.from({ length: 10000 }, (_, i) => 10000 - i);
    const s = sketched(values, [0.05, 0.5, 0.95], [1, 2], (n) => Array.from({ length: n }, (_, b) => b));
    // h = 9999 p: 499.95 -> 500 + 0.95; 4999.5 -> 5000 + 0.5; 9499.05 -> 9500 + 0.05.
    expect(s.quantiles[0]).toBeCloseTo(500.95, 9);
    expect(s.quantiles[1]).toBe(5000.5);
    expect(s.quantiles[2]).toBeCloseTo(9500.05, 9);
    expect(s.mean).toBe(5000.5);
  });
});

describe("runs above the store budget", () => {
  it("give the in-memory result byte for byte: the default scenario (events, benchmarks)", () => {
    const memory = runScenario(defaultScenario, { paths: 9300, seed: 5 });
    const rounds = runScenario(defaultScenario, { paths: 9300, seed: 5, storeBudgetBytes: 1 });
    expect(rounds.samples).toBeNull();
    expect(json(rounds)).toBe(json(memory));
  });

  it("give the in-memory result byte for byte: the canonical model, quantiles 0, 0.001, 0.5, 1", () => {
    const q = [0, 0.001, 0.5, 1];
    const memory = runScenario(canonical, { paths: 10_000, seed: 42, quantiles: q });
    const rounds = runScenario(canonical, { paths: 10_000, seed: 42, quantiles: q, storeBudgetBytes: 1 });
    expect(json(rounds)).toBe(json(memory));
  });
});

describe("runs above the store budget whose values overflow when summed or squared", () => {
  // Revenues of 1e150 to 1e300: the squared deviations (and, near 1e308, the sums) overflow, and
  // summariseValues rescales them value by value; two rounds keep no values, so those columns are simulated
  // once more and summarised from their values (found by the memory-budget property, fast-check seed 777200146).
  const huge = (start: unknown) => ({
    name: "huge",
    calendar: { start: "2020Q1", end: "2020Q4" },
    providers: [
      { id: "a", model: { kind: "constantGrowth", start, growth: 0.2 } },
      { id: "b", model: { kind: "constantGrowth", start: 5, growth: 0.3 } },
    ],
  });

  it("give the in-memory result byte for byte: squares overflow (1e150 to 1e160)", () => {
    const scenario = huge({ dist: "uniform", min: 1e150, max: 1e160 });
    const memory = runScenario(scenario, { paths: 3000, seed: 3 });
    expect(memory.row("2020Q1", "a", "revenue")!.sd).toBeGreaterThan(1e158);
    expect(json(runScenario(scenario, { paths: 3000, seed: 3, storeBudgetBytes: 1 }))).toBe(json(memory));
  });

  it("give the in-memory result byte for byte: sums overflow (1e305 to 1e306 over 3,000 paths)", () => {
    const scenario = huge({ dist: "uniform", min: 1e305, max: 1e306 });
    const memory = runScenario(scenario, { paths: 3000, seed: 4 });
    expect(Number.isFinite(memory.row("2020Q1", "a", "revenue")!.mean)).toBe(true);
    expect(json(runScenario(scenario, { paths: 3000, seed: 4, storeBudgetBytes: 1 }))).toBe(json(memory));
  });

  it("a column sketch says it needs the values rather than give a wrong sd", () => {
    const values = Float64Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? 1e150 : 1e160));
    expect(() => sketched(values, [0.5], values.subarray(0, SUM_BLOCK), (n) => Array.from({ length: n }, (_, b) => b))).toThrow(/needs its values/);
  });
});

describe("simulatePrepared (solve and sweep: values without summaries)", () => {
  it("gives runPrepared's samples bit for bit and the same meta, with no rows to build", async () => {
    const { prepare } = await import("../../src/engine/prepare.ts");
    const { runPrepared, simulatePrepared } = await import("../../src/engine/run.ts");
    const run = prepare(defaultScenario, { paths: 2100, seed: 8 });
    const full = runPrepared(run);
    const sampled = simulatePrepared(run);
    expect(sampled.meta).toEqual(full.meta);
    expect(Buffer.from(sampled.samples.buffer as ArrayBuffer).equals(Buffer.from(full.samples!.buffer as ArrayBuffer))).toBe(true);
    expect(sampled).not.toHaveProperty("rows");
  });
});

describe("runs above the store budget that speculate after a pilot", () => {
  // 70,000 paths (69 chunks): the pilot is the first 64 chunks; 235 MB of values against a 200 MB budget,
  // whose quarter holds what the speculation keeps.
  it("give the in-memory result byte for byte: the canonical model", () => {
    const memory = runScenario(canonical, { paths: 70_000, seed: 9 });
    let last: [number, number] = [0, 0];
    const speculated = runScenario(canonical, { paths: 70_000, seed: 9, storeBudgetBytes: 200e6, onProgress: (done, total) => (last = [done, total]) });
    expect(speculated.samples).toBeNull();
    // The pilot's 65,536 paths, then all 70,000 once more: no second round.
    expect(last).toEqual([135_536, 135_536]);
    expect(json(speculated)).toBe(json(memory));
  });

  it("give the in-memory result byte for byte: the default scenario (events and benchmarks from columns held across both rounds)", () => {
    const memory = runScenario(defaultScenario, { paths: 66_000, seed: 2 });
    let last: [number, number] = [0, 0];
    const speculated = runScenario(defaultScenario, { paths: 66_000, seed: 2, storeBudgetBytes: 150e6, onProgress: (done, total) => (last = [done, total]) });
    expect(last).toEqual([65_536 + 66_000, 65_536 + 66_000]);
    expect(speculated.events.length).toBeGreaterThan(0);
    expect(json(speculated)).toBe(json(memory));
  });
});

describe("a speculation (TwoRounds.speculate)", () => {
  // One provider, one period: two columns (revenue, share), chunks of SUM_BLOCK values.
  const shape = { outputSegments: ["total"], providers: ["a"], periods: ["2020"] } as unknown as CompiledScenario;
  const chunks = 80;
  const pilot = 64;
  /** Chunk c's values: revenue from `revenue(c, i)`, share uniform on (0, 1) by a Weyl sequence (the same in every chunk's distribution). */
  const chunkOf = (c: number, revenue: (c: number, i: number) => number): ChunkValues => {
    const r = new Float64Array(SUM_BLOCK);
    const s = new Float64Array(SUM_BLOCK);
    for (let i = 0; i < SUM_BLOCK; i++) {
      const k = c * SUM_BLOCK + i;
      s[i] = (k * 0.6180339887498949) % 1;
      r[i] = revenue(c, i);
    }
    return { chunk: c, paths: SUM_BLOCK, revenue: r, share: s } as ChunkValues;
  };
  const probabilities = [0.05, 0.25, 0.5, 0.75, 0.95];

  /** Both ways through TwoRounds: speculating after `pilot` chunks, and plain two rounds; and the whole columns. */
  const run = (revenue: (c: number, i: number) => number) => {
    const values = Array.from({ length: chunks }, (_, c) => chunkOf(c, revenue));
    const layout = chunkLayout(values[0], 1);
    const rounds = new TwoRounds(shape, chunks, layout);
    for (let c = 0; c < pilot; c++) rounds.add(0, values[c]);
    const plan = rounds.speculate(pilot * SUM_BLOCK, chunks * SUM_BLOCK, probabilities, 1e9);
    expect(plan).not.toBeNull();
    for (let c = 0; c < chunks; c++) rounds.add(c < pilot ? 1 : 2, values[c]);
    const missed = rounds.settle(chunks * SUM_BLOCK, probabilities).rest;
    if (missed) for (let c = chunks - 1; c >= 0; c--) rounds.add(1, values[c]);
    const whole = (m: "revenue" | "share") => Float64Array.from(values.flatMap((v) => Array.from(v[m])));
    return { missed, got: [0, 1].map((j) => rounds.summaries().summary(j)), want: [whole("revenue"), whole("share")].map((v) => summariseValues(v, probabilities)) };
  };

  it("of a run like its pilot keeps the wanted values in one round: summariseValues' bits, no round for missed columns", () => {
    const { missed, got, want } = run((c, i) => ((c * SUM_BLOCK + i) * 0.7548776662466927) % 1);
    expect(missed).toBeNull();
    expect(got).toEqual(want);
    expect(Object.is(got[0]!.sd, want[0].sd)).toBe(true);
  });

  it("of a run whose later chunks move away from its pilot keeps the missed column in a round of its own, with the same bits", () => {
    // Revenue: the pilot's on (0, 1), the last 16 chunks' on (5, 6): the run's 95th percentile lies beyond
    // every slot the pilot wanted. Share: alike everywhere, so covered.
    const { missed, got, want } = run((c, i) => ((c * SUM_BLOCK + i) * 0.7548776662466927) % 1 + (c >= pilot ? 5 : 0));
    expect(missed).not.toBeNull();
    expect(missed!.wanted[0].length).toBeGreaterThan(0);
    expect(missed!.wanted[1]).toEqual([]);
    expect(got).toEqual(want);
  });

  it("of a column constant through its pilot keeps none of it: nothing more when it stays so, a round of its own when it does not", () => {
    const still = run(() => 7);
    expect(still.missed).toBeNull();
    expect(still.got).toEqual(still.want);
    const moved = run((c, i) => (c < pilot ? 7 : 7 + i / SUM_BLOCK));
    expect(moved.missed).not.toBeNull();
    expect(moved.missed!.wanted[0].length).toBeGreaterThan(0);
    expect(moved.got).toEqual(moved.want);
  });

  it("refuses to start when what it would keep exceeds the budget", () => {
    const values = Array.from({ length: pilot }, (_, c) => chunkOf(c, (k, i) => ((k * SUM_BLOCK + i) * 0.7548776662466927) % 1));
    const rounds = new TwoRounds(shape, chunks, chunkLayout(values[0], 1));
    for (const v of values) rounds.add(0, v);
    expect(rounds.speculate(pilot * SUM_BLOCK, chunks * SUM_BLOCK, probabilities, 1000)).toBeNull();
  });

  it("pilot stages: 1/16, 1/8, 1/4 and 1/2 of the chunks, at least 64, fewer than all", () => {
    expect(pilotStages(64)).toEqual([]);
    expect(pilotStages(69)).toEqual([64]);
    expect(pilotStages(9766)).toEqual([611, 1221, 2442, 4883]);
  });
});
