// Selection-based quantiles equal sorting and indexing (R type 7), bit for bit, including ties and runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantiles, quantilesSorted, selectInPlace } from "../../src/stats/quantile.ts";
import { summariseValues } from "../../src/stats/summary.ts";
import { mean, sampleStandardDeviation, sum } from "simple-statistics";

const probabilities = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });

describe("quantiles by selection", () => {
  it("equal sorting and indexing, for any sample, with ties (property)", () => {
    const sample = fc.oneof(
      fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 3000 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3000 }),
    );
    fc.assert(
      fc.property(sample, probabilities, (values, ps) => {
        const x = Float64Array.from(values);
        const copy = Float64Array.from(x);
        const want = quantilesSorted(Float64Array.from(x).sort(), ps);
        expect(quantiles(x, ps, new Float64Array(x.length + 3))).toEqual(want);
        expect(x).toEqual(copy);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("handles sorted, reversed and constant inputs of 100k values", () => {
    const n = 100_000;
    const inputs = [Float64Array.from({ length: n }, (_, i) => i), Float64Array.from({ length: n }, (_, i) => n - i), new Float64Array(n).fill(2.5)];
    for (const x of inputs) expect(quantiles(x, [0.05, 0.5, 0.95])).toEqual(quantilesSorted(Float64Array.from(x).sort(), [0.05, 0.5, 0.95]));
  });

  it("selectInPlace puts the k-th order statistic at k", () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const sorted = Float64Array.from(x).sort();
    for (const k of [0, 1, 250, 2500, 4999]) {
      const a = Float64Array.from(x);
      selectInPlace(a, k, 0, a.length - 1);
      expect(a[k]).toBe(sorted[k]);
    }
  });

  it("summariseValues' mean and sd are simple-statistics' bit for bit", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 2, maxLength: 500 }), (values) => {
        const s = summariseValues(Float64Array.from(values), [0.5]);
        expect(s.mean).toBe(mean(values));
        expect(s.sd).toBe(sampleStandardDeviation(values));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("beyond 1,024 values, mean and sd are simple-statistics' sums per block of 1,024, then over the blocks (the squares pooled: each block's own, plus its count x its mean's squared distance)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1025, maxLength: 5000 }), (values) => {
        const blocks: number[][] = [];
        for (let at = 0; at < values.length; at += 1024) blocks.push(values.slice(at, at + 1024));
        const m = sum(blocks.map((b) => sum(b))) / values.length;
        const squares = sum(blocks.map((b) => {
          const own = sum(b) / b.length;
          return b.reduce((acc, x) => acc + (x - own) * (x - own), 0) + b.length * (own - m) * (own - m);
        }));
        const s = summariseValues(Float64Array.from(values), [0.5]);
        if (Math.min(...values) === Math.max(...values)) return;
        expect(s.mean).toBe(m);
        expect(s.sd).toBe(Math.sqrt(squares / (values.length - 1)));
      }),
      { seed: 11, numRuns: 60 },
    );
  });
});
