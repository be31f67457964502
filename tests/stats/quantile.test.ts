// Quantiles (src/stats/quantile.ts): R type 7 ("linear", NumPy's default) and column names.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantiles, quantilesSorted } from "../../src/stats/quantile.ts";
import { quantileName } from "../../src/samples/summaries.ts";

describe("quantiles, R type 7", () => {
  it("matches R: quantile(1:10, c(0.05, 0.25, 0.5, 0.9), type = 7) = 1.45, 3.25, 5.5, 9.1", () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const q = quantiles(x, [0.05, 0.25, 0.5, 0.9]);
    [1.45, 3.25, 5.5, 9.1].forEach((v, j) => expect(q[j]).toBeCloseTo(v, 12));
  });

  it("matches the definition on an unsorted sample with ties", () => {
    // sorted: 1 1 2 3 4 5 6 9; n = 8, h = 7 p; Q = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
    // p 0.1: h 0.7 -> 1; p 0.33: h 2.31 -> 2.31; p 0.75: h 5.25 -> 5.25; p 0.95: h 6.65 -> 6 + 0.65 * 3 = 7.95.
    // (R: quantile(c(3,1,4,1,5,9,2,6), c(0.1, 0.33, 0.75, 0.95)) gives 1.00 2.31 5.25 7.95.)
    const x = Float64Array.of(3, 1, 4, 1, 5, 9, 2, 6);
    const q = quantiles(x, [0.1, 0.33, 0.75, 0.95]);
    [1, 2.31, 5.25, 7.95].forEach((v, j) => expect(q[j]).toBeCloseTo(v, 12));
  });

  it("gives the minimum at p = 0, the maximum at p = 1, and the value itself for one point", () => {
    const x = Float64Array.of(5, -2, 7.5, 0);
    expect(quantiles(x, [0, 1])).toEqual([-2, 7.5]);
    expect(quantiles(Float64Array.of(3.25), [0, 0.3, 1])).toEqual([3.25, 3.25, 3.25]);
    // The median of an even sample is the mean of the middle two.
    expect(quantiles(x, [0.5])).toEqual([2.5]);
  });

  it("does not mutate its input", () => {
    const x = Float64Array.of(9, 3, 7, 1, 5);
    quantiles(x, [0.2, 0.5, 0.8]);
    expect(Array.from(x)).toEqual([9, 3, 7, 1, 5]);
  });

  it("throws RangeError for no data and for p outside [0, 1]", () => {
    expect(() => quantiles(new Float64Array(0), [0.5])).toThrow(RangeError);
    expect(() => quantiles(Float64Array.of(1, 2), [1.5])).toThrow(RangeError);
    expect(() => quantiles(Float64Array.of(1, 2), [-0.1])).toThrow(RangeError);
    expect(() => quantiles(Float64Array.of(1, 2), [Number.NaN])).toThrow(RangeError);
  });

  it("equals sorting and indexing, for any sample and probabilities (property)", () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -3, max: 3 }));
    // Sizes past 600 exercise the sampling step of a selection algorithm.
    const sample = fc.oneof(fc.array(value, { minLength: 1, maxLength: 50 }), fc.array(value, { minLength: 600, maxLength: 2500 }));
    fc.assert(
      fc.property(sample, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 9 }), (values, ps) => {
        const x = Float64Array.from(values);
        const sorted = Float64Array.from(values).sort();
        const expected = quantilesSorted(sorted, ps);
        const actual = quantiles(x, ps);
        // == (not Object.is): -0 and 0 are the same quantile.
        actual.forEach((q, j) => expect(q === expected[j], `p=${ps[j]}: ${q} vs ${expected[j]}`).toBe(true));
      }),
      { numRuns: 200 },
    );
  });
});

describe("quantileName", () => {
  it("is p and the percentile, at least two digits", () => {
    expect(quantileName(0.05)).toBe("p05");
    expect(quantileName(0.5)).toBe("p50");
    expect(quantileName(0.025)).toBe("p2.5");
    expect(quantileName(0.975)).toBe("p97.5");
    expect(quantileName(0.95)).toBe("p95");
    expect(quantileName(0.01)).toBe("p01");
    // Float noise in p * 100 does not leak into the name (0.07 * 100 = 7.000000000000001).
    expect(quantileName(0.07)).toBe("p07");
    expect(quantileName(0.001)).toBe("p0.1");
  });
});

describe("quantile columns of a run", () => {
  // Regression: quantileName rounds to 10 decimals of a percent, so 0.5 and 0.50000000000001 are
  // both "p50"; runScenario keeps both in meta.quantiles but the row has one p50 column (the second
  // overwrites the first). Expected: an InputError for colliding quantiles, or distinct columns.
  it("either rejects quantiles whose names collide or gives each its own column", async () => {
    const { runScenario } = await import("../../src/engine/run.ts");
    const input = {
      name: "q",
      calendar: { start: "2020Q1", end: "2020Q1" },
      providers: [{ id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 0, max: 1 }, growth: 0 } }],
    };
    let result;
    try {
      result = runScenario(input, { paths: 50, seed: 1, quantiles: [0.5, 0.50000000000001] });
    } catch {
      return;
    }
    const columns = Object.keys(result.rows[0]).filter((key) => /^p\d/.test(key));
    expect(columns).toHaveLength(result.meta.quantiles.length);
  });
});
