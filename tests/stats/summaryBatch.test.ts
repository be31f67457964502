// Summaries of several columns side by side (src/stats/summaryBatch.ts) equal each column's own
// summariseValues bit for bit, and R type 7 quantiles of a full sort (the definition).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean as ssMean, sampleStandardDeviation } from "simple-statistics";
import { createStream } from "../../src/random/stream.ts";
import { summariseValues } from "../../src/stats/summary.ts";
import { summariseColumns } from "../../src/stats/summaryBatch.ts";
import type { CellSummary } from "../../src/samples/summaries.ts";

const Q = [0.05, 0.5, 0.95];

function same(a: CellSummary, b: CellSummary): boolean {
  return Object.is(a.mean, b.mean) && Object.is(a.sd, b.sd) && a.quantiles.length === b.quantiles.length && a.quantiles.every((v, k) => Object.is(v, b.quantiles[k]));
}

/** A column of one of several shapes: lognormal-like, signed, constant, mostly zeros, near overflow, with NaN, -0 or Infinity. */
function column(n: number, kind: number, seed: number): Float64Array {
  const s = createStream(seed, `column:${kind}`);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = s.uniform();
    c[i] = [Math.exp(3 * u), u - 0.5, 3, u < 0.9 ? 0 : u, u * 1.7e308, Math.exp(u), u, u][kind];
  }
  if (kind === 5) c[n >> 1] = Number.NaN;
  if (kind === 6) c[0] = -0;
  if (kind === 7) c[n - 1] = Infinity;
  return c;
}

/** R type 7 by sorting (the definition). */
function type7(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const h = (values.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, values.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

describe("summariseColumns", () => {
  it("equals summariseValues column by column, bit for bit, for every group size and column shape", () => {
    // Lengths around the block (1,024), sorted (1,024) and bucketed (8,192) boundaries; groups of 1..9 columns
    // (whole and partial groups of four), every shape in every position of a group.
    let checked = 0;
    for (const n of [1, 2, 1024, 1025, 2047, 5000, 8191, 8192, 9000, 40_000]) {
      for (let g = 1; g <= 9; g++) {
        const columns = Array.from({ length: g }, (_, j) => column(n, (j + g + n) % 8, n + g));
        const batch = summariseColumns(columns, Q);
        columns.forEach((c, j) => {
          const one = summariseValues(c, Q);
          if (!same(batch[j], one)) throw new Error(`n ${n}, group ${g}, column ${j}: ${JSON.stringify(batch[j])} against ${JSON.stringify(one)}`);
          checked++;
        });
      }
    }
    expect(checked).toBe(10 * 45);
  });

  it("agrees with simple-statistics and a full sort on arbitrary columns", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1025, max: 9000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, g, seed) => {
          const columns = Array.from({ length: g }, (_, j) => column(n, [0, 1, 6, 3][j % 4], seed + j));
          const out = summariseColumns(columns, Q);
          columns.forEach((c, j) => {
            expect(out[j].mean).toBeCloseTo(ssMean(Array.from(c)), 12);
            expect(out[j].sd).toBeCloseTo(sampleStandardDeviation(Array.from(c)), 12);
            Q.forEach((p, k) => expect(out[j].quantiles[k]).toBe(type7(c, p)));
          });
        },
      ),
      { numRuns: 25, seed: 13 },
    );
  });

  it("rejects columns of different lengths and probabilities outside [0, 1]", () => {
    expect(() => summariseColumns([new Float64Array(2000), new Float64Array(2001)], Q)).toThrow(RangeError);
    expect(() => summariseColumns([new Float64Array(2000)], [1.5])).toThrow(/p: expected a number in \[0, 1\]/);
  });
});
