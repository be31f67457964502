// The two rounds of the column sketches four columns side by side (columnSketchBatch.ts) leave every state
// bit for bit as the one-column rounds do (tests/stats/sketchReference.ts): counts, ranges, block sums,
// block squares and the kept values in their order, for 1 to 9 columns (groups of four and what is left),
// columns split over several sources, NaN, constant, infinite and signed-zero columns, values outside the
// layout, blocks in any order, and states of disjoint blocks merged as a shard merge does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SKETCH_BUCKETS, SKETCH_SLOTS, SketchCounts, SketchGather, sketchLayout, sketchPlan, type SketchLayout, type SketchPlan } from "../../src/stats/columnSketch.ts";
import type { BlockColumns } from "../../src/stats/columnSketchBatch.ts";
import { SUM_BLOCK } from "../../src/stats/blockSum.ts";
import { summariseValues } from "../../src/stats/summary.ts";
import { referenceCount, referenceGather, referenceMasks } from "./sketchReference.ts";

/** A run's values: per block, per column, n values; and the block's columns as `sources` of `perSource`. */
interface Blocks {
  columns: number;
  perSource: number;
  /** [block][column] -> values. */
  values: Float64Array[][];
}

/** Block b as the kernels take it: its columns copied into sources of `perSource` columns each. */
function blockColumns(run: Blocks, b: number): BlockColumns {
  const n = run.values[b][0].length;
  const sources: Float64Array[] = [];
  for (let at = 0; at < run.columns; at += run.perSource) {
    // Sources as long as perSource columns (the last one partly unused, as chunk buffers are).
    const source = new Float64Array(run.perSource * n + 3).fill(-7);
    for (let k = 0; k < run.perSource && at + k < run.columns; k++) source.set(run.values[b][at + k], k * n);
    sources.push(source);
  }
  return { sources, perSource: run.perSource, n };
}

const bytes = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Column kinds: each column's values are drawn from one of these. */
const KINDS = ["spread", "ties", "nan", "constant", "infinite", "zeros", "wide"] as const;

function valueOf(kind: (typeof KINDS)[number], u: number, i: number): number {
  switch (kind) {
    case "spread":
      return 3 * Math.exp(2 * (u - 0.5));
    case "ties":
      return [0, 1, 2.5, -3][Math.floor(u * 4)];
    case "nan":
      return u < 0.1 ? Number.NaN : u * 10 - 5;
    case "constant":
      return 4.25;
    case "infinite":
      return u < 0.2 ? Infinity : u < 0.3 ? -Infinity : u;
    case "zeros":
      return i % 2 === 0 ? -0 : 0;
    case "wide":
      return (u - 0.5) * 1e6;
  }
}

