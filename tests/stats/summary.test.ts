// Summary rows: mean, sample sd (n - 1) and R type 7 quantiles of each cell (src/stats/summary.ts).
import { mean as ssMean, sampleStandardDeviation } from "simple-statistics";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";
import { summarise } from "../../src/stats/summaryBatch.ts";
import { summariseValues } from "../../src/stats/summary.ts";
import { quantileName } from "../../src/samples/summaries.ts";
import { handStore } from "./handStore.ts";

describe("summary rows", () => {
  it("2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32 / 7), p25 4, p50 4.5, p95 8.3", () => {
    // By hand: squared deviations 9+1+1+1+0+0+4+16 = 32 over n - 1 = 7. Type 7 with h = 7p:
    // p25 h = 1.75 -> 4; p50 h = 3.5 -> 4.5; p95 h = 6.65 -> 7 + 0.65 * 2 = 8.3.
    const store = handStore((set) => set("revenue", "b", "2020Q3", [9, 4, 5, 4, 2, 7, 4, 5]), 8);
    const rows = summarise(store, [0.25, 0.5, 0.95]);
    const row = rows.find((r) => r.provider === "b" && r.period === "2020Q3" && r.metric === "revenue")!;
    expect(row.mean).toBe(5);
    expect(row.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(row.p25).toBe(4);
    expect(row.p50).toBe(4.5);
    expect(row.p95).toBeCloseTo(8.3, 13);
    // Every cell has a row per metric, in the order period, segment, provider, metric.
    expect(rows).toHaveLength(store.periods.length * store.segments.length * store.providers.length * 2);
    expect(rows.slice(0, 3).map((r) => `${r.period}/${r.provider}/${r.metric}`)).toEqual(["2020/a/revenue", "2020/a/share", "2020/b/revenue"]);
    // A cell of zeros: mean 0, sd 0.
    expect(rows[0]).toMatchObject({ mean: 0, sd: 0, p50: 0 });
  });

  it("mean and sd agree with simple-statistics (independent implementation) on arbitrary samples", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 300 }), (values) => {
        const store = handStore((set) => set("revenue", "a", "2020", values), values.length);
        const row = summarise(store, [0.5])[0];
        const scale = Math.max(1, ...values.map(Math.abs));
        expect(Math.abs(row.mean - ssMean(values))).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(row.sd - sampleStandardDeviation(values))).toBeLessThanOrEqual(1e-9 * scale);
      }),
      { numRuns: 200 },
    );
  });

  // Regression: a valid scenario whose revenues are large but finite gives a non-finite mean: the sum
  // of 100 values of 1e307 overflows, and the JSON row says `"mean": null`. Issue 2 item 9 asks for finite
  // numbers or a clear error.
  it("rows are finite for revenues near the top of the double range", () => {
    const result = runScenario(
      { name: "big", calendar: { start: "2020Q1", end: "2020Q1" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1e307, growth: 0 } }] },
      { paths: 100, seed: 1 },
    );
    const row = result.row("2020Q1", "a", "revenue")!;
    expect(Number.isFinite(row.mean)).toBe(true);
    expect(Number.isFinite(row.sd)).toBe(true);
  });
});

describe("short columns (sorted by their bit patterns when no value is negative, -0 or NaN)", () => {
  // Reference: the values sorted as numbers by Float64Array#sort (-0 before +0, NaN last), R type 7 by hand;
  // a constant cell (every value equal, no NaN) has the first value as every quantile.
  const type7 = (values: number[], p: number): number => {
    if (values.every((v) => v === values[0])) return values[0];
    const sorted = Float64Array.from(values).sort();
    const h = (values.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, values.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  };
  const probabilities = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
  const special = fc.constantFrom(0, -0, Infinity, -Infinity, Number.NaN, Number.MIN_VALUE, -1, 1e308);
  const cases = [
    ["non-negative values", fc.double({ min: 0, max: 1e12, noNaN: true })],
    ["any values with zeros of both signs, infinities and NaN", fc.oneof(fc.double({ min: -1e6, max: 1e6 }), special)],
  ] as const;
  for (const [name, value] of cases) {
    it(`quantiles equal sorting as numbers, bit for bit; mean and sd equal simple-statistics' (${name})`, () => {
      fc.assert(
        fc.property(fc.array(value, { minLength: 2, maxLength: 1024 }), (values) => {
          const store = handStore((set) => set("share", "c", "2020Q4", values), values.length);
          const row = summarise(store, probabilities).find((r) => r.provider === "c" && r.period === "2020Q4" && r.metric === "share")!;
          for (const p of probabilities) expect(row[quantileName(p) as `p${number}`]).toBe(type7(values, p));
          // (simple-statistics' sd overflows near the top of the range, where ours rescales: finite and smaller there.)
          if (values.every((v) => Math.abs(v) < 1e300) && new Set(values.map((v) => Object.is(v, -0) ? 0 : v)).size > 1) {
            expect(row.mean).toBe(ssMean(values));
            expect(row.sd).toBe(sampleStandardDeviation(values));
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("the sd pooled over blocks of 1,024 (blockedSquares)", () => {
  /** The exact sample sd of values k / 2^10 + offset (k integers), by integer arithmetic, rounded once. */
  const exactSd = (ks: bigint[]): number => {
    const n = BigInt(ks.length);
    const s1 = ks.reduce((a, k) => a + k, 0n);
    const s2 = ks.reduce((a, k) => a + k * k, 0n);
    // var = (n s2 - s1^2) / (n (n - 1)) in units of 2^-20; scaled by 2^60 before the division for 18 digits.
    const scaled = ((n * s2 - s1 * s1) << 60n) / (n * (n - 1n));
    return Math.sqrt(Number(scaled) / 2 ** 60) / 2 ** 10;
  };

  it("is within 1e-14 of the exact sd, with and without a large offset (integer arithmetic, 1,025 to 9,000 values; one pass of sums of squares would be off by about 1e-10 at the largest)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), { minLength: 1025, maxLength: 9000 }), fc.constantFrom(0, 2 ** 20, 2 ** 31), (ints, offset) => {
        const ks = ints.map((k) => BigInt(k));
        const values = Float64Array.from(ints, (k) => k / 2 ** 10 + offset);
        const want = exactSd(ks);
        if (want === 0) return;
        const got = summariseValues(values, [0.5]).sd;
        expect(Math.abs(got - want) / want).toBeLessThan(1e-14);
      }),
      { seed: 23, numRuns: 60 },
    );
  });

  it("1..n: sqrt(n (n + 1) / 12) exactly enough (n = 10,000 and 123,457)", () => {
    for (const n of [10_000, 123_457]) {
      const values = Float64Array.from({ length: n }, (_, i) => i + 1);
      expect(summariseValues(values, [0.5]).sd).toBeCloseTo(Math.sqrt((n * (n + 1)) / 12), 9);
    }
  });
});