const anyLengths = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 });
const runOf = (kinds: ReadonlyArray<(typeof KINDS)[number]>, lengths: fc.Arbitrary<number[]> = anyLengths) => fc
  .record({
    columns: fc.integer({ min: 1, max: 9 }),
    perSource: fc.integer({ min: 1, max: 9 }),
    lengths,
    kinds: fc.array(fc.constantFrom(...kinds), { minLength: 9, maxLength: 9 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    narrow: fc.boolean(),
    order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
  })
  .map((r) => {
    let state = r.seed;
    const uniform = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const values = r.lengths.map((n) => Array.from({ length: r.columns }, (_, j) => Float64Array.from({ length: n }, (_, i) => valueOf(r.kinds[j], uniform(), i))));
    // Blocks in an order drawn from `order` (a shuffle of 0..blocks-1).
    const order = r.lengths.map((_, b) => b).sort((a, b) => (r.order[a] - r.order[b]) || a - b);
    const run: Blocks = { columns: r.columns, perSource: r.perSource, values };
    // A layout from block 0, or one so narrow that most values fall below or above the fine buckets.
    const layout = r.narrow ? sketchLayout(r.columns, () => [1, 1 + 1e-9]) : sketchLayout(r.columns, (j) => values[0][j]);
    return { run, order, layout };
  });
const runArbitrary = runOf(KINDS);

function countAll(run: Blocks, layout: SketchLayout, blocks: number[]): SketchCounts {
  const counts = new SketchCounts(run.columns, run.values.length, layout);
  for (const b of blocks) counts.add(b, blockColumns(run, b));
  return counts;
}

function countReference(run: Blocks, layout: SketchLayout, blocks: number[]): SketchCounts {
  const counts = new SketchCounts(run.columns, run.values.length, layout);
  for (const b of blocks) for (let j = 0; j < run.columns; j++) referenceCount(counts, j, b, run.values[b][j], 0, run.values[b][j].length);
  return counts;
}

function expectSameCounts(got: SketchCounts, want: SketchCounts): void {
  expect(bytes(got.counts).equals(bytes(want.counts))).toBe(true);
  expect(bytes(got.low).equals(bytes(want.low))).toBe(true);
  expect(bytes(got.high).equals(bytes(want.high))).toBe(true);
  expect(bytes(got.sums).equals(bytes(want.sums))).toBe(true);
  expect(bytes(got.squares).equals(bytes(want.squares))).toBe(true);
}

function expectSameGather(got: SketchGather, want: SketchGather, columns: number): void {
  expect(Array.from(got.keptCount)).toEqual(Array.from(want.keptCount));
  for (let j = 0; j < columns; j++) expect(bytes(got.keptValues(j)).equals(bytes(want.keptValues(j)))).toBe(true);
}

/** A plan for any values (sketchPlan refuses infinite sums): each column's mean, constancy and wanted slots drawn. */
function drawnPlan(run: Blocks, pick: number[]): SketchPlan {
  const plan: SketchPlan = { paths: 0, probabilities: [0.5], mean: [], squares: [], constant: [], wanted: [], before: [], sizes: [], low: [] };
  for (let j = 0; j < run.columns; j++) {
    const p = pick[j % pick.length];
    plan.mean.push([0, 3.5, Number.NaN, Infinity, -2][p % 5]);
    plan.squares.push(0);
    plan.constant.push(p % 7 === 0);
    // Below, above, NaN and fine slots, some wanted.
    const wanted = [0, 1, 7, SKETCH_BUCKETS / 2, SKETCH_BUCKETS, SKETCH_BUCKETS + 1, SKETCH_BUCKETS + 2].filter((_, k) => ((p >> k) & 1) === 1);
    plan.wanted.push(wanted);
    plan.before.push(wanted.map(() => 0));
    plan.sizes.push(wanted.map(() => 0));
    plan.low.push(0);
  }
  return plan;
}

describe("column sketches, four columns side by side", () => {
  it("round 1: counts, ranges, block sums and block squares bit for bit the one-column round's, blocks in any order", () => {
    fc.assert(
      fc.property(runArbitrary, ({ run, order, layout }) => {
        expectSameCounts(countAll(run, layout, order), countReference(run, layout, order.map((_, b) => b)));
      }),
      { seed: 41, numRuns: 300 },
    );
  });

  it("round 2: kept values (in order) bit for bit the one-column round's", () => {
    fc.assert(
      fc.property(runArbitrary, fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 9 }), ({ run, order, layout }, pick) => {
        const plan = drawnPlan(run, pick);
        const got = new SketchGather(plan, layout);
        const want = new SketchGather(plan, layout);
        const masks = referenceMasks(plan);
        for (const b of order) {
          got.add(blockColumns(run, b));
          for (let j = 0; j < run.columns; j++) referenceGather(want, masks, j, run.values[b][j], 0, run.values[b][j].length);
        }
        expectSameGather(got, want, run.columns);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("states of disjoint blocks merged (as shards' partials are) equal one state of every block", () => {
    fc.assert(
      fc.property(runArbitrary, fc.nat(), ({ run, order, layout }, cut) => {
        const split = cut % (order.length + 1);
        const parts = [order.slice(0, split), order.slice(split)].map((blocks) => countAll(run, layout, blocks));
        const merged = new SketchCounts(run.columns, run.values.length, layout);
        for (const part of parts) {
          for (let k = 0; k < merged.counts.length; k++) merged.counts[k] += part.counts[k];
          for (let j = 0; j < run.columns; j++) {
            if (part.low[j] < merged.low[j]) merged.low[j] = part.low[j];
            if (part.high[j] > merged.high[j]) merged.high[j] = part.high[j];
          }
        }
        parts.forEach((part, p) => {
          for (const b of p === 0 ? order.slice(0, split) : order.slice(split)) {
            merged.sums.set(part.sums.subarray(b * run.columns, (b + 1) * run.columns), b * run.columns);
            merged.squares.set(part.squares.subarray(b * run.columns, (b + 1) * run.columns), b * run.columns);
          }
        });
        expectSameCounts(merged, countReference(run, layout, order));
      }),
      { seed: 43, numRuns: 200 },
    );
  });

  it("both rounds, merged over two parts, give summariseValues of each whole column", () => {
    // Blocks of SUM_BLOCK values but the last, as a run's chunks (summariseValues sums in such blocks).
    const chunks = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: SUM_BLOCK })).map(([full, last]) => [...Array.from({ length: full }, () => SUM_BLOCK), last]);
    const finite = runOf(["spread", "ties", "constant", "zeros", "wide"], chunks);
    fc.assert(
      fc.property(finite, fc.nat(), ({ run, order, layout }, cut) => {
        const q = [0, 0.05, 0.5, 0.95, 1];
        const split = cut % (order.length + 1);
        const paths = run.values.reduce((sum, block) => sum + block[0].length, 0);
        const plan = sketchPlan(countAll(run, layout, order), paths, q);
        const merged = new SketchGather(plan, layout);
        for (const blocks of [order.slice(0, split), order.slice(split)]) {
          const part = new SketchGather(plan, layout);
          for (const b of blocks) part.add(blockColumns(run, b));
          for (let j = 0; j < run.columns; j++) merged.addKept(j, part.keptValues(j));
        }
        for (let j = 0; j < run.columns; j++) {
          const whole = new Float64Array(paths);
          let at = 0;
          for (const block of run.values) {
            whole.set(block[j], at);
            at += block[j].length;
          }
          const got = merged.summary(j)!;
          const want = summariseValues(whole, q);
          expect(Object.is(got.mean, want.mean)).toBe(true);
          expect(Object.is(got.sd, want.sd)).toBe(true);
          got.quantiles.forEach((x, k) => expect(Object.is(x, want.quantiles[k])).toBe(true));
        }
      }),
      { seed: 44, numRuns: 60 },
    );
  });

  it("a hand case: 5 columns in two sources of 3, one block of 4 values", () => {
    // Columns 0..2 in source 0, 3..4 in source 1 (its third slot unused).
    const s0 = Float64Array.from([1, 2, 3, 4, /**/ 5, 5, 5, 5, /**/ -1, Number.NaN, 1, 0]);
    const s1 = Float64Array.from([10, 20, 30, 40, /**/ 0.5, 0.25, 0.125, 1, /**/ 99, 99, 99, 99]);
    const layout = { base: Float64Array.from([0, 0, -2, 0, 0]), scale: Float64Array.from([1, 1, 1, 0.1, 1]) };
    const counts = new SketchCounts(5, 1, layout);
    counts.add(0, { sources: [s0, s1], perSource: 3, n: 4 });
    expect(Array.from(counts.sums)).toEqual([10, 20, Number.NaN, 100, 1.875]);
    expect(Array.from(counts.low)).toEqual([1, 5, -1, 10, 0.125]);
    expect(Array.from(counts.high)).toEqual([4, 5, 1, 40, 1]);
    // Column 0: 1..4 in buckets 1 + floor(x): slots 2, 3, 4, 5.
    expect(Array.from(counts.counts.subarray(0, 6))).toEqual([0, 0, 1, 1, 1, 1]);
    // Column 2: -1 -> slot 2, NaN -> the NaN slot, 1 -> 4, 0 -> 3.
    const c2 = counts.counts.subarray(2 * SKETCH_SLOTS, 3 * SKETCH_SLOTS);
    expect([c2[2], c2[3], c2[4], c2[SKETCH_BUCKETS + 2]]).toEqual([1, 1, 1, 1]);
  });
});
